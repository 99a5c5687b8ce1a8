// A local OpenID Connect provider (panva's oidc-provider, a dev dependency) for the demo
// (`npm run demo -- --sso`) and the tests: users whose tokens carry roles or groups, a login screen
// that takes the user id and any password, consent granted automatically, RP-initiated logout.
// Loopback only; never a production identity provider.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface IdpUser {
  sub: string;
  name: string;
  email: string;
  roles?: string[];
  groups?: string[];
  /** Entra ID's group overage: no groups in the token, a pointer to Graph instead. */
  overage?: boolean;
}

export interface IdpClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export interface LocalIdp {
  issuer: string;
  /** Sets the product's client (its address may only be known after the IdP is listening). */
  register(client: IdpClient): Promise<void>;
  close(): Promise<void>;
}

export interface LocalIdpOptions {
  port?: number;
  host?: string;
  /** Tests wrap the provider's handler (e.g. to run its token endpoint on a wrong clock). */
  wrap?: (handler: http.RequestListener) => http.RequestListener;
}

export async function startLocalIdp(users: readonly IdpUser[], options: LocalIdpOptions = {}): Promise<LocalIdp> {
  const { default: Provider } = await import("oidc-provider");
  const host = options.host ?? "127.0.0.1";
  let handler: http.RequestListener | null = null;
  const server = http.createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end("no client registered yet");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;

  const register = async (client: IdpClient) => {
    const provider = new Provider(issuer, {
      clients: [{
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        post_logout_redirect_uris: [client.postLogoutRedirectUri],
        token_endpoint_auth_method: "client_secret_post",
      }],
      async findAccount(_ctx: unknown, id: string) {
        const user = users.find((u) => u.sub === id);
        if (!user) return undefined;
        return {
          accountId: id,
          async claims() {
            return {
              sub: user.sub, name: user.name, email: user.email, email_verified: true,
              ...(user.roles ? { roles: user.roles } : {}),
              ...(user.overage
                ? { _claim_names: { groups: "src1" }, _claim_sources: { src1: { endpoint: `https://graph.microsoft.com/v1.0/users/${user.sub}/getMemberObjects` } } }
                : user.groups ? { groups: user.groups } : {}),
            };
          },
        };
      },
      claims: { openid: ["sub", "roles", "groups"], email: ["email", "email_verified"], profile: ["name"] },
      // Custom claims (roles, groups) go into the ID token, as Entra ID does.
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      cookies: { keys: ["local-idp-cookie-key"] },
      // A first-party client: no consent screen.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- oidc-provider has no types
      async loadExistingGrant(ctx: any) {
        const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
        grant.addOIDCScope("openid email profile");
        grant.addOIDCClaims(["roles", "groups"]);
        await grant.save();
        return grant;
      },
    });
    // oidc-provider prints "Unsupported runtime" and dev-key notices on Node 20: harmless here.
    const callback: http.RequestListener = provider.callback();
    handler = options.wrap ? options.wrap(callback) : callback;
  };

  return {
    issuer,
    register,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
