// Weekly caseload rollups (load_unit_week, load_caseworker_week) for a range of ISO weeks, set-based
// in Postgres. The definitions are domain/caseload.ts; this is the same arithmetic at scale.
//
// A range is either swept from zero (the +/− deltas of jobs/recompute/stages/load/deltas.ts summed over its weeks)
// or, when the stored week before it is exact, carried forward from it (jobs/recompute/stages/load/incremental.ts).
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../../../db/client";
import { useAggregationSettings } from "../../session-settings";
import { addDays, weekStart } from "../../../../domain/calendar";
import { carryForwardLoad } from "./incremental";
import { SCALE, weeksSql, type WeekRange } from "./deltas";
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
 * sum over the range's rows. CTEs ending in `rolled (unit_id, wk, c1, c2, c3, unassigned, flagged,
 * mismatched, fte, new_cases, closed_cases)`.
 */
function subtreeWeeksFromLedgerSql(r: WeekRange): SQL {
  const w0 = sql`${r.fromWeek}::date`;
  const w1 = sql`${r.toWeek}::date`;
  return sql`
    weeks as (${weeksSql(r)}),
    base as (
      select unit_id, sum(complexity_1)::int as c1, sum(complexity_2)::int as c2, sum(complexity_3)::int as c3,
             sum(unassigned)::int as unassigned, sum(flagged)::int as flagged, sum(mismatched)::int as mismatched, sum(fte)::bigint as fte
      from load_subtree_ledger where week_start < ${w0} group by unit_id
    ),
    rows as (select * from load_subtree_ledger where week_start between ${w0} and ${w1}),
    active_units as (select unit_id from base union select unit_id from rows),
    rolled as (
      select a.unit_id, w.wk,
        coalesce(b.c1, 0) + (sum(coalesce(d.complexity_1, 0)) over u)::int as c1,
        coalesce(b.c2, 0) + (sum(coalesce(d.complexity_2, 0)) over u)::int as c2,
        coalesce(b.c3, 0) + (sum(coalesce(d.complexity_3, 0)) over u)::int as c3,
        coalesce(b.unassigned, 0) + (sum(coalesce(d.unassigned, 0)) over u)::int as unassigned,
        coalesce(b.flagged, 0) + (sum(coalesce(d.flagged, 0)) over u)::int as flagged,
        coalesce(b.mismatched, 0) + (sum(coalesce(d.mismatched, 0)) over u)::int as mismatched,
        coalesce(b.fte, 0) + (sum(coalesce(d.fte, 0)) over u)::bigint as fte,
        coalesce(d.new_cases, 0) as new_cases, coalesce(d.closed_cases, 0) as closed_cases
      from active_units a cross join weeks w
      left join rows d on d.unit_id = a.unit_id and d.week_start = w.wk
      left join base b on b.unit_id = a.unit_id
      window u as (partition by a.unit_id order by w.wk)
    )`;
}

/** Inserts load_unit_week rows for every unit and week of the range (units with nothing get zeros), from the ledger. */
export function unitWeeksSql(r: WeekRange) {
  return sql`
    with ${subtreeWeeksFromLedgerSql(r)},
    ${weightsSql},
    -- trim_scale: the same value is stored with the same digits however the sums were reached,
    -- so a range recompute and a full one write identical rows. Weighted = Σ count × weight, exact.
    inserted as (
      insert into load_unit_week (unit_id, week_start, open_cases, unassigned_cases, caseworker_fte, weighted_sum,
                                  flagged_cases, mismatched_cases, new_cases, closed_cases)
      select u.id, w.wk, coalesce(s.c1 + s.c2 + s.c3, 0), coalesce(s.unassigned, 0),
             trim_scale(coalesce(s.fte, 0)::numeric / ${SCALE}),
             trim_scale(coalesce(s.c1 * wt.w1 + s.c2 * wt.w2 + s.c3 * wt.w3, 0)::numeric),
             coalesce(s.flagged, 0), coalesce(s.mismatched, 0), coalesce(s.new_cases, 0), coalesce(s.closed_cases, 0)
      from units u cross join weeks w cross join weights wt
      left join rolled s on s.unit_id = u.id and s.wk = w.wk
      returning 1
    )
    select count(*)::int as n from inserted`;
}

/**
 * Inserts load_caseworker_week rows: one per holder, team and week of the range with open cases,
 * from the holders' ledger alone (db/load-ledger.ts): each holder's rows before the range summed
 * into its first week, then a running sum per holder, each step held until the holder's next row.
 */
export function caseworkerWeeksSql(r: WeekRange) {
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
      insert into load_caseworker_week (unit_id, week_start, employee_id, open_cases, weighted_sum, flagged_cases, specialised_cases, mismatched_cases)
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
}

/** Recomputes both load rollups for the range, in the caller's transaction. */
export async function recomputeLoad(
  db: Database, range: WeekRange, today: string, options: RecomputeLoadOptions = {},
): Promise<{ unitWeeks: number; caseworkerWeeks: number; carriedForward: boolean }> {
  const [ids] = await queryRows<{ max: number | null }>(db, sql`select max(id)::int as max from units`);
  if ((ids?.max ?? 0) >= UNIT_ID_LIMIT) throw new Error(`unit ids above ${UNIT_ID_LIMIT - 1} are not supported by the load rollup`);
  const w0 = sql`${range.fromWeek}::date`;
  const w1 = sql`${range.toWeek}::date`;
  const carry = options.carryForward === true;
  await useAggregationSettings(db);
  // The ledger is the load rollups' only input: rebuilt first when a writer bypassed it.
  const keepFrom = caseworkerWindowStart(today);
  await ensureLedger(db, keepFrom);
  await db.execute(sql`delete from load_unit_week where week_start between ${w0} and ${w1}`);
  await db.execute(sql`delete from load_caseworker_week where week_start < ${keepFrom}::date or week_start between ${w0} and ${w1}`);
  const cwFrom = range.fromWeek > keepFrom ? range.fromWeek : keepFrom;
  const cwRange = { fromWeek: cwFrom, toWeek: range.toWeek };
  // The holders' week before is kept only inside the window: a range starting at or before the
  // window's first week has no stored week before to carry forward.
  const cwCarry = carry && cwFrom === range.fromWeek && cwFrom > keepFrom;
  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db, query))[0]?.n ?? 0;
  let unitWeeks: number;
  let caseworkerWeeks = 0;
  if (carry) {
    ({ unitWeeks, caseworkerWeeks } = await carryForwardLoad(db, range, cwCarry));
  } else {
    unitWeeks = await count(unitWeeksSql(range));
  }
  if (!cwCarry && cwFrom <= range.toWeek) caseworkerWeeks = await count(caseworkerWeeksSql(cwRange));
  return { unitWeeks, caseworkerWeeks, carriedForward: carry };
}
