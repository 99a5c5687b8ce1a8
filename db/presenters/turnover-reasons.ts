// How many of a unit's departures in a period had no reason from the source (end_reason
// `unknown`, e.g. every leave from KMD Opus): they are never counted as voluntary (METRICS.md), and
// the turnover page says how many there were. One function, read from the same departure events
// the figures come from (hr_events, external departures of the staff population).
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import type { IsoDate } from "../../domain/calendar";

export async function unknownReasonDepartures(db: Database, params: { unitId: number; from: IsoDate; to: IsoDate }): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`
    select count(*)::int as n from hr_events e
    where e.unit_id = ${params.unitId} and e.population = 'staff' and e.kind = 'departure'
      and not e.internal_transfer and e.end_reason = 'unknown'
      and e.event_date between ${params.from}::date and ${params.to}::date`);
  return row?.n ?? 0;
}
