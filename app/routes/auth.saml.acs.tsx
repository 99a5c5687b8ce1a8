// POST /auth/saml/acs: the Assertion Consumer Service (HTTP-POST binding). A resource route: the
// IdP's page posts here from another site, which server.ts lets through for this path only; the
// signed assertion is the proof, not the Origin.

export { action, loader } from "./auth.saml.acs.server";


