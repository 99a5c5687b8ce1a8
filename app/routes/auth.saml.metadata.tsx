// GET /auth/saml/metadata: the SP metadata IT registers at KOMBIT or in ADFS (entity id, ACS URL,
// signing certificate). A stable address: the default SP entity id is this URL.
import { getDb } from "~/lib/db.server";
import { samlConfig } from "~/lib/sso/config.server";
import { samlClient } from "~/lib/sso/saml.server";

export async function loader() {
  const config = samlConfig();
  if (!config) throw new Response("SAML er ikke sat op.", { status: 404 });
  const xml = samlClient(getDb(), config).generateServiceProviderMetadata(null, config.spCert ?? null);
  return new Response(xml, { headers: { "Content-Type": "application/samlmetadata+xml; charset=utf-8" } });
}
