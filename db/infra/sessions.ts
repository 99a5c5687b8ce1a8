// Server-side sessions (ADR 0010): the cookie carries a random id, Postgres says whether it is
// still good. Every end is recorded with its reason; the clock is the database's, so every web
// process agrees on idle and absolute timeouts.
import crypto from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import type { SessionEndReason } from "../schema/sessions";

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteMinutes: number;
}

/** last_seen_at is written at most this often, so reading a page is not a write every time. */
const TOUCH_EVERY_SECONDS = 60;

/** 256 random bits, URL-safe. */
export function newSessionId(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashSessionId(id: string): string {
  return crypto.createHash("sha256").update(id).digest("hex");
}

/** Starts a session for the user; returns the id for the cookie (only its hash is stored). */
export async function startSession(db: Database, userId: number): Promise<string> {
  const id = newSessionId();
  await db.execute(sql`insert into user_sessions (id_hash, user_id) values (${hashSessionId(id)}, ${userId})`);
  return id;
}

/**
 * The user of a live session, or null. A session past its idle or absolute timeout is ended here
 * (with that reason) and gives null; a live one has its last_seen_at moved on.
 */
export async function readSession(db: Database, id: string, timeouts: SessionTimeouts): Promise<number | null> {
  const idHash = hashSessionId(id);
  const [row] = await queryRows<SessionState>(db, sql`
    select ${sessionState(timeouts)} from user_sessions where id_hash = ${idHash} and ended_at is null`);
  return settleSession(db, idHash, row);
}

/** What a read of a live session row tells: whose it is, and whether it timed out or wants touching. */
export interface SessionState {
  userId: number;
  idle: boolean;
  absolute: boolean;
  touch: boolean;
}

/** The columns of SessionState, for a select on user_sessions (a reader may join more to it). */
export function sessionState(timeouts: SessionTimeouts): SQL {
  return sql`user_sessions.user_id as "userId",
      user_sessions.last_seen_at < now() - make_interval(mins => ${timeouts.idleMinutes}::int) as idle,
      user_sessions.created_at < now() - make_interval(mins => ${timeouts.absoluteMinutes}::int) as absolute,
      user_sessions.last_seen_at < now() - make_interval(secs => ${TOUCH_EVERY_SECONDS}::int) as touch`;
}

/**
 * The user of the session row read (undefined: no live session), after what the read asks for:
 * a session past its idle or absolute timeout is ended with that reason (null), a live one has
 * its last_seen_at moved on when it is due.
 */
export async function settleSession(db: Database, idHash: string, row: SessionState | undefined): Promise<number | null> {
  if (!row) return null;
  if (row.absolute || row.idle) {
    await db.execute(sql`update user_sessions set ended_at = now(), end_reason = ${row.absolute ? "absolute" : "idle"} where id_hash = ${idHash} and ended_at is null`);
    return null;
  }
  if (row.touch) await db.execute(sql`update user_sessions set last_seen_at = now() where id_hash = ${idHash} and ended_at is null`);
  return row.userId;
}

export async function endSession(db: Database, id: string, reason: SessionEndReason): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(db, sql`
    update user_sessions set ended_at = now(), end_reason = ${reason} where id_hash = ${hashSessionId(id)} and ended_at is null returning 1 as n`);
  return rows.length > 0;
}

/** Ends every live session of the user (password, deactivation, grants, an administrator); returns how many. */
export async function endUserSessions(db: Database, userId: number, reason: SessionEndReason): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, sql`
    update user_sessions set ended_at = now(), end_reason = ${reason} where user_id = ${userId} and ended_at is null returning 1 as n`);
  return rows.length;
}
