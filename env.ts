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
  /** A session unused this long ends (server-side). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(8 * 60),
  /** A session ends this long after login, however busy. */
  SESSION_ABSOLUTE_MINUTES: z.coerce.number().int().min(1).max(30 * 24 * 60).default(12 * 60),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(5_000_000),
  /** XLSX is a zip: refuse archives that unpack beyond this many bytes or entries. */
  XLSX_MAX_UNCOMPRESSED_BYTES: z.coerce.number().int().positive().default(1024 * 1024 * 1024),
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
  /** The address people open the product at, for links in mails. Unset: http://HOST:PORT. */
  APP_URL: z.string().url().optional(),
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
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
