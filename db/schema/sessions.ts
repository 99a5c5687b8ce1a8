// Signed-in sessions and failed-login throttling, both in Postgres so every web process sees the
// same state (ADR 0010).
import { sql } from "drizzle-orm";
import { pgTable, text, integer, timestamp, index, check } from "drizzle-orm/pg-core";
import { users } from "./access";

export const SESSION_END_REASONS = ["logout", "login", "password", "deactivated", "roles", "idle", "absolute", "admin"] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * One signed-in browser. The cookie carries a random 256-bit id; only its SHA-256 is stored, so a
 * copy of the table opens no session. Ended sessions stay (with why) until their user is deleted.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason", { enum: SESSION_END_REASONS }),
  },
  (t) => [
    index("user_sessions_user_idx").on(t.userId),
    check("user_sessions_end_reason_valid", sql`${t.endReason} is null or ${t.endReason} in ('logout','login','password','deactivated','roles','idle','absolute','admin')`),
    check("user_sessions_ended_with_reason", sql`(${t.endedAt} is null) = (${t.endReason} is null)`),
  ],
);

/**
 * Failed logins per account and client address together (a SHA-256 of both, so the table holds
 * neither an address nor a guessed e-mail in clear). Each failure lengthens the wait before the
 * next try from that address for that account; the owner elsewhere is not held up.
 */
export const loginThrottle = pgTable("login_throttle", {
  keyHash: text("key_hash").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("login_throttle_last_failure_idx").on(t.lastFailureAt)]);
