// Whether the weekly pipeline may leave the HR rollups as stored (docs/decisions/0017): recomputing
// HR months re-reads every employment; when nothing in them (or in the unit tree) changed since an
// aggregation folded everything in, and the range's months are stored, the result would be the
// rows already there.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../../../db/client";
import { addDays, monthStart } from "../../../../domain/calendar";

export interface HrFactsState {
  version: number;
  folded: number | null;
}

export async function hrFactsState(tx: Database): Promise<HrFactsState> {
  const [row] = await queryRows<{ version: string; folded: string | null }>(tx, sql`
    select version::text as version, folded_version::text as folded from hr_facts_state where id = 1`);
  return { version: Number(row?.version ?? 0), folded: row?.folded == null ? null : Number(row.folded) };
}

/** The range's HR months (from the month of from − 1 to that of to + 1) are all stored and nothing changed since they were folded. */
export async function hrUnchanged(tx: Database, state: HrFactsState, range: { from: string; to: string }): Promise<boolean> {
  if (state.folded === null || state.folded !== state.version) return false;
  const first = monthStart(addDays(range.from, -1));
  const last = monthStart(addDays(range.to, 1));
  const [row] = await queryRows<{ stored: boolean }>(tx, sql`
    select exists (select 1 from hr_unit_month where month = ${first}::date)
       and exists (select 1 from hr_unit_month where month = ${last}::date) as stored`);
  return row?.stored ?? false;
}

/** After HR ran with no other request pending: the stored HR months are exact as of `version`. */
export async function markHrFolded(tx: Database, version: number): Promise<void> {
  await tx.execute(sql`update hr_facts_state set folded_version = ${version} where id = 1`);
}
