// The SQL fragments both ways of filling the weekly load rollups share: the weeks of a range, the
// +/− deltas of every fact (the full sweep, jobs/recompute/stages/load/recompute.ts, and the carry forward,
// jobs/recompute/stages/load/incremental.ts) and the new and closed cases. Kept apart from both so neither imports
// the other's module for them.
//
// Technique (STACK-NOTES): a fact that covers the snapshot Sundays of weeks fw..lw adds +value at
// fw and −value at lw + 7; a running sum per unit over the weeks then gives every week's figure
// without expanding each case into its weeks. Each fact table is read once.
import { sql, type SQL } from "drizzle-orm";

export interface WeekRange {
  /** Monday of the first week. */
  fromWeek: string;
  /** Monday of the last week. */
  toWeek: string;
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
 *   (jobs/recompute/stages/load/incremental.ts).
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
    // One probe of the case index per changed case gives its first and last period's start. The
    // probes go in case order: neighbouring probes then share index pages still in the CPU cache
    // (in random order each descends cold, ~2× the time at national scale).
    return sql`
    changed_cases as materialized (
      select case_id from ${periods} p
      where p.period_start between ${w0} and ${w1} + 6 or p.period_end between ${w0} and ${w1} + 6
      group by case_id order by case_id
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
    -- min/max carry them along (days since 1900 in 17 bits, team id in 20 bits; see UNIT_ID_LIMIT in jobs/recompute/stages/load/recompute.ts).
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
