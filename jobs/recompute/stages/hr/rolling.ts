// hr_unit_rolling_12m: the 12-month window ending with each month, per unit, from hr_unit_month —
// the one place the rolling turnover window is summed (status and the risk radar read it).
import { sql, type SQL } from "drizzle-orm";

/**
 * Rows of hr_unit_rolling_12m for the months M of [from, to] (1st days): for every unit and every
 * month of the dense grid between the first and last month hr_unit_month holds, the sums of its
 * months M − 11 … M. Dense, because a unit with no row in month M (nobody employed any more)
 * still has the departures of the 11 months before it.
 */
export function rolling12mRowsSql(months: { from: string; to: string }): SQL {
  const from = sql`${months.from}::date`;
  return sql`select month, unit_id, departures, manager_departures, headcount_days, days from (
      select g.unit_id, g.month,
        (sum(coalesce(h.departures, 0)) over m)::int as departures,
        (sum(coalesce(h.manager_departures, 0)) over m)::int as manager_departures,
        (sum(coalesce(h.headcount_days, 0)) over m)::bigint as headcount_days,
        ((g.month + interval '1 month')::date - (g.month - interval '11 months')::date) as days
      from (
        select u.id as unit_id, m::date as month
        from units u
        cross join generate_series(
          greatest((select min(month) from hr_unit_month), (${from} - interval '11 months')::date)::timestamp,
          least((select max(month) from hr_unit_month), ${months.to}::date)::timestamp,
          interval '1 month') m
      ) g
      left join hr_unit_month h on h.unit_id = g.unit_id and h.month = g.month
      window m as (partition by g.unit_id order by g.month rows between 11 preceding and current row)
    ) w
    where month >= ${from}`;
}
