// GET /auth/oidc/callback: the provider's answer. Register `${APP_URL}/auth/oidc/callback` as the
// redirect URI. Any failed check (state, nonce, PKCE, signature, issuer, audience, expiry) ends on
// the refusal page; the reason goes to the server log, never to the browser.

export { loader } from "./auth.oidc.callback.server";


