// The auth.saml.metadata route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { getDb } from "../../db/client";
import { samlConfig } from "~/lib/sso/config.server";
import { samlClient } from "~/lib/sso/saml.server";
import { invariantResponse } from "~/lib/responses.server";

export async function loader() {
  const config = samlConfig();
  invariantResponse(config, "SAML er ikke sat op.", { status: 404 });
  const xml = samlClient(getDb(), config).generateServiceProviderMetadata(null, config.spCert ?? null);
  return new Response(xml, { headers: { "Content-Type": "application/samlmetadata+xml; charset=utf-8" } });
}
