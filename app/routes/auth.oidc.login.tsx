// GET /auth/oidc/login?redirectTo=: starts the OpenID Connect login (the login page links here).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { oidcConfig } from "~/lib/sso/config.server";
import { serializeFlow } from "~/lib/sso/cookies.server";
import { loginTarget, refusal } from "~/lib/sso/login.server";
import { startAuthorization } from "~/lib/sso/oidc.server";
import { invariantResponse } from "~/lib/responses.server";

export async function loader(args: LoaderFunctionArgs) {
  const config = oidcConfig();
  invariantResponse(config, "Single sign-on er ikke sat op.", { status: 404 });
  const redirectTo = await loginTarget(args);
  let start;
  try {
    start = await startAuthorization(config);
  } catch (error) {
    console.error(`OIDC discovery failed: ${error instanceof Error ? error.message : String(error)}`);
    return refusal("unavailable", "oidc");
  }
  const cookie = await serializeFlow({ state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier, redirectTo });
  return redirect(start.url.href, { headers: { "Set-Cookie": cookie } });
}
