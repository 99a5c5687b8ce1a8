// Weekly status per unit (unit_week_status) from load_unit_week, the effective thresholds and the
// 12-month turnover in hr_unit_month. Definitions: domain/status.ts.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../../../db/client";
import { useAggregationSettings } from "../../session-settings";
import { addDays, turnoverMonthOfWeek } from "../../../../domain/calendar";
import { turnoverMonthOfWeekSql } from "../../../../db/sql-calendar";
import { DEFAULT_THRESHOLDS } from "../../../../domain/status";
import type { WeekRange } from "./deltas";


/**
 * Effective thresholds of every unit: nearest ancestor (itself first) that sets each, else the
 * default. One grouped pass over the settings' descendants, not four lookups per unit.
 */
export function thresholdsSql(): SQL {
  const nearest = (column: string, fallback: number) => sql`coalesce(
      (array_agg(s.${sql.raw(column)} order by c.depth) filter (where s.${sql.raw(column)} is not null))[1], ${fallback})::numeric`;
  return sql`select u.id as unit_id,
      ${nearest("cases_per_fte_threshold", DEFAULT_THRESHOLDS.casesPerFte)} as cases_per_fte,
      ${nearest("weighted_load_threshold", DEFAULT_THRESHOLDS.weightedLoad)} as weighted_load,
      ${nearest("emotional_share_pct_threshold", DEFAULT_THRESHOLDS.emotionalSharePct)} as emotional_share_pct,
      ${nearest("turnover_12m_pct_threshold", DEFAULT_THRESHOLDS.turnover12mPct)} as turnover_12m_pct
    from units u
    left join unit_closure c on c.descendant_id = u.id
    left join unit_settings s on s.unit_id = c.ancestor_id
    group by u.id`;
}

/**
 * Rolling 12-month figures per unit and month M (M − 11 … M) from hr_unit_month: departures,
 * manager departures and turnover % = departures / (headcount-days / days) × 100. With `months`,
 * only M in [from, to] are needed, and only their 12-month windows are read.
 */
export function rolling12Sql(months?: { from: string; to: string }): SQL {
  // A dense month grid: a unit with no row in month M (nobody employed any more) still has the
  // departures of the 11 months before it.
  const first = months ? sql`greatest(min(month), (${months.from}::date - interval '11 months')::date)` : sql`min(month)`;
  const last = months ? sql`least(max(month), ${months.to}::date)` : sql`max(month)`;
  return sql`select g.unit_id, g.month,
      sum(coalesce(h.departures, 0)) over m as departures,
      sum(coalesce(h.manager_departures, 0)) over m as manager_departures,
      sum(coalesce(h.headcount_days, 0)) over m as headcount_days,
      ((g.month + interval '1 month')::date - (g.month - interval '11 months')::date) as days
    from (
      select u.id as unit_id, (b.first + make_interval(months => i))::date as month
      from units u
      cross join (select ${first} as first, ${last} as last from hr_unit_month) b
      cross join generate_series(0, coalesce(
        (extract(year from age(b.last, b.first)) * 12 + extract(month from age(b.last, b.first)))::int, -1)) as i
    ) g
    left join (select * from hr_unit_month ${months ? sql`where month >= (${months.from}::date - interval '11 months')::date and month <= ${months.to}::date` : sql``}) h
      on h.unit_id = g.unit_id and h.month = g.month
    window m as (partition by g.unit_id order by g.month rows between 11 preceding and current row)`;
}

/** Weeks after a range whose status can change with it: their last-6 window reaches back into it. */
export const STATUS_WINDOW_WEEKS = 5;
/**
 * When employments changed, the 12-month turnover of every week up to about 13 months later
 * changes too (rolling window of whole months ending the month before the week's Sunday).
 */
export const STATUS_WEEKS_AFTER_HR_CHANGE = 60;

/**
 * Replaces unit_week_status for the range and `weeksAfter` weeks after it; over-flags are read
 * from 5 weeks before the range.
 */
export async function recomputeStatus(db: Database, r: WeekRange, weeksAfter = STATUS_WINDOW_WEEKS): Promise<number> {
  const writeFrom = sql`${r.fromWeek}::date`;
  const writeTo = sql`${r.toWeek}::date + ${7 * weeksAfter}::int`;
  await useAggregationSettings(db);
  await db.execute(sql`delete from unit_week_status where week_start between ${writeFrom} and ${writeTo}`);
  const turnoverMonth = turnoverMonthOfWeekSql(sql`l.week_start`);
  const rows = await queryRows<{ n: number }>(db, sql`
    -- Materialized: computed once and hash-joined, never re-evaluated per load row.
    with thresholds as materialized (${thresholdsSql()}),
    rolling as materialized (${rolling12Sql({ from: turnoverMonthOfWeek(addDays(r.fromWeek, -35)), to: turnoverMonthOfWeek(addDays(r.toWeek, 7 * weeksAfter)) })}),
    flags as (
      select l.unit_id, l.week_start,
        (l.caseworker_fte > 0 and l.open_cases > t.cases_per_fte * l.caseworker_fte) as over_cases,
        (l.caseworker_fte > 0 and l.weighted_sum > t.weighted_load * l.caseworker_fte) as over_weighted,
        (l.open_cases > 0 and l.flagged_cases * 100 > t.emotional_share_pct * l.open_cases) as over_emotional,
        coalesce(ro.headcount_days > 0 and ro.departures * 100 * ro.days > t.turnover_12m_pct * ro.headcount_days, false) as over_turnover
      from load_unit_week l
      join thresholds t on t.unit_id = l.unit_id
      left join rolling ro on ro.unit_id = l.unit_id and ro.month = ${turnoverMonth}
      where l.week_start between ${writeFrom} - 35 and ${writeTo}
    ),
    counted as (
      select f.*, count(*) filter (where over_cases or over_weighted or over_emotional or over_turnover)
        -- Days as integers: a range over dates with an interval offset compares timestamps per row.
        over (partition by unit_id order by week_start - date '1900-01-01' range between 35 preceding and current row) as weeks_over
      from flags f
    ),
    inserted as (
      insert into unit_week_status (unit_id, week_start, over_cases_per_fte, over_weighted_load, over_emotional_share,
                                    over_turnover, weeks_over_of_last_6, status)
      select unit_id, week_start, over_cases, over_weighted, over_emotional, over_turnover, weeks_over,
        case when weeks_over >= 4 then 'red'
             when over_cases or over_weighted or over_emotional or over_turnover then 'amber'
             else 'green' end
      from counted where week_start between ${writeFrom} and ${writeTo}
      returning 1
    )
    select count(*)::int as n from inserted`);
  return rows[0]?.n ?? 0;
}
