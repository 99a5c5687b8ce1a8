// Recent weeks carried forward from the stored week before them. A week's figures are the week
// before's plus the changes that fall in the week: the week's rows of the two ledgers
// (db/load-ledger.ts), one index range each (week first in their keys), instead of every period
// open on its Sunday.
//
// That is exact only while the stored week before is exact: `carryForwardReady` checks it, and the
// caller falls back to the full sweep of the range (which needs nothing stored) whenever it is not.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../../../db/client";
import { IMPORT_LOCK } from "../../../../db/locks";
import { IMPORT_KINDS } from "../../../../db/schema";
import { addDays } from "../../../../domain/calendar";
import { SCALE, weeksSql, type WeekRange } from "./deltas";
import { weightsSql } from "../../../../db/load-ledger";
import { unfoldedRequestsSql } from "../../../../db/recompute-requests";

/**
 * Whether the stored rollups may be carried forward into `range`, inside the recomputing
 * transaction. First waits for running imports and holds new ones off until this transaction ends
 * (shared locks on every import kind), so no fact can change between the check and the reads.
 * Then: every recorded change is folded in (no recompute request other than `requestId` is
 * pending, running, or failed since the last completed full recompute), and the week before the
 * range is stored for every unit.
 */
export async function carryForwardReady(tx: Database, range: WeekRange, requestId: number | null = null): Promise<boolean> {
  // One statement for all kinds, in kind order (as every import takes its own kind's lock).
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${IMPORT_LOCK}, k)
    from generate_series(0, ${IMPORT_KINDS.length - 1}::int) k order by k`);
  const base = addDays(range.fromWeek, -7);
  const [state] = await queryRows<{ unfolded: number; stored: number; units: number }>(tx, sql`
    select
      (${unfoldedRequestsSql(requestId)}) as unfolded,
      (select count(*)::int from load_unit_week where week_start = ${base}::date) as stored,
      (select count(*)::int from units) as units`);
  return state.unfolded === 0 && state.units > 0 && state.stored === state.units;
}

/**
 * load_unit_week for the range: the stored week before, plus the range's rows of the subtree
 * ledger (one index range: a week for all units reads only that week's rows).
 */
export function unitWeeksFromBaseSql(r: WeekRange, into = "load_unit_week") {
  const w0 = sql`${r.fromWeek}::date`;
  const w1 = sql`${r.toWeek}::date`;
  return sql`
    with weeks as (${weeksSql(r)}),
    ${weightsSql},
    subtree_deltas as (
      select d.unit_id, d.week_start as wk, d.complexity_1 + d.complexity_2 + d.complexity_3 as open,
             d.unassigned, d.complexity_1 * wt.w1 + d.complexity_2 * wt.w2 + d.complexity_3 * wt.w3 as weight,
             d.flagged, d.mismatched, d.fte, d.new_cases, d.closed_cases
      from load_subtree_ledger d cross join weights wt
      where d.week_start between ${w0} and ${w1}
    ),
    base as (
      select unit_id, open_cases, unassigned_cases, weighted_sum as weight, flagged_cases,
             mismatched_cases, round(caseworker_fte * ${SCALE})::bigint as fte
      from load_unit_week where week_start = ${w0} - 7
    ),
    running as (
      select b.unit_id, w.wk, coalesce(d.new_cases, 0) as new_cases, coalesce(d.closed_cases, 0) as closed_cases,
        b.open_cases + sum(coalesce(d.open, 0)) over u as open, b.unassigned_cases + sum(coalesce(d.unassigned, 0)) over u as unassigned,
        b.weight + sum(coalesce(d.weight, 0)) over u as weight, b.flagged_cases + sum(coalesce(d.flagged, 0)) over u as flagged,
        b.mismatched_cases + sum(coalesce(d.mismatched, 0)) over u as mismatched, b.fte + sum(coalesce(d.fte, 0)) over u as fte
      from base b cross join weeks w
      left join subtree_deltas d on d.unit_id = b.unit_id and d.wk = w.wk
      window u as (partition by b.unit_id order by w.wk)
    ),
    inserted as (
      insert into ${sql.raw(into)} (unit_id, week_start, open_cases, unassigned_cases, caseworker_fte, weighted_sum,
                                  flagged_cases, mismatched_cases, new_cases, closed_cases)
      select r.unit_id, r.wk, r.open, r.unassigned, trim_scale(r.fte::numeric / ${SCALE}), trim_scale(r.weight),
             r.flagged, r.mismatched, r.new_cases, r.closed_cases
      from running r
      returning 1
    )
    select count(*)::int as n from inserted`;
}

/**
 * load_caseworker_week for the range from the stored week before (a holder absent there held
 * nothing) plus each holder's rows of the holders' ledger in the range; as in the full sweep,
 * only holder-weeks with open cases.
 */
export function caseworkerWeeksFromBaseSql(r: WeekRange, into = "load_caseworker_week") {
  const w0 = sql`${r.fromWeek}::date`;
  const w1 = sql`${r.toWeek}::date`;
  return sql`
    with weeks as (${weeksSql(r)}),
    ${weightsSql},
    holder_deltas as (
      select unit_id, employee_id as caseworker_id, week_start as wk, complexity_1 + complexity_2 + complexity_3 as open,
             complexity_1 * wt.w1 + complexity_2 * wt.w2 + complexity_3 * wt.w3 as weight,
             flagged, specialised, mismatched
      from load_holder_ledger cross join weights wt where week_start between ${w0} and ${w1}
    ),
    base as (
      select unit_id, employee_id as caseworker_id, open_cases, weighted_sum as weight,
             flagged_cases, specialised_cases, mismatched_cases
      from load_caseworker_week where week_start = ${w0} - 7
    ),
    holders as (select unit_id, caseworker_id from base union select unit_id, caseworker_id from holder_deltas),
    running as (
      select h.unit_id, h.caseworker_id, w.wk,
        coalesce(b.open_cases, 0) + sum(coalesce(d.open, 0)) over hw as open,
        coalesce(b.weight, 0) + sum(coalesce(d.weight, 0)) over hw as weight,
        coalesce(b.flagged_cases, 0) + sum(coalesce(d.flagged, 0)) over hw as flagged,
        coalesce(b.specialised_cases, 0) + sum(coalesce(d.specialised, 0)) over hw as specialised,
        coalesce(b.mismatched_cases, 0) + sum(coalesce(d.mismatched, 0)) over hw as mismatched
      from holders h cross join weeks w
      left join base b on b.unit_id = h.unit_id and b.caseworker_id = h.caseworker_id
      left join holder_deltas d on d.unit_id = h.unit_id and d.caseworker_id = h.caseworker_id and d.wk = w.wk
      window hw as (partition by h.unit_id, h.caseworker_id order by w.wk)
    ),
    inserted as (
      insert into ${sql.raw(into)} (unit_id, week_start, employee_id, open_cases, weighted_sum, flagged_cases, specialised_cases, mismatched_cases)
      select unit_id, wk, caseworker_id, open, trim_scale(weight::numeric), flagged, specialised, mismatched
      from running where open > 0
      returning 1
    )
    select count(*)::int as n from inserted`;
}
