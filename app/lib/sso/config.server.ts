// Which sign-in methods are configured, from the environment (env.ts). SSO needs APP_URL: the
// callback and SP metadata addresses the provider's administrators register must be stable,
// whatever proxy headers a request arrives with.
import fs from "node:fs";
import { env } from "../../../env";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  /** OIDC_ROLES_CLAIM, comma-separated: e.g. "roles" (Entra ID app roles), "groups", or both. */
  rolesClaims: string[];
  providerName: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export interface SamlConfig {
  entryPoint: string;
  idpCert: string;
  idpIssuer: string | undefined;
  spEntityId: string;
  spKey: string | undefined;
  spCert: string | undefined;
  acsUrl: string;
  metadataUrl: string;
  cvr: string | undefined;
  providerName: string;
}

/** A PEM given inline, or the path of a file holding it. */
export function readPem(value: string): string {
  return value.includes("-----BEGIN") ? value.replace(/\\n/g, "\n") : fs.readFileSync(value, "utf8");
}

function appUrl(what: string): string {
  const url = env().APP_URL;
  if (!url) throw new Error(`APP_URL must be set when ${what} is configured`);
  return url.replace(/\/+$/, "");
}

export function oidcConfig(): OidcConfig | null {
  const e = env();
  if (!e.OIDC_ISSUER) return null;
  if (!e.OIDC_CLIENT_ID) throw new Error("OIDC_CLIENT_ID must be set with OIDC_ISSUER");
  const base = appUrl("OIDC_ISSUER");
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    scopes: e.OIDC_SCOPES.includes("openid") ? e.OIDC_SCOPES : `openid ${e.OIDC_SCOPES}`,
    rolesClaims: e.OIDC_ROLES_CLAIM.split(",").map((c) => c.trim()).filter(Boolean),
    providerName: e.OIDC_PROVIDER_NAME,
    redirectUri: `${base}/auth/oidc/callback`,
    postLogoutRedirectUri: `${base}/login`,
  };
}

export function samlConfig(): SamlConfig | null {
  const e = env();
  if (!e.SAML_ENTRY_POINT) return null;
  if (!e.SAML_IDP_CERT) throw new Error("SAML_IDP_CERT must be set with SAML_ENTRY_POINT");
  const base = appUrl("SAML_ENTRY_POINT");
  const metadataUrl = `${base}/auth/saml/metadata`;
  return {
    entryPoint: e.SAML_ENTRY_POINT,
    idpCert: readPem(e.SAML_IDP_CERT),
    idpIssuer: e.SAML_IDP_ISSUER,
    spEntityId: e.SAML_SP_ENTITY_ID ?? metadataUrl,
    spKey: e.SAML_SP_KEY ? readPem(e.SAML_SP_KEY) : undefined,
    spCert: e.SAML_SP_CERT ? readPem(e.SAML_SP_CERT) : undefined,
    acsUrl: `${base}/auth/saml/acs`,
    metadataUrl,
    cvr: e.SAML_CVR,
    providerName: e.SAML_PROVIDER_NAME,
  };
}

export interface LoginOptions {
  oidc: { name: string } | null;
  saml: { name: string } | null;
  /** Password login for everyone (AUTH_PASSWORD=on), or only the break-glass administrator. */
  password: "on" | "break-glass" | "off";
}

/** What the login page offers. */
export function loginOptions(): LoginOptions {
  const e = env();
  const oidc = e.OIDC_ISSUER ? { name: e.OIDC_PROVIDER_NAME } : null;
  const saml = e.SAML_ENTRY_POINT ? { name: e.SAML_PROVIDER_NAME } : null;
  const password = e.AUTH_PASSWORD === "on" ? "on" : e.AUTH_BREAK_GLASS_EMAIL ? "break-glass" : "off";
  return { oidc, saml, password };
}

/** May this e-mail address log in with a password? */
export function passwordAllowedFor(email: string): boolean {
  const e = env();
  if (e.AUTH_PASSWORD === "on") return true;
  return !!e.AUTH_BREAK_GLASS_EMAIL && e.AUTH_BREAK_GLASS_EMAIL.toLowerCase() === email.trim().toLowerCase();
}
