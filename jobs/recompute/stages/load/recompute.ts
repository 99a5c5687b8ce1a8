// Weekly caseload rollups (load_unit_week, load_caseworker_week) for a range of ISO weeks, set-based
// in Postgres. The definitions are domain/caseload.ts; this is the same arithmetic at scale.
//
// A range is either swept from zero (the +/− deltas of jobs/recompute/stages/load/deltas.ts summed over its weeks)
// or, when the stored week before it is exact, carried forward from it (jobs/recompute/stages/load/incremental.ts).
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../../../db/client";
import { useAggregationSettings } from "../../session-settings";
import { weekStart } from "../../../../domain/calendar";
import { caseworkerWeeksFromBaseSql, unitWeeksFromBaseSql } from "./incremental";
import { writeInserted } from "../../replace-rows";
import { SCALE, type WeekRange } from "./deltas";
import { ensureLedger, weightsSql } from "../../../../db/load-ledger";
import { caseworkerWindowStart } from "../../../../domain/caseload";

export type { WeekRange } from "./deltas";

export function normaliseWeekRange(from: string, to: string): WeekRange {
  const fromWeek = weekStart(from);
  const toWeek = weekStart(to);
  if (toWeek < fromWeek) throw new Error(`Empty week range: ${from} – ${to}`);
  return { fromWeek, toWeek };
}

/**
 * The running load figures of every unit (its whole subtree) and week of the range, from the
 * subtree ledger alone (db/load-ledger.ts): the sum of its rows before the range, plus a running
 * sum over the range's rows, each held until the unit's next row (the week's new and closed cases
 * only in their own week); the weeks before a unit's first row of the range hold its state before
 * the range (zeros for a unit with nothing). A row per unit of `units` and week, each made once:
 * no grid of units × weeks joined to the sums (at national scale that join and its sorts were
 * two thirds of the statement). CTEs ending in `rolled (unit_id, wk, c1, c2, c3, unassigned,
 * flagged, mismatched, fte, new_cases, closed_cases)`.
 */
function subtreeWeeksFromLedgerSql(r: WeekRange): SQL {
  const w0 = sql`${r.fromWeek}::date`;
  const w1 = sql`${r.toWeek}::date`;
  const held = (column: string) => sql.raw(`coalesce(b.${column}, 0) + s.${column}`);
  const before = (column: string) => sql.raw(`coalesce(b.${column}, 0)`);
  return sql`
    base as (
      select unit_id, sum(complexity_1)::int as c1, sum(complexity_2)::int as c2, sum(complexity_3)::int as c3,
             sum(unassigned)::int as unassigned, sum(flagged)::int as flagged, sum(mismatched)::int as mismatched, sum(fte)::bigint as fte
      from load_subtree_ledger where week_start < ${w0} group by unit_id
    ),
    firsts as (select unit_id, min(week_start) as wk from load_subtree_ledger where week_start between ${w0} and ${w1} group by unit_id),
    steps as not materialized (
      select unit_id, week_start as wk, lead(week_start) over u as next_wk,
        (sum(complexity_1) over u)::int as c1, (sum(complexity_2) over u)::int as c2, (sum(complexity_3) over u)::int as c3,
        (sum(unassigned) over u)::int as unassigned, (sum(flagged) over u)::int as flagged,
        (sum(mismatched) over u)::int as mismatched, (sum(fte) over u)::bigint as fte, new_cases, closed_cases
      from load_subtree_ledger where week_start between ${w0} and ${w1}
      window u as (partition by unit_id order by week_start)
    ),
    rolled as (
      select s.unit_id, s.wk + 7 * g.i as wk, ${held("c1")} as c1, ${held("c2")} as c2, ${held("c3")} as c3,
        ${held("unassigned")} as unassigned, ${held("flagged")} as flagged, ${held("mismatched")} as mismatched, ${held("fte")} as fte,
        case when g.i = 0 then s.new_cases else 0 end as new_cases, case when g.i = 0 then s.closed_cases else 0 end as closed_cases
      from steps s
      join units u on u.id = s.unit_id
      left join base b on b.unit_id = s.unit_id
      cross join lateral generate_series(0, (coalesce(s.next_wk - 7, ${w1}) - s.wk) / 7) as g(i)
      union all
      select u.id, ${w0} + 7 * g.i, ${before("c1")}, ${before("c2")}, ${before("c3")},
        ${before("unassigned")}, ${before("flagged")}, ${before("mismatched")}, ${before("fte")}::bigint, 0, 0
      from units u
      left join base b on b.unit_id = u.id
      left join firsts f on f.unit_id = u.id
      cross join lateral generate_series(0, (coalesce(f.wk, ${w1} + 7) - ${w0}) / 7 - 1) as g(i)
    )`;
}

/** Inserts load_unit_week rows for every unit and week of the range (units with nothing get zeros), from the ledger. */
export function unitWeeksSql(r: WeekRange, into = "load_unit_week") {
  return sql`
    with ${subtreeWeeksFromLedgerSql(r)},
    ${weightsSql},
    -- trim_scale: the same value is stored with the same digits however the sums were reached,
    -- so a range recompute and a full one write identical rows. Weighted = Σ count × weight, exact.
    inserted as (
      insert into ${sql.raw(into)} (unit_id, week_start, open_cases, unassigned_cases, caseworker_fte, weighted_sum,
                                  flagged_cases, mismatched_cases, new_cases, closed_cases)
      select s.unit_id, s.wk, s.c1 + s.c2 + s.c3, s.unassigned, trim_scale(s.fte::numeric / ${SCALE}),
             trim_scale((s.c1 * wt.w1 + s.c2 * wt.w2 + s.c3 * wt.w3)::numeric),
             s.flagged, s.mismatched, s.new_cases, s.closed_cases
      from rolled s cross join weights wt
      returning 1
    )
    select count(*)::int as n from inserted`;
}

/**
 * Inserts load_caseworker_week rows: one per holder, team and week of the range with open cases,
 * from the holders' ledger alone (db/load-ledger.ts): each holder's rows before the range summed
 * into its first week, then a running sum per holder, each step held until the holder's next row.
 */
export function caseworkerWeeksSql(r: WeekRange, into = "load_caseworker_week") {
  const w0 = sql`${r.fromWeek}::date`;
  const w1 = sql`${r.toWeek}::date`;
  return sql`
    with ${weightsSql},
    holder_deltas as (
      select unit_id, employee_id, wk,
             sum(complexity_1) as c1, sum(complexity_2) as c2, sum(complexity_3) as c3,
             sum(flagged) as flagged, sum(specialised) as specialised, sum(mismatched) as mismatched
      from (select l.*, greatest(l.week_start, ${w0}) as wk from load_holder_ledger l where l.week_start <= ${w1}) l
      group by unit_id, employee_id, wk
    ),
    steps as (
      select unit_id, employee_id, wk, lead(wk) over h as next_wk,
        sum(c1) over h as c1, sum(c2) over h as c2, sum(c3) over h as c3, sum(flagged) over h as flagged,
        sum(specialised) over h as specialised, sum(mismatched) over h as mismatched
      from holder_deltas
      window h as (partition by unit_id, employee_id order by wk)
    ),
    inserted as (
      insert into ${sql.raw(into)} (unit_id, week_start, employee_id, open_cases, weighted_sum, flagged_cases, specialised_cases, mismatched_cases)
      select s.unit_id, s.wk + 7 * g.i, s.employee_id, s.c1 + s.c2 + s.c3,
             trim_scale((s.c1 * wt.w1 + s.c2 * wt.w2 + s.c3 * wt.w3)::numeric), s.flagged, s.specialised, s.mismatched
      from steps s
      cross join weights wt
      cross join lateral generate_series(0, (coalesce(s.next_wk - 7, ${w1}) - s.wk) / 7) as g(i)
      where s.c1 + s.c2 + s.c3 > 0
      returning 1
    )
    select count(*)::int as n from inserted`;
}

/** Unit ids must fit the 20 bits the new/closed packing gives them. */
export const UNIT_ID_LIMIT = 1_048_576;

export interface RecomputeLoadOptions {
  /**
   * The caller has checked (jobs/recompute/stages/load/incremental.ts `carryForwardReady`) that the stored week
   * before the range is exact: the range is then carried forward from it instead of swept.
   */
  carryForward?: boolean;
  /**
   * The tables are fresh and empty (a full run's build, jobs/recompute/swap.ts): the rows are
   * inserted straight in. Otherwise the range's rows are computed aside and only those that
   * differ from the stored ones are written (jobs/recompute/replace-rows.ts).
   */
  freshTables?: boolean;
}

const UNIT_WEEK = {
  target: "load_unit_week", stage: "load_unit_week_stage", keys: ["unit_id", "week_start"],
  values: ["open_cases", "unassigned_cases", "caseworker_fte", "weighted_sum", "flagged_cases", "mismatched_cases", "new_cases", "closed_cases"],
} as const;
const CASEWORKER_WEEK = {
  target: "load_caseworker_week", stage: "load_caseworker_week_stage", keys: ["unit_id", "week_start", "employee_id"],
  values: ["open_cases", "weighted_sum", "flagged_cases", "specialised_cases", "mismatched_cases"],
} as const;

/** One rollup's rows for weeks [from, to], inserted by `insert(into)` (jobs/recompute/replace-rows.ts writeInserted). */
async function writeWeeks(
  db: Database, rollup: typeof UNIT_WEEK | typeof CASEWORKER_WEEK, weeks: { from: string; to: string },
  fresh: boolean, insert: (into: string) => SQL,
): Promise<number> {
  const scope = sql`week_start between ${weeks.from}::date and ${weeks.to}::date`;
  return (await writeInserted(db, { ...rollup, fresh, scope, analyze: false }, insert)).rows;
}

/** Recomputes both load rollups for the range, in the caller's transaction. */
export async function recomputeLoad(
  db: Database, range: WeekRange, today: string, options: RecomputeLoadOptions = {},
): Promise<{ unitWeeks: number; caseworkerWeeks: number; carriedForward: boolean }> {
  const [ids] = await queryRows<{ max: number | null }>(db, sql`select max(id)::int as max from units`);
  if ((ids?.max ?? 0) >= UNIT_ID_LIMIT) throw new Error(`unit ids above ${UNIT_ID_LIMIT - 1} are not supported by the load rollup`);
  const carry = options.carryForward === true;
  const fresh = options.freshTables === true;
  await useAggregationSettings(db);
  // The ledger is the load rollups' only input: rebuilt first when a writer bypassed it.
  const keepFrom = caseworkerWindowStart(today);
  await ensureLedger(db, keepFrom);
  // Holder weeks are kept for the window only: the weeks it has left go.
  if (!fresh) await db.execute(sql`delete from load_caseworker_week where week_start < ${keepFrom}::date`);
  const cwFrom = range.fromWeek > keepFrom ? range.fromWeek : keepFrom;
  const cwRange = { fromWeek: cwFrom, toWeek: range.toWeek };
  // The holders' week before is kept only inside the window: a range starting at or before the
  // window's first week has no stored week before to carry forward.
  const cwCarry = carry && cwFrom === range.fromWeek && cwFrom > keepFrom;
  const unitWeeks = await writeWeeks(db, UNIT_WEEK, { from: range.fromWeek, to: range.toWeek }, fresh,
    (into) => (carry ? unitWeeksFromBaseSql(range, into) : unitWeeksSql(range, into)));
  const caseworkerWeeks = cwFrom > range.toWeek ? 0
    : await writeWeeks(db, CASEWORKER_WEEK, { from: cwFrom, to: range.toWeek }, fresh,
      (into) => (cwCarry ? caseworkerWeeksFromBaseSql(cwRange, into) : caseworkerWeeksSql(cwRange, into)));
  return { unitWeeks, caseworkerWeeks, carriedForward: carry };
}
