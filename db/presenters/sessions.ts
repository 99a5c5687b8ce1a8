// A user's live sessions, for the user administration page.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import type { SessionTimeouts } from "../infra/sessions";

export interface SessionRow {
  idHash: string;
  createdAt: string;
  lastSeenAt: string;
  /** When the timeouts will end it, if nothing else does first. */
  expiresAt: string;
}

/** The user's live sessions (not past a timeout), newest first, for the administration page. */
export async function liveSessions(db: Database, userId: number, timeouts: SessionTimeouts): Promise<SessionRow[]> {
  return queryRows<SessionRow>(db, sql`
    select id_hash as "idHash", to_json(created_at)#>>'{}' as "createdAt", to_json(last_seen_at)#>>'{}' as "lastSeenAt",
      to_json(least(last_seen_at + make_interval(mins => ${timeouts.idleMinutes}::int), created_at + make_interval(mins => ${timeouts.absoluteMinutes}::int)))#>>'{}' as "expiresAt"
    from user_sessions
    where user_id = ${userId} and ended_at is null
      and last_seen_at >= now() - make_interval(mins => ${timeouts.idleMinutes}::int)
      and created_at >= now() - make_interval(mins => ${timeouts.absoluteMinutes}::int)
    order by created_at desc, id_hash`);
}
