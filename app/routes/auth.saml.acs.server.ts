// The auth.saml.acs route's server half: its action and loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { readFormData } from "~/lib/auth.server";
import { samlConfig } from "~/lib/sso/config.server";
import { finishSsoLogin, refusal } from "~/lib/sso/login.server";
import { checkAssertion, entitlementsFromProfile, identityFromProfile, samlClient } from "~/lib/sso/saml.server";
import { invariantResponse } from "~/lib/responses.server";

const Post = z.object({ SAMLResponse: z.string().min(1).max(900_000), RelayState: z.string().max(500).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const config = samlConfig();
  invariantResponse(config, "SAML er ikke sat op.", { status: 404 });
  const parsed = Post.safeParse(Object.fromEntries(await readFormData(request)));
  invariantResponse(parsed.success, "Ugyldigt SAML-svar", { status: 400 });
  const db = getDb();
  let profile;
  try {
    const result = await samlClient(db, config).validatePostResponseAsync({ SAMLResponse: parsed.data.SAMLResponse });
    if (!result.profile) throw new Error("no assertion");
    profile = result.profile;
    await checkAssertion(db, config, profile);
  } catch (error) {
    console.warn(`SAML login refused: ${error instanceof Error ? error.message : String(error)}`);
    return refusal("failed", "saml");
  }
  let entitlements;
  try {
    entitlements = entitlementsFromProfile(profile, config.cvr);
  } catch {
    return refusal("failed", "saml");
  }
  const { response } = await finishSsoLogin(db, request, "saml", identityFromProfile(profile), entitlements, parsed.data.RelayState ?? "/");
  return response;
}

export async function loader() {
  throw redirect("/login");
}
