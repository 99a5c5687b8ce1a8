// RP-initiated logout: after the product's own logout response is made, a user who signed in
// through OpenID Connect is sent on to the provider's end_session_endpoint (with the ID token as
// hint), which brings them back to /login.
import { getDb } from "../../../db/client";
import { takeOidcLogin } from "../../../db/infra/sso-stores";
import { oidcConfig } from "./config.server";
import { clearLogoutHandle, readLogoutHandle } from "./cookies.server";
import { endSessionUrl } from "./oidc.server";

export async function ssoLogout(request: Request, productLogout: Response): Promise<Response> {
  const handle = await readLogoutHandle(request);
  if (!handle) return productLogout;
  productLogout.headers.append("Set-Cookie", await clearLogoutHandle());
  const idToken = await takeOidcLogin(getDb(), handle);
  const config = oidcConfig();
  if (!config || !idToken) return productLogout;
  let target: URL | null = null;
  try {
    target = await endSessionUrl(config, idToken);
  } catch (error) {
    // The provider being down must not keep anyone signed in here: the product session is gone.
    console.warn(`OIDC end-session unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (target) productLogout.headers.set("Location", target.href);
  return productLogout;
}
