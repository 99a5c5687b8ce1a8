// The auth.oidc.callback route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { claimValues, hasGroupOverage, identityFromOidcClaims } from "../../domain/sso-claims";
import { oidcConfig } from "~/lib/sso/config.server";
import { clearFlow, readFlow, serializeLogoutHandle } from "~/lib/sso/cookies.server";
import { finishSsoLogin, refusal } from "~/lib/sso/login.server";
import { completeAuthorization } from "~/lib/sso/oidc.server";
import { saveOidcLogin } from "~/lib/sso/store.server";
import { invariantResponse } from "~/lib/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const config = oidcConfig();
  invariantResponse(config, "Single sign-on er ikke sat op.", { status: 404 });
  const clear = { "Set-Cookie": await clearFlow() };
  const flow = await readFlow(request);
  if (!flow) return refusal("failed", "oidc", clear);
  let result;
  try {
    result = await completeAuthorization(config, request, flow);
  } catch (error) {
    console.warn(`OIDC login refused: ${error instanceof Error ? error.message : String(error)}`);
    return refusal("failed", "oidc", clear);
  }
  if (config.rolesClaims.some((c) => hasGroupOverage(result.claims, c))) return refusal("overage", "oidc", clear);
  const db = getDb();
  const entitlements = config.rolesClaims.flatMap((c) => claimValues(result.claims, c)).map((value) => ({ value, unitCodes: [] }));
  const { response, userId } = await finishSsoLogin(db, request, "oidc", identityFromOidcClaims(result.issuer, result.claims), entitlements, flow.redirectTo);
  response.headers.append("Set-Cookie", clear["Set-Cookie"]);
  if (userId !== null) response.headers.append("Set-Cookie", await serializeLogoutHandle(await saveOidcLogin(db, userId, result.idToken)));
  return response;
}
