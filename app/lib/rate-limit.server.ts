// Failed-login throttling (ADR 0010): a growing delay keyed on the account and the client address
// together, kept in Postgres (login_throttle) so every web process counts the same failures.
// Someone guessing one account from one address waits longer after each wrong password; the
// account's owner at another address, and the colleagues behind the same office address, are not
// held up by it. The key is a SHA-256 of both, so the table holds neither in clear.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";

/** Wrong passwords allowed in a row before any wait. */
export const FREE_FAILURES = 2;
/** The wait after the first failure past the free ones; it doubles with each further failure. */
export const FIRST_DELAY_SECONDS = 5;
export const MAX_DELAY_SECONDS = 15 * 60;
/** Failures older than this are forgotten. */
export const FORGET_AFTER_HOURS = 24;

/** Seconds to wait after `failures` wrong passwords in a row: 0, 0, 5, 10, 20, … up to 15 minutes. */
export function delaySeconds(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES - 1));
}

export function throttleKey(email: string, address: string): string {
  return crypto.createHash("sha256").update(`${email.trim().toLowerCase()}\n${address}`).digest("hex");
}

/** Seconds before this account may be tried again from this address (0: now). */
export async function loginWaitSeconds(db: Database, key: string): Promise<number> {
  const [row] = await queryRows<{ failures: number; since: number }>(db, sql`
    select failures, extract(epoch from now() - last_failure_at)::float8 as since from login_throttle
    where key_hash = ${key} and last_failure_at > now() - make_interval(hours => ${FORGET_AFTER_HOURS}::int)`);
  if (!row) return 0;
  return Math.max(0, Math.ceil(delaySeconds(row.failures) - row.since));
}

export async function recordLoginFailure(db: Database, key: string): Promise<void> {
  await db.execute(sql`
    insert into login_throttle (key_hash, failures, last_failure_at) values (${key}, 1, now())
    on conflict (key_hash) do update set
      failures = case when login_throttle.last_failure_at < now() - make_interval(hours => ${FORGET_AFTER_HOURS}::int) then 1 else login_throttle.failures + 1 end,
      last_failure_at = now()`);
  // Bounds the table when many addresses or made-up accounts are tried.
  await db.execute(sql`delete from login_throttle where last_failure_at < now() - make_interval(hours => ${FORGET_AFTER_HOURS}::int)`);
}

export async function clearLoginFailures(db: Database, key: string): Promise<void> {
  await db.execute(sql`delete from login_throttle where key_hash = ${key}`);
}
