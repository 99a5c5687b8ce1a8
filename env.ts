// The process environment, checked once by one schema. Every entry point (server, worker, CLI)
// reads configuration through here and fails at start with the field errors.
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Unset: embedded PGlite in PGLITE_DIR. */
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  /** Unset: jobs run in-process. */
  REDIS_URL: z.string().url().optional(),
  /** Comma-separated; the first signs, all verify (rotation). Required in production. */
  SESSION_SECRET: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(5_000_000),
  /** XLSX is a zip: refuse archives that unpack beyond this many bytes or entries. */
  XLSX_MAX_UNCOMPRESSED_BYTES: z.coerce.number().int().positive().default(1024 * 1024 * 1024),
  XLSX_MAX_ENTRIES: z.coerce.number().int().positive().default(1000),
  /** Single sign-on (app/lib/sso/config.server.ts): the product's public address, for callbacks and SP metadata. */
  APP_URL: z.string().url().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().default("openid profile email"),
  /** Comma-separated claim names holding the values to map: "roles" (Entra ID app roles), "groups", or both. */
  OIDC_ROLES_CLAIM: z.string().min(1).default("roles"),
  OIDC_PROVIDER_NAME: z.string().min(1).default("Microsoft Entra ID"),
  /** SAML 2.0 (KOMBIT Context Handler, ADFS): the IdP's SSO URL, its signing certificate (PEM or a file path). */
  SAML_ENTRY_POINT: z.string().url().optional(),
  SAML_IDP_CERT: z.string().min(1).optional(),
  SAML_IDP_ISSUER: z.string().min(1).optional(),
  /** The product's SP entity id; defaults to the metadata URL. */
  SAML_SP_ENTITY_ID: z.string().min(1).optional(),
  /** The SP's signing key and certificate (PEM or file paths): AuthnRequests are signed with them. */
  SAML_SP_KEY: z.string().min(1).optional(),
  SAML_SP_CERT: z.string().min(1).optional(),
  /** Only privileges in a PrivilegeGroup with Scope urn:dk:gov:saml:cvrNumberIdentifier:<this> count. */
  SAML_CVR: z.string().regex(/^\d{8}$/).optional(),
  SAML_PROVIDER_NAME: z.string().min(1).default("KOMBIT"),
  /** "off": only single sign-on, except the break-glass administrator below. */
  AUTH_PASSWORD: z.enum(["on", "off"]).default("on"),
  AUTH_BREAK_GLASS_EMAIL: z.string().email().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.SESSION_SECRET) {
    throw new Error("Invalid environment:\n  SESSION_SECRET: required in production (comma-separated for rotation)");
  }
  const sso = ssoProblems(parsed.data);
  if (sso.length) throw new Error(`Invalid environment:\n${sso.map((l) => `  ${l}`).join("\n")}`);
  cached = parsed.data;
  return cached;
}

/** Single sign-on settings that only make sense together (README "Connecting Entra ID / KOMBIT"). */
function ssoProblems(e: Env): string[] {
  const problems: string[] = [];
  if ((e.OIDC_ISSUER || e.SAML_ENTRY_POINT) && !e.APP_URL) problems.push("APP_URL: required with OIDC_ISSUER or SAML_ENTRY_POINT (callback and metadata addresses)");
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) problems.push("OIDC_CLIENT_ID: required with OIDC_ISSUER");
  if (e.SAML_ENTRY_POINT && !e.SAML_IDP_CERT) problems.push("SAML_IDP_CERT: required with SAML_ENTRY_POINT");
  if (e.AUTH_PASSWORD === "off" && !e.OIDC_ISSUER && !e.SAML_ENTRY_POINT) problems.push("AUTH_PASSWORD: off needs OIDC_ISSUER or SAML_ENTRY_POINT, or nobody could log in");
  return problems;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
