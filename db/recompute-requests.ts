// recompute_requests: the durable record of what must be recomputed, and its one writer. Imports
// and settings changes create a request inside their own transaction (so a change and its
// request commit together); the recompute job claims, finishes or fails it; the dispatcher and the
// in-process loop read the open ones. Redis only ever carries the request's id.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "./client";

/** What a request covers: days (absent = from the earliest fact / through the current week) and units. */
export interface RequestScope {
  from?: string | null;
  to?: string | null;
  unitIds?: number[] | null;
}

export interface RecomputeRequestRow {
  id: number;
  status: string;
  source: string;
  unitIds: number[] | null;
  fromDate: string | null;
  toDate: string | null;
}

/**
 * A durable request, in the caller's transaction when it has one (imports, settings). No unit list
 * = every unit; an empty list (an import whose rows named no unit) is kept as given, so the jobs
 * page shows 0 units rather than all.
 */
export async function createRecomputeRequest(db: Database, source: string, scope: RequestScope = {}): Promise<number> {
  const unitIds = scope.unitIds ? sql`${`{${scope.unitIds.join(",")}}`}::int[]` : sql`null`;
  const rows = await queryRows<{ id: number }>(db, sql`
    insert into recompute_requests (source, unit_ids, from_date, to_date)
    values (${source}, ${unitIds}, ${scope.from ?? null}::date, ${scope.to ?? null}::date)
    returning id::int as id`);
  return rows[0].id;
}

/** Marks the request running for one more attempt; null when it is already done (a duplicate delivery). */
export async function claimRecomputeRequest(db: Database, requestId: number): Promise<RecomputeRequestRow | null> {
  const claimed = await queryRows<RecomputeRequestRow>(db, sql`
    update recompute_requests set status = 'running', attempts = attempts + 1, started_at = now(), error = null
    where id = ${requestId} and status <> 'done'
    returning id, status, source, unit_ids as "unitIds", from_date::text as "fromDate", to_date::text as "toDate"`);
  return claimed[0] ?? null;
}

export async function finishRecomputeRequest(db: Database, requestId: number): Promise<void> {
  await db.execute(sql`update recompute_requests set status = 'done', finished_at = now() where id = ${requestId}`);
}

/**
 * Records a failed attempt. Pending while another attempt will come, so a sweep after a Redis
 * restart still finds it; failed when the attempts are used up.
 */
export async function failRecomputeRequest(db: Database, requestId: number, message: string, willRetry: boolean): Promise<void> {
  const status = willRetry ? "pending" : "failed";
  await db.execute(sql`update recompute_requests set status = ${status}, finished_at = now(), error = ${message} where id = ${requestId}`);
}

/**
 * Closes the pending import requests a full recompute in the caller's transaction has answered
 * (the demo seed: one aggregation over the full range instead of one per import). Returns their ids.
 */
export async function closeAnsweredImportRequests(tx: Database): Promise<number[]> {
  const closed = await queryRows<{ id: number }>(tx, sql`
    update recompute_requests set status = 'done', attempts = attempts + 1, started_at = now(), finished_at = now()
    where status = 'pending' and source like 'import:%' returning id::int as id`);
  return closed.map((r) => r.id);
}

/** Requests that still need a run, in id order: pending ones, and running ones whose worker may have died. */
export async function openRecomputeRequests(db: Database): Promise<{ id: number; attempts: number }[]> {
  return queryRows<{ id: number; attempts: number }>(db, sql`
    select id::int as id, attempts from recompute_requests where status in ('pending', 'running') order by id`);
}

/**
 * How many recompute requests other than `requestId` are pending, running, or failed since the
 * last completed full recompute: changes not yet folded into the rollups.
 */
export function unfoldedRequestsSql(requestId: number | null): SQL {
  return sql`select count(*)::int from recompute_requests r
        where r.status <> 'done' and r.id is distinct from ${requestId}::bigint
          and r.requested_at >= coalesce((select max(started_at) from recompute_requests
                                          where status = 'done' and from_date is null and to_date is null), '-infinity')`;
}
