// Everything the rendered-page cache (app/lib/rendered-pages.server.ts) reads on every request,
// in one prepared statement: the session (as readSession reads it, timeouts and touch settled the same
// way), the user (as getOptionalUser reads it: inactive is signed out), the user's grants and
// committee roots (as loadPrincipal reads them), the header's unread count and the page data
// version. Seven round trips become one; a page hit then costs this and, where the page shows
// names, the name-read insert.
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { preparedRows } from "./prepared";
import type { GrantFacts, SessionUser } from "../../domain/access";
import { hashSessionId, sessionState, settleSession, type SessionState, type SessionTimeouts } from "./sessions";

export interface Viewer {
  user: SessionUser;
  grants: GrantFacts["grants"];
  committeeUnits: GrantFacts["committeeUnits"];
  unread: number;
  /** page_data_version: the rendered pages' generation. */
  version: number;
}

/** The signed-in viewer of session `id`, or null (no live session, timed out, or the user inactive). */
export async function readViewer(db: Database, id: string, timeouts: SessionTimeouts): Promise<Viewer | null> {
  const idHash = hashSessionId(id);
  const [row] = await preparedRows<SessionState & {
    email: string; displayName: string; language: "da" | "en"; employeeId: string | null; active: boolean;
    grants: GrantFacts["grants"]; committeeUnits: GrantFacts["committeeUnits"]; unread: number; version: number;
  }>(db, "rendered_page_viewer", sql`
    select ${sessionState(timeouts)},
      u.email, u.display_name as "displayName", u.language, u.employee_id as "employeeId", u.active,
      coalesce((select json_agg(json_build_object('role', r.role, 'unitId', r.unit_id, 'committeeId', r.committee_id)
        order by r.role, r.unit_id nulls first, r.committee_id nulls first) from user_roles r where r.user_id = u.id), '[]') as grants,
      coalesce((select json_agg(json_build_object('committeeId', c.committee_id, 'unitId', c.unit_id) order by c.committee_id, c.unit_id)
        from committee_units c where c.committee_id in (select r.committee_id from user_roles r where r.user_id = u.id)), '[]') as "committeeUnits",
      (select count(*)::int from notifications n where n.user_id = u.id and n.read_at is null) as unread,
      (select v.version::float8 from page_data_version v where v.id = 1) as version
    from user_sessions join users u on u.id = user_sessions.user_id
    where user_sessions.id_hash = ${idHash} and user_sessions.ended_at is null`);
  const userId = await settleSession(db, idHash, row);
  if (userId === null || !row || !row.active) return null;
  return {
    user: { id: userId, email: row.email, displayName: row.displayName, language: row.language, employeeId: row.employeeId },
    grants: row.grants, committeeUnits: row.committeeUnits, unread: row.unread, version: row.version,
  };
}
