// OpenID Connect relying party on openid-client v6: discovery, authorization code flow with PKCE,
// state and nonce, ID token validation (issuer, audience, expiry, signature from the JWKS), userinfo
// when the ID token lacks the roles claim, and RP-initiated logout.
import * as client from "openid-client";
import type { OidcConfig } from "./config.server";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Plain HTTP only to a provider on this machine (tests, the demo); anything else must be HTTPS. */
export function insecureAllowed(issuer: string): boolean {
  const url = new URL(issuer);
  if (url.protocol === "https:") return false;
  if (!LOOPBACK.has(url.hostname)) throw new Error(`OIDC_ISSUER must use https (plain http only on loopback): ${issuer}`);
  return true;
}

let cached: { key: string; config: Promise<client.Configuration> } | undefined;

/** The discovered provider, once per process (a failed discovery is retried at the next login). */
export function providerConfiguration(config: OidcConfig): Promise<client.Configuration> {
  const key = `${config.issuer}|${config.clientId}`;
  if (cached?.key === key) return cached.config;
  const pending = client.discovery(
    new URL(config.issuer),
    config.clientId,
    config.clientSecret ? undefined : { token_endpoint_auth_method: "none" },
    config.clientSecret ? client.ClientSecretPost(config.clientSecret) : client.None(),
    insecureAllowed(config.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  cached = { key, config: pending };
  pending.catch(() => {
    if (cached?.config === pending) cached = undefined;
  });
  return pending;
}

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function startAuthorization(config: OidcConfig): Promise<AuthorizationStart> {
  const provider = await providerConfiguration(config);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: config.redirectUri,
    scope: config.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

export interface CallbackResult {
  issuer: string;
  claims: Record<string, unknown>;
  idToken: string;
}

/**
 * Exchanges the code and validates the ID token; throws on any mismatch (state, nonce, PKCE,
 * issuer, audience, expiry, signature). The callback address is rebuilt from APP_URL so the
 * redirect_uri sent to the token endpoint is the registered one behind any proxy.
 */
export async function completeAuthorization(
  config: OidcConfig,
  request: Request,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<CallbackResult> {
  const provider = await providerConfiguration(config);
  const callbackUrl = new URL(config.redirectUri);
  callbackUrl.search = new URL(request.url).search;
  const tokens = await client.authorizationCodeGrant(provider, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims || !tokens.id_token) throw new Error("no ID token");
  let claims: Record<string, unknown> = { ...idClaims };
  // Many providers put only the standard claims in the ID token and the rest behind userinfo.
  const userinfoEndpoint = provider.serverMetadata().userinfo_endpoint;
  if (!config.rolesClaims.some((c) => c in claims) && !("_claim_names" in claims) && userinfoEndpoint && tokens.access_token) {
    const userinfo = await client.fetchUserInfo(provider, tokens.access_token, idClaims.sub);
    claims = { ...userinfo, ...claims };
    for (const c of config.rolesClaims) if (c in userinfo) claims[c] = userinfo[c];
  }
  return { issuer: provider.serverMetadata().issuer, claims, idToken: tokens.id_token };
}

/** Where to send the browser to end the provider's session too, or null when it offers none. */
export async function endSessionUrl(config: OidcConfig, idToken: string | null): Promise<URL | null> {
  const provider = await providerConfiguration(config);
  if (!provider.serverMetadata().end_session_endpoint) return null;
  const params: Record<string, string> = { post_logout_redirect_uri: config.postLogoutRedirectUri, client_id: config.clientId };
  if (idToken) params.id_token_hint = idToken;
  return client.buildEndSessionUrl(provider, params);
}
