// Weekly caseload rollups (load_unit_week, load_caseworker_week) for a range of ISO weeks, set-based
// in Postgres. The definitions are jobs/metrics/caseload.ts; this is the same arithmetic at scale.
//
// Technique (STACK-NOTES): a fact that covers the snapshot Sundays of weeks fw..lw adds +value at
// fw and −value at lw + 7; a running sum per unit over the weeks then gives every week's figure
// without expanding each case into its weeks.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { addDays, weekStart } from "../metrics/calendar";

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

/** Monday of the week containing d, in SQL (no time zones involved). */
const monday = (d: ReturnType<typeof sql>) => sql`(${d} - (extract(isodow from ${d})::int - 1))`;

/**
 * The facts of the range as week segments: every case period, the mismatched part of a specialised
 * case (until its holder's first valid competence) and every case-holding employment, each with
 * the first and last week (Monday) whose Sunday it covers, clipped to the range.
 */
function segmentsSql(r: WeekRange) {
  const w0 = sql`${r.fromWeek}::date`;
  const w1 = sql`${r.toWeek}::date`;
  const firstWeek = (start: ReturnType<typeof sql>) => sql`greatest(${monday(start)}, ${w0})`;
  const lastWeek = (end: ReturnType<typeof sql>) => sql`(case when ${end} is null then ${w1} else least(${monday(sql`(${end} + 1)`)} - 7, ${w1}) end)`;
  return sql`
    weights as (
      select weight_complexity_1::numeric as c1, weight_complexity_2::numeric as c2, weight_complexity_3::numeric as c3
      from organisation_settings where id = 1
    ),
    competence_from as (
      select employee_id, case_type, min(coalesce(valid_from, '-infinity'::date)) as valid_from
      from competences group by employee_id, case_type
    ),
    extra_roles as (
      select distinct on (c.descendant_id) c.descendant_id as unit_id, s.case_holding_roles as roles
      from unit_closure c join unit_settings s on s.unit_id = c.ancestor_id and s.case_holding_roles is not null
      order by c.descendant_id, c.depth
    ),
    periods as (
      select p.unit_id, p.caseworker_id, p.case_type, ct.specialised, p.period_start, p.period_end,
             cf.valid_from as competent_from,
             (case p.complexity when 1 then w.c1 when 2 then w.c2 else w.c3 end) as weight,
             (cardinality(p.emotional_flags) > 0) as flagged
      from case_periods p
      join case_types ct on ct.key = p.case_type
      cross join weights w
      left join competence_from cf on cf.employee_id = p.caseworker_id and cf.case_type = p.case_type
      where p.period_start <= ${w1} + 6 and (p.period_end is null or p.period_end >= ${w0} + 6)
    ),
    segments as (
      select unit_id, caseworker_id, ${firstWeek(sql`period_start`)} as fw, ${lastWeek(sql`period_end`)} as lw,
             1 as open, (caseworker_id is null)::int as unassigned, weight, flagged::int as flagged,
             (specialised and caseworker_id is not null)::int as specialised, 0 as mismatched, 0::numeric as fte
      from periods
      union all
      -- The part of a specialised, assigned period before the holder's first valid competence.
      select unit_id, caseworker_id, ${firstWeek(sql`period_start`)},
             ${lastWeek(sql`(case when competent_from is null then period_end
                                  when period_end is null then competent_from - 1
                                  else least(period_end, competent_from - 1) end)`)},
             0, 0, 0, 0, 0, 1, 0
      from periods
      where specialised and caseworker_id is not null and (competent_from is null or competent_from > period_start)
      union all
      select e.unit_id, null, ${firstWeek(sql`e.start_date`)}, ${lastWeek(sql`e.end_date`)},
             0, 0, 0, 0, 0, 0, e.fte
      from employments e
      left join extra_roles x on x.unit_id = e.unit_id
      where (e.role in ('caseworker', 'specialist') or e.role = any(coalesce(x.roles, '{}')))
        and e.start_date <= ${w1} + 6 and (e.end_date is null or e.end_date >= ${w0} + 6)
    ),
    live_segments as (select * from segments where fw <= lw),
    deltas as (
      select unit_id, caseworker_id, fw as wk, open, unassigned, weight, flagged, specialised, mismatched, fte from live_segments
      union all
      select unit_id, caseworker_id, lw + 7, -open, -unassigned, -weight, -flagged, -specialised, -mismatched, -fte
      from live_segments where lw < ${w1}
    )`;
}

/** Inserts load_unit_week rows for every unit and week of the range (units with nothing get zeros). */
export function unitWeeksSql(r: WeekRange) {
  const w0 = sql`${r.fromWeek}::date`;
  const w1 = sql`${r.toWeek}::date`;
  return sql`
    with ${segmentsSql(r)},
    -- Integer steps, not a timestamp series: calendar dates must not pass through a time zone.
    weeks as (select ${w0} + 7 * i as wk from generate_series(0, (${w1} - ${w0}) / 7) as i),
    unit_deltas as (
      select unit_id, wk, sum(open) as open, sum(unassigned) as unassigned, sum(weight) as weight,
             sum(flagged) as flagged, sum(mismatched) as mismatched, sum(fte) as fte
      from deltas group by unit_id, wk
    ),
    active_units as (select distinct unit_id from unit_deltas),
    running as (
      select a.unit_id, w.wk,
        sum(coalesce(d.open, 0)) over u as open, sum(coalesce(d.unassigned, 0)) over u as unassigned,
        sum(coalesce(d.weight, 0)) over u as weight, sum(coalesce(d.flagged, 0)) over u as flagged,
        sum(coalesce(d.mismatched, 0)) over u as mismatched, sum(coalesce(d.fte, 0)) over u as fte
      from active_units a cross join weeks w
      left join unit_deltas d on d.unit_id = a.unit_id and d.wk = w.wk
      window u as (partition by a.unit_id order by w.wk)
    ),
    case_ends as (
      select p.unit_id, p.period_start, p.period_end,
        not exists (select 1 from case_periods q where q.case_id = p.case_id and q.period_start < p.period_start) as is_first,
        not exists (select 1 from case_periods q where q.case_id = p.case_id and q.period_start > p.period_start) as is_last
      from case_periods p
      where p.period_start between ${w0} and ${w1} + 6 or p.period_end between ${w0} and ${w1} + 6
    ),
    events as (
      select unit_id, ${monday(sql`period_start`)} as wk, 1 as new_cases, 0 as closed_cases
      from case_ends where is_first and period_start between ${w0} and ${w1} + 6
      union all
      select unit_id, ${monday(sql`period_end`)}, 0, 1
      from case_ends where is_last and period_end between ${w0} and ${w1} + 6
    ),
    own as (
      select unit_id, wk, sum(open) as open, sum(unassigned) as unassigned, sum(weight) as weight, sum(flagged) as flagged,
             sum(mismatched) as mismatched, sum(fte) as fte, sum(new_cases) as new_cases, sum(closed_cases) as closed_cases
      from (
        select unit_id, wk, open, unassigned, weight, flagged, mismatched, fte, 0 as new_cases, 0 as closed_cases from running
        union all
        select unit_id, wk, 0, 0, 0, 0, 0, 0, new_cases, closed_cases from events
      ) x group by unit_id, wk
    ),
    subtree as (
      select c.ancestor_id as unit_id, o.wk, sum(o.open) as open, sum(o.unassigned) as unassigned, sum(o.weight) as weight,
             sum(o.flagged) as flagged, sum(o.mismatched) as mismatched, sum(o.fte) as fte,
             sum(o.new_cases) as new_cases, sum(o.closed_cases) as closed_cases
      from own o join unit_closure c on c.descendant_id = o.unit_id
      group by c.ancestor_id, o.wk
    ),
    -- trim_scale: the same value is stored with the same digits however the sums were reached,
    -- so a range recompute and a full one write identical rows.
    inserted as (
      insert into load_unit_week (unit_id, week_start, open_cases, unassigned_cases, caseworker_fte, weighted_sum,
                                  flagged_cases, mismatched_cases, new_cases, closed_cases)
      select u.id, w.wk, coalesce(s.open, 0), coalesce(s.unassigned, 0), trim_scale(coalesce(s.fte, 0)), trim_scale(coalesce(s.weight, 0)),
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
    with ${segmentsSql(r)},
    holder_deltas as (
      select unit_id, caseworker_id, wk, sum(open) as open, sum(weight) as weight, sum(flagged) as flagged,
             sum(specialised) as specialised, sum(mismatched) as mismatched
      from deltas where caseworker_id is not null group by unit_id, caseworker_id, wk
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
      select s.unit_id, s.wk + 7 * g.i, s.caseworker_id, s.open, trim_scale(s.weight), s.flagged, s.specialised, s.mismatched
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

/** Recomputes both load rollups for the range, in the caller's transaction. */
export async function recomputeLoad(db: Database, range: WeekRange, today: string): Promise<{ unitWeeks: number; caseworkerWeeks: number }> {
  const w0 = sql`${range.fromWeek}::date`;
  const w1 = sql`${range.toWeek}::date`;
  await db.execute(sql`delete from load_unit_week where week_start between ${w0} and ${w1}`);
  const unitWeeks = (await queryRows<{ n: number }>(db, unitWeeksSql(range)))[0]?.n ?? 0;

  const keepFrom = caseworkerWindowStart(today);
  await db.execute(sql`delete from load_caseworker_week where week_start < ${keepFrom}::date or week_start between ${w0} and ${w1}`);
  const cwFrom = range.fromWeek > keepFrom ? range.fromWeek : keepFrom;
  const caseworkerWeeks = cwFrom > range.toWeek ? 0
    : (await queryRows<{ n: number }>(db, caseworkerWeeksSql({ fromWeek: cwFrom, toWeek: range.toWeek })))[0]?.n ?? 0;
  return { unitWeeks, caseworkerWeeks };
}
