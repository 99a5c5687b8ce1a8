// Calendar rules of domain/calendar.ts written as SQL, for queries that apply them per row. Each
// has a test that it agrees with its TypeScript original (tests/integration/sql-calendar.test.ts).
import { sql, type SQL } from "drizzle-orm";

/** domain/calendar.ts `turnoverMonthOfWeek` for a column or expression holding a week's Monday. */
export function turnoverMonthOfWeekSql(weekMonday: SQL): SQL {
  // Monday + 7 is the day after the snapshot Sunday; the month before its month is the last complete one.
  // As a timestamp without time zone: date_trunc of a date otherwise goes through timestamptz and
  // the session's time zone for every row (the same month, several times slower over 1.4M rows).
  return sql`(date_trunc('month', ((${weekMonday})::date + 7)::timestamp) - interval '1 month')::date`;
}
