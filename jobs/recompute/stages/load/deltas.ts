// What both ways of filling the weekly load rollups share (the sweep of
// jobs/recompute/stages/load/recompute.ts and the carry forward of incremental.ts): the weeks of a
// range and the fixed-point scale of FTE sums. Both read only the ledgers (db/load-ledger.ts),
// whose rows are the +/− change every fact makes at a week: a running sum per team or holder over
// the weeks gives every week's figure without expanding each case into its weeks.
import { sql, type SQL } from "drizzle-orm";

export interface WeekRange {
  /** Monday of the first week. */
  fromWeek: string;
  /** Monday of the last week. */
  toWeek: string;
}

/**
 * FTE is kept as an integer in units of 1/10,000 (it has 4 decimals): bigint sums over millions
 * of rows are several times faster than numeric ones, and still exact. Stored values are divided
 * back into numeric.
 */
export const SCALE = sql.raw("10000");

/** The Monday of every week of the range, as `wk`. */
export function weeksSql(r: WeekRange): SQL {
  // Integer steps, not a timestamp series: calendar dates must not pass through a time zone.
  return sql`select ${r.fromWeek}::date + 7 * i as wk from generate_series(0, (${r.toWeek}::date - ${r.fromWeek}::date) / 7) as i`;
}
