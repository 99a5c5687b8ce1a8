// An administrator ending a user's sessions (db/infra/sessions.ts keeps the sessions), recorded in
// the audit trail.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { recordAudit } from "../audit";

/**
 * An administrator ends one session of a user (named by its stored hash) or all of them; the
 * trail records how many, in the same transaction. Returns how many ended.
 */
export async function endSessionsAsAdmin(db: Database, userId: number, by: { userId?: number | null; actor?: string | null }, idHash?: string): Promise<number> {
  return db.transaction(async (t) => {
    const rows = await queryRows<{ n: number }>(t, sql`
      update user_sessions set ended_at = now(), end_reason = 'admin'
      where user_id = ${userId} and ended_at is null and (${idHash ?? null}::text is null or id_hash = ${idHash ?? null}::text)
      returning 1 as n`);
    if (rows.length > 0) await recordAudit(t, { ...by, action: "end_sessions", entity: "user", entityId: userId, after: { ended: rows.length } });
    return rows.length;
  });
}
