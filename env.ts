// The process environment, checked once by one schema. Every entry point (server, worker, CLI)
// reads configuration through here and fails at start with the field errors.
import { z } from "zod";
import { isValidIsoDate, todayInCopenhagen, type IsoDate } from "./domain/calendar";

/** An empty variable (`APP_TODAY= npm run demo`) counts as unset, as it always has. */
const blankAsUnset = (value: unknown) => (value === "" ? undefined : value);

/** APP_TODAY=YYYY-MM-DD fixes "today" for tests and reproducible demos; unset: the real clock. */
const AppToday = z.preprocess(blankAsUnset, z.string().refine(isValidIsoDate, { message: "expected a calendar date YYYY-MM-DD" }).optional());

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Unset: embedded PGlite in PGLITE_DIR. */
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  /** Unset: jobs run in-process. */
  REDIS_URL: z.string().url().optional(),
  /** Comma-separated; the first signs, all verify (rotation). Required in production. */
  SESSION_SECRET: z.string().optional(),
  /** A session unused this long ends (server-side). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(8 * 60),
  /** A session ends this long after login, however busy. */
  SESSION_ABSOLUTE_MINUTES: z.coerce.number().int().min(1).max(30 * 24 * 60).default(12 * 60),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  /** Whose X-Forwarded-For/-Host/-Proto count: "none", "loopback" or addresses/subnets, comma-separated. */
  TRUSTED_PROXIES: z.string().default("loopback"),
  /** Web processes `npm start` runs (server-cluster.ts); unset = one per core. Ignored without DATABASE_URL. */
  WEB_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
  IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(5_000_000),
  /** XLSX is a zip: refuse archives that unpack beyond this many bytes or entries. */
  XLSX_MAX_UNCOMPRESSED_BYTES: z.coerce.number().int().positive().default(300 * 1024 * 1024),
  XLSX_MAX_ENTRIES: z.coerce.number().int().positive().default(1000),
  /** GDPR: a former employee's personal data is pseudonymised this many years after their last employment ended. */
  RETENTION_YEARS_AFTER_EMPLOYMENT: z.coerce.number().int().min(1).max(50).default(5),
  /** GDPR: how long the log of who read named figures is kept. */
  NAME_READ_LOG_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(730),
  /** Key for the keyed hash that recognises a pseudonymised person's old id; falls back to SESSION_SECRET. */
  PSEUDONYMISATION_KEY: z.string().min(16).optional(),
  /** Accessibility statement: where users report barriers, and when the statement was last reviewed. */
  ACCESSIBILITY_CONTACT_EMAIL: z.string().email().default("digitalisering@kommune.dk"),
  ACCESSIBILITY_STATEMENT_DATE: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default("2026-12-02"),
  /** Unset: mails are kept in the outbox (/admin/mail) instead of sent. smtp://user:pass@host:587 or smtps://… */
  SMTP_URL: z.string().url().refine((u) => /^smtps?:\/\//.test(u), { message: "smtp:// or smtps://" }).optional(),
  MAIL_FROM: z.string().default("Arbejdsmiljø og belastning <no-reply@belastning.local>"),
  /** The address people open the product at: links in mails, SSO callbacks and SP metadata. Unset: http://HOST:PORT. */
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
  /** An XLSX part (over 1 MiB) compressed more than this many times is refused as a zip bomb. */
  XLSX_MAX_COMPRESSION_RATIO: z.coerce.number().int().min(10).default(100),
  /** Uploaded files imported at once per web process; the rest wait their turn. */
  IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** Evidence files on action plans: the largest upload, and for Office files (zips) the unpacked size. */
  EVIDENCE_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  EVIDENCE_MAX_UNCOMPRESSED_BYTES: z.coerce.number().int().positive().default(100 * 1024 * 1024),
  /** Connectors (docs/connectors.md): secrets only here, never on the connections page. */
  OS2MO_CLIENT_SECRET: z.string().optional(),
  SD_USERNAME: z.string().optional(),
  SD_PASSWORD: z.string().optional(),
  /** Key of the HMAC that turns CPR numbers from Opus and SD into stable pseudonymous employee ids. */
  CONNECTOR_PSEUDONYM_SECRET: z.string().min(32).optional(),
  APP_TODAY: AppToday,
  /** The demo's world: "full" (the municipality) or "small" (six teams, what the end-to-end tests use). */
  DEMO_SCALE: z.preprocess(blankAsUnset, z.enum(["full", "small"]).default("full")),
  /** "1": `npm run demo` also starts a local OpenID provider with the demo users (same as --sso). */
  DEMO_SSO: z.string().optional(),
  /** The first administrator's password for `npm run create-admin` (kept out of the shell history's arguments). */
  ADMIN_PASSWORD: z.string().optional(),
  /** Who runs a CLI command: the actor its audit entries name. */
  USER: z.string().optional(),
  /** BullMQ lock and stall timings of `npm run worker`; the fault test lowers them so a killed worker's job returns quickly. */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().positive().default(30_000),
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(1),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) throw invalidEnvironment(parsed.error);
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

/** Values that may hold a secret (URLs carry passwords) are never echoed into logs. */
const SECRET_LIKE = /SECRET|PASSWORD|KEY|CERT|URL/;

function invalidEnvironment(error: z.ZodError): Error {
  const lines = error.issues.map((issue) => {
    const name = issue.path.join(".");
    const value = process.env[name];
    const got = value !== undefined && !SECRET_LIKE.test(name) ? ` (got "${value}")` : "";
    return `  ${name}: ${issue.message}${got}`;
  });
  return new Error(`Invalid environment:\n${lines.join("\n")}`);
}

/**
 * The product's clock: noon UTC of APP_TODAY when it is set, otherwise the real clock. Read on
 * every call rather than from env()'s cache, because tests and the demo fix the day after start.
 */
export function clockNow(): Date {
  const parsed = z.object({ APP_TODAY: AppToday }).safeParse(process.env);
  if (!parsed.success) throw invalidEnvironment(parsed.error);
  const fixed = parsed.data.APP_TODAY;
  return fixed ? new Date(`${fixed}T12:00:00Z`) : new Date();
}

/** The business date: today in Europe/Copenhagen by the product's clock (clockNow). */
export function businessDate(): IsoDate {
  return todayInCopenhagen(clockNow());
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
