// Weekly status per unit (unit_week_status) from load_unit_week, the effective thresholds and the
// 12-month turnover in hr_unit_rolling_12m. Definitions: domain/status.ts.
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../../db/client";
import { useAggregationSettings } from "../../session-settings";
import { addDays, turnoverMonthOfWeek } from "../../../../domain/calendar";
import { turnoverMonthOfWeekSql } from "../../../../db/sql-calendar";
import { DEFAULT_THRESHOLDS } from "../../../../domain/status";
import type { WeekRange } from "./deltas";
import { writeInserted } from "../../replace-rows";


/**
 * Effective thresholds of every unit: nearest ancestor (itself first) that sets each, else the
 * default. One grouped pass over the descendants of the units that have settings (a few hundred
 * rows), not over every unit's ancestors, and not four lookups per unit.
 */
export function thresholdsSql(): SQL {
  const nearest = (column: string) => sql`(array_agg(s.${sql.raw(column)} order by c.depth) filter (where s.${sql.raw(column)} is not null))[1] as ${sql.raw(column)}`;
  const effective = (column: string, fallback: number, as: string) => sql`coalesce(n.${sql.raw(column)}, ${fallback})::numeric as ${sql.raw(as)}`;
  return sql`select u.id as unit_id,
      ${effective("cases_per_fte_threshold", DEFAULT_THRESHOLDS.casesPerFte, "cases_per_fte")},
      ${effective("weighted_load_threshold", DEFAULT_THRESHOLDS.weightedLoad, "weighted_load")},
      ${effective("emotional_share_pct_threshold", DEFAULT_THRESHOLDS.emotionalSharePct, "emotional_share_pct")},
      ${effective("turnover_12m_pct_threshold", DEFAULT_THRESHOLDS.turnover12mPct, "turnover_12m_pct")}
    from units u
    left join (
      select c.descendant_id as unit_id,
        ${nearest("cases_per_fte_threshold")}, ${nearest("weighted_load_threshold")},
        ${nearest("emotional_share_pct_threshold")}, ${nearest("turnover_12m_pct_threshold")}
      from unit_settings s join unit_closure c on c.ancestor_id = s.unit_id
      group by c.descendant_id
    ) n on n.unit_id = u.id`;
}

/**
 * Rolling 12-month figures per unit and month M (M − 11 … M), as the HR step stores them
 * (jobs/recompute/stages/hr/rolling.ts): departures, manager departures, headcount-days and the
 * window's days, so turnover % = departures / (headcount-days / days) × 100. With `months`, only
 * M in [from, to] (one index range: month first in the key).
 */
export function rolling12Sql(months?: { from: string; to: string }): SQL {
  return sql`select unit_id, month, departures, manager_departures, headcount_days, days from hr_unit_rolling_12m
    ${months ? sql`where month between ${months.from}::date and ${months.to}::date` : sql``}`;
}

/** Weeks after a range whose status can change with it: their last-6 window reaches back into it. */
export const STATUS_WINDOW_WEEKS = 5;
/**
 * When employments changed, the 12-month turnover of every week up to about 13 months later
 * changes too (rolling window of whole months ending the month before the week's Sunday).
 */
export const STATUS_WEEKS_AFTER_HR_CHANGE = 60;

const STATUS = {
  target: "unit_week_status", stage: "unit_week_status_stage", keys: ["unit_id", "week_start"],
  values: ["over_cases_per_fte", "over_weighted_load", "over_emotional_share", "over_turnover", "weeks_over_of_last_6", "status"],
} as const;

/**
 * Replaces unit_week_status for the range and `weeksAfter` weeks after it; over-flags are read
 * from 5 weeks before the range. `freshTables`: the table is a full run's empty build, so the
 * rows go straight in; otherwise only the rows that differ from the stored ones are written.
 */
export async function recomputeStatus(
  db: Database, r: WeekRange, weeksAfter = STATUS_WINDOW_WEEKS, options: { freshTables?: boolean } = {},
): Promise<number> {
  const writeFrom = sql`${r.fromWeek}::date`;
  const writeTo = sql`${r.toWeek}::date + ${7 * weeksAfter}::int`;
  await useAggregationSettings(db);
  const fresh = options.freshTables === true;
  // The week and the 5 before it. A fresh build's load weeks are every unit's every week of the
  // run (unitWeeksSql), so they are the 6 rows up to this one, the cheaper frame; stored weeks may
  // have gaps (a unit added later has no earlier weeks), so there the frame is by days, as
  // integers: a range over dates with an interval offset compares timestamps per row.
  const lastSixWeeks = fresh
    ? sql`order by week_start rows between 5 preceding and current row`
    : sql`order by week_start - date '1900-01-01' range between 35 preceding and current row`;
  const turnoverMonth = turnoverMonthOfWeekSql(sql`l.week_start`);
  const spec = { ...STATUS, fresh, analyze: false, scope: sql`week_start between ${writeFrom} and ${writeTo}` };
  const written = await writeInserted(db, spec, (table) => sql`
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
        over (partition by unit_id ${lastSixWeeks}) as weeks_over
      from flags f
    ),
    inserted as (
      insert into ${sql.raw(table)} (unit_id, week_start, over_cases_per_fte, over_weighted_load, over_emotional_share,
                                    over_turnover, weeks_over_of_last_6, status)
      select unit_id, week_start, over_cases, over_weighted, over_emotional, over_turnover, weeks_over,
        case when weeks_over >= 4 then 'red'
             when over_cases or over_weighted or over_emotional or over_turnover then 'amber'
             else 'green' end
      from counted where week_start between ${writeFrom} and ${writeTo}
      returning 1
    )
    select count(*)::int as n from inserted`);
  return written.rows;
}
