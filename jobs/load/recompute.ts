// Weekly caseload rollups (load_unit_week, load_caseworker_week) for a range of ISO weeks, set-based
// in Postgres. The definitions are jobs/metrics/caseload.ts; this is the same arithmetic at scale.
//
// Technique (STACK-NOTES): a fact that covers the snapshot Sundays of weeks fw..lw adds +value at
// fw and −value at lw + 7; a running sum per unit over the weeks then gives every week's figure
// without expanding each case into its weeks. Each fact table is read once.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { useAggregationSettings } from "../session-settings";
import { addDays, diffDays, weekStart } from "../metrics/calendar";
import { carryForwardLoad } from "./incremental";

export interface WeekRange {
  /** Monday of the first week. */
  fromWeek: string;
  /** Monday of the last week. */
  toWeek: string;
}

export function normaliseWeekRange(from: string, to: string): WeekRange {
  const fromWeek = weekStart(from);
  const toWeek = weekStart(to);
  if (toWeek < fromWeek) throw new Error(`Empty week range: ${from} – ${to}`);
  return { fromWeek, toWeek };
}

/**
 * Monday of the week containing d, in SQL, by integer arithmetic from a known Monday (2000-01-03):
 * no time zones, and far cheaper per row than extract(), which returns numeric since PG 14.
 */
const monday = (d: ReturnType<typeof sql>) => sql`(${d} - ((((${d}) - date '2000-01-03') % 7 + 7) % 7))`;

/**
 * Weights and FTE are summed as integers in units of 1/10,000 (FTE has 4 decimals; weights are
 * expected to have at most 4): bigint sums over tens of millions of deltas are several times
 * faster than numeric ones, and still exact. Stored values are divided back into numeric.
 */
export const SCALE = sql.raw("10000");

/** The Monday of every week of the range, as `wk`. */
export function weeksSql(r: WeekRange): SQL {
  // Integer steps, not a timestamp series: calendar dates must not pass through a time zone.
  return sql`select ${r.fromWeek}::date + 7 * i as wk from generate_series(0, (${r.toWeek}::date - ${r.fromWeek}::date) / 7) as i`;
}

/** Each holder's first valid competence per case type (null valid_from = always): mismatched before it. */
function competenceFromSql(): SQL {
  return sql`
      select employee_id, case_type, min(coalesce(valid_from, '-infinity'::date)) as valid_from
      from competences group by employee_id, case_type`;
}

/**
 * The case periods with a delta in the range, each found through an index: starting in it (+1 at
 * its first week), ending in it (−1 the week after its last; an end on the Sunday before the
 * range falls on the range's first Monday; one on its last Sunday closes a case in it), or held by someone whose first valid competence for
 * the type arrives in it (mismatched −1). A union of row sets, not an OR, so every branch keeps
 * its index (the lateral one keeps the holder index: the planner's hash join scanned every period);
 * `union` drops a period found by two branches.
 */
export function changedPeriodsSql(r: WeekRange) {
  const w0 = sql`${r.fromWeek}::date`;
  const w1 = sql`${r.toWeek}::date`;
  const columns = sql.raw("c.id, c.case_id, c.period_start, c.period_end, c.unit_id, c.caseworker_id, c.case_type, c.complexity, c.emotional_flags");
  return sql`
    select ${columns} from case_periods c where c.period_start between ${w0} and ${w1} + 6
    union
    select ${columns} from case_periods c where c.period_end between ${w0} - 1 and ${w1} + 6
    union
    select ${columns} from (${competenceFromSql()}) f
    cross join lateral (
      select * from case_periods p where p.caseworker_id = f.employee_id and p.case_type = f.case_type
      offset 0 -- not pulled up into a join, so it stays a lookup per holder
    ) c
    where f.valid_from between ${w0} and ${w1} + 6`;
}

/**
 * Which facts the deltas are read from:
 * - `overlapping`: every fact covering a Sunday of the range, its first week clipped to the range,
 *   so the running sums start from zero and need nothing stored (the full and the wide recompute);
 * - a table of the periods with a delta inside the range (`changedPeriodsSql`; every employment,
 *   there are few), unclipped, so the running sums continue the stored week before the range
 *   (jobs/load/incremental.ts).
 */
export type DeltaSource = "overlapping" | { changedPeriods: SQL };

/**
 * Every fact of the range as +/− deltas in one pass over case_periods and employments: a case
 * period (+1 open at its first week, −1 the week after its last), the part of a specialised,
 * assigned period before the holder's first valid competence (mismatched), and every
 * case-holding employment (FTE). Weeks are Mondays; a fact covers the weeks whose Sunday it spans.
 * Only deltas falling in the range are kept.
 */
export function deltasSql(r: WeekRange, source: DeltaSource = "overlapping") {
  const w0 = sql`${r.fromWeek}::date`;
  const w1 = sql`${r.toWeek}::date`;
  const clip = source === "overlapping";
  const firstWeek = (start: ReturnType<typeof sql>) => clip ? sql`greatest(${monday(start)}, ${w0})` : monday(start);
  const lastWeek = (end: ReturnType<typeof sql>) => sql`(case when ${end} is null then ${w1} else least(${monday(sql`(${end} + 1)`)} - 7, ${w1}) end)`;
  return sql`
    weights as (
      select round(weight_complexity_1 * ${SCALE})::bigint as c1, round(weight_complexity_2 * ${SCALE})::bigint as c2,
             round(weight_complexity_3 * ${SCALE})::bigint as c3
      from organisation_settings where id = 1
    ),
    competence_from as (${competenceFromSql()}),
    extra_roles as (
      select distinct on (c.descendant_id) c.descendant_id as unit_id, s.case_holding_roles as roles
      from unit_closure c join unit_settings s on s.unit_id = c.ancestor_id and s.case_holding_roles is not null
      order by c.descendant_id, c.depth
    ),
    period_deltas as (
      select x.unit_id, x.caseworker_id, d.wk, d.o as open, d.o * x.unassigned as unassigned, d.o * x.weight as weight,
             d.o * x.flagged as flagged, d.o * x.specialised as specialised, d.m as mismatched, 0::bigint as fte
      from (
        select p.unit_id, p.caseworker_id,
          (p.caseworker_id is null)::int as unassigned,
          (cardinality(p.emotional_flags) > 0)::int as flagged,
          (ct.specialised and p.caseworker_id is not null)::int as specialised,
          (case p.complexity when 1 then w.c1 when 2 then w.c2 else w.c3 end) as weight,
          ${firstWeek(sql`p.period_start`)} as fw,
          ${lastWeek(sql`p.period_end`)} as lw,
          case when ct.specialised and p.caseworker_id is not null and (cf.valid_from is null or cf.valid_from > p.period_start)
            then ${lastWeek(sql`(case when cf.valid_from is null then p.period_end
                                      when p.period_end is null then cf.valid_from - 1
                                      else least(p.period_end, cf.valid_from - 1) end)`)} end as mlw
        from ${source === "overlapping" ? sql`case_periods` : source.changedPeriods} p
        join case_types ct on ct.key = p.case_type
        cross join weights w
        left join competence_from cf on cf.employee_id = p.caseworker_id and cf.case_type = p.case_type
        ${clip ? sql`where p.period_start <= ${w1} + 6 and (p.period_end is null or p.period_end >= ${w0} + 6)` : sql``}
        offset 0 -- keeps fw/lw/mlw computed once per period instead of inlined into every use below
      ) x
      cross join lateral (values (x.fw, 1, 0), (x.lw + 7, -1, 0), (x.fw, 0, 1), (x.mlw + 7, 0, -1)) as d(wk, o, m)
      where x.fw <= x.lw and d.wk between ${w0} and ${w1}
        and ((d.o = 1) or (d.o = -1 and x.lw < ${w1})
          or (d.m = 1 and x.mlw >= x.fw) or (d.m = -1 and x.mlw >= x.fw and x.mlw < ${w1}))
    ),
    employment_deltas as (
      select x.unit_id, null::text as caseworker_id, d.wk, 0 as open, 0 as unassigned, 0::bigint as weight,
             0 as flagged, 0 as specialised, 0 as mismatched, d.o * x.fte as fte
      from (
        select e.unit_id, round(e.fte * ${SCALE})::bigint as fte, ${firstWeek(sql`e.start_date`)} as fw, ${lastWeek(sql`e.end_date`)} as lw
        from employments e
        left join extra_roles xr on xr.unit_id = e.unit_id
        where (e.role in ('caseworker', 'specialist') or e.role = any(coalesce(xr.roles, '{}')))
          and e.start_date <= ${w1} + 6 and (e.end_date is null or e.end_date >= ${clip ? sql`${w0} + 6` : sql`${w0} - 1`})
        offset 0
      ) x
      cross join lateral (values (x.fw, 1), (x.lw + 7, -1)) as d(wk, o)
      where x.fw <= x.lw and d.wk between ${w0} and ${w1} and (d.o = 1 or x.lw < ${w1})
    )`;
}

/**
 * CTEs ending in `events (unit_id, wk, new_cases, closed_cases)`: per team and week of the range,
 * the cases whose first period starts in the week and those whose last period ends in it. `wide`
 * reads every case once; otherwise only the periods starting or ending in the range are read
 * (through the date indexes, or from `periods` holding at least those), and each of their cases'
 * first and last start through the case index.
 */
export function caseEventsSql(r: WeekRange, wide: boolean, periods: SQL = sql`case_periods`) {
  const w0 = sql`${r.fromWeek}::date`;
  const w1 = sql`${r.toWeek}::date`;
  if (!wide) {
    // One probe of the case index per changed case gives its first and last period's start.
    return sql`
    changed_cases as (
      select distinct case_id from ${periods} p
      where p.period_start between ${w0} and ${w1} + 6 or p.period_end between ${w0} and ${w1} + 6
    ),
    case_bounds as (
      select c.case_id, b.first_start, b.last_start
      from changed_cases c
      cross join lateral (
        select min(q.period_start) as first_start, max(q.period_start) as last_start from case_periods q where q.case_id = c.case_id
      ) b
    ),
    events as (
      select unit_id, wk, sum(new_cases)::int as new_cases, sum(closed_cases)::int as closed_cases from (
        select p.unit_id, ${monday(sql`p.period_start`)} as wk, 1 as new_cases, 0 as closed_cases
        from ${periods} p join case_bounds b on b.case_id = p.case_id and b.first_start = p.period_start
        where p.period_start between ${w0} and ${w1} + 6
        union all
        select p.unit_id, ${monday(sql`p.period_end`)}, 0, 1
        from ${periods} p join case_bounds b on b.case_id = p.case_id and b.last_start = p.period_start
        where p.period_end between ${w0} and ${w1} + 6
      ) e group by unit_id, wk
    )`;
  }
  return sql`
    -- New and closed cases from one aggregate per case, with no join back: the first period's
    -- start and team, and the last period's start, end and team, packed into one bigint each so
    -- min/max carry them along (days since 1900 in 17 bits, team id in 20 bits; see UNIT_ID_LIMIT).
    bounds as (
      select min((period_start - date '1900-01-01')::bigint * 1048576 + unit_id) as first_key,
             max(((period_start - date '1900-01-01')::bigint * 131072
                  + coalesce(period_end - date '1900-01-01' + 1, 0)) * 1048576 + unit_id) as last_key
      from case_periods
      group by case_id
    ),
    case_ends as (
      select date '1900-01-01' + (first_key >> 20)::int as first_start, (first_key & 1048575)::int as first_unit,
             case when (last_key >> 20) & 131071 = 0 then null
                  else date '1900-01-01' + ((last_key >> 20) & 131071)::int - 1 end as last_end,
             (last_key & 1048575)::int as last_unit
      from bounds
    ),
    -- Both counts from one pass over the cases (two grouping sets), outside the range as nulls.
    case_events as (
      select grouping(first_unit) = 0 as is_new, coalesce(first_unit, last_unit) as unit_id, coalesce(first_wk, last_wk) as wk, count(*)::int as n
      from (
        select case when first_start between ${w0} and ${w1} + 6 then first_unit end as first_unit,
               case when first_start between ${w0} and ${w1} + 6 then ${monday(sql`first_start`)} end as first_wk,
               case when last_end between ${w0} and ${w1} + 6 then last_unit end as last_unit,
               case when last_end between ${w0} and ${w1} + 6 then ${monday(sql`last_end`)} end as last_wk
        from case_ends
      ) x
      group by grouping sets ((first_unit, first_wk), (last_unit, last_wk))
    ),
    events as (
      select unit_id, wk, sum(case when is_new then n else 0 end)::int as new_cases, sum(case when is_new then 0 else n end)::int as closed_cases
      from case_events where wk is not null
      group by unit_id, wk
    )`;
}

/** Inserts load_unit_week rows for every unit and week of the range (units with nothing get zeros). */
export function unitWeeksSql(r: WeekRange) {
  // Over many weeks most cases have a candidate period: one pass over all periods beats a lookup each.
  const wide = diffDays(r.fromWeek, r.toWeek) > 7 * 26;
  return sql`
    with ${deltasSql(r)},
    weeks as (${weeksSql(r)}),
    -- Sums of integers, never numeric: counts as int (sum(int) accumulates in bigint), weights and
    -- FTE (integers in 1/10,000) as float8, exact for integers below 2^53 (a whole municipality's
    -- weighted sum is ~10^11). A bigint or numeric sum at these row counts costs seconds each.
    unit_deltas as (
      select unit_id, wk, sum(open)::int as open, sum(unassigned)::int as unassigned, sum(weight)::float8 as weight,
             sum(flagged)::int as flagged, sum(mismatched)::int as mismatched, sum(fte)::float8 as fte
      from (select * from period_deltas union all select * from employment_deltas) d
      group by unit_id, wk
    ),
    active_units as (select distinct unit_id from unit_deltas),
    ${caseEventsSql(r, wide)},
    own as (
      select a.unit_id, w.wk,
        (sum(coalesce(d.open, 0)) over u)::int as open, (sum(coalesce(d.unassigned, 0)) over u)::int as unassigned,
        sum(coalesce(d.weight, 0)) over u as weight, (sum(coalesce(d.flagged, 0)) over u)::int as flagged,
        (sum(coalesce(d.mismatched, 0)) over u)::int as mismatched, sum(coalesce(d.fte, 0)) over u as fte,
        coalesce(e.new_cases, 0) as new_cases, coalesce(e.closed_cases, 0) as closed_cases
      from active_units a cross join weeks w
      left join unit_deltas d on d.unit_id = a.unit_id and d.wk = w.wk
      left join events e on e.unit_id = a.unit_id and e.wk = w.wk
      window u as (partition by a.unit_id order by w.wk)
    ),
    subtree as (
      select c.ancestor_id as unit_id, o.wk, sum(o.open)::int as open, sum(o.unassigned)::int as unassigned, sum(o.weight) as weight,
             sum(o.flagged)::int as flagged, sum(o.mismatched)::int as mismatched, sum(o.fte) as fte,
             sum(o.new_cases)::int as new_cases, sum(o.closed_cases)::int as closed_cases
      from own o join unit_closure c on c.descendant_id = o.unit_id
      group by c.ancestor_id, o.wk
    ),
    -- trim_scale: the same value is stored with the same digits however the sums were reached,
    -- so a range recompute and a full one write identical rows.
    inserted as (
      insert into load_unit_week (unit_id, week_start, open_cases, unassigned_cases, caseworker_fte, weighted_sum,
                                  flagged_cases, mismatched_cases, new_cases, closed_cases)
      select u.id, w.wk, coalesce(s.open, 0), coalesce(s.unassigned, 0),
             trim_scale(coalesce(s.fte, 0)::numeric / ${SCALE}), trim_scale(coalesce(s.weight, 0)::numeric / ${SCALE}),
             coalesce(s.flagged, 0), coalesce(s.mismatched, 0), coalesce(s.new_cases, 0), coalesce(s.closed_cases, 0)
      from units u cross join weeks w
      left join subtree s on s.unit_id = u.id and s.wk = w.wk
      returning 1
    )
    select count(*)::int as n from inserted`;
}

/** Inserts load_caseworker_week rows: one per holder, team and week of the range with open cases. */
export function caseworkerWeeksSql(r: WeekRange) {
  const w1 = sql`${r.toWeek}::date`;
  return sql`
    with ${deltasSql(r)},
    holder_deltas as (
      select unit_id, caseworker_id, wk, sum(open) as open, sum(weight) as weight, sum(flagged) as flagged,
             sum(specialised) as specialised, sum(mismatched) as mismatched
      from period_deltas where caseworker_id is not null group by unit_id, caseworker_id, wk
    ),
    steps as (
      select unit_id, caseworker_id, wk, lead(wk) over h as next_wk,
        sum(open) over h as open, sum(weight) over h as weight, sum(flagged) over h as flagged,
        sum(specialised) over h as specialised, sum(mismatched) over h as mismatched
      from holder_deltas
      window h as (partition by unit_id, caseworker_id order by wk)
    ),
    inserted as (
      insert into load_caseworker_week (unit_id, week_start, employee_id, open_cases, weighted_sum, flagged_cases, specialised_cases, mismatched_cases)
      select s.unit_id, s.wk + 7 * g.i, s.caseworker_id, s.open, trim_scale(s.weight::numeric / ${SCALE}), s.flagged, s.specialised, s.mismatched
      from steps s
      cross join lateral generate_series(0, (coalesce(s.next_wk - 7, ${w1}) - s.wk) / 7) as g(i)
      where s.open > 0
      returning 1
    )
    select count(*)::int as n from inserted`;
}

/**
 * Per-caseworker rows are kept for the most recent weeks only: at national scale every holder ×
 * week over 5 years would be ~20M rows that no page shows (the team page looks back 26 weeks).
 */
export const CASEWORKER_WEEKS_KEPT = 26;

export function caseworkerWindowStart(today: string): string {
  return addDays(weekStart(today), -7 * (CASEWORKER_WEEKS_KEPT - 1));
}

/** Unit ids must fit the 20 bits the new/closed packing gives them. */
export const UNIT_ID_LIMIT = 1_048_576;

export interface RecomputeLoadOptions {
  /**
   * The caller has checked (jobs/load/incremental.ts `carryForwardReady`) that the stored week
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
  const keepFrom = caseworkerWindowStart(today);
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
