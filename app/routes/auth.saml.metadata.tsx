// GET /auth/saml/metadata: the SP metadata IT registers at KOMBIT or in ADFS (entity id, ACS URL,
// signing certificate). A stable address: the default SP entity id is this URL.

export { loader } from "./auth.saml.metadata.server";


