// GET /auth/saml/login?redirectTo=: sends a signed AuthnRequest to the IdP (HTTP-Redirect binding).

export { loader } from "./auth.saml.login.server";


