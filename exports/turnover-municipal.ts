// The turnover export variant comparable with the municipal staff statistics, labelled as such in
// every row and in the file name: people on the last day of November against the same day a year
// later (domain/turnover.ts snapshotTurnoverByUnit). It is NOT the METRICS.md turnover the
// pages show (departures over the average headcount of a period); both are offered side by side.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client";
import { unitsInTreeOrder } from "../db/presenters/turnover";
import { novemberSnapshots, snapshotTurnoverByUnit, type HrEmployment } from "../domain/turnover";
import { ExportError, type ExportColumn, type ExportTable } from "./table";

export const MUNICIPAL_VARIANT = "kommunal_statistik_nov_nov";

export const MUNICIPAL_TURNOVER_COLUMNS: ExportColumn[] = [
  { header: "unit_code", kind: "text" },
  { header: "unit_name", kind: "text" },
  { header: "variant", kind: "text" },
  { header: "snapshot_from", kind: "date" },
  { header: "snapshot_to", kind: "date" },
  { header: "headcount_at_from", kind: "number" },
  { header: "leavers", kind: "number" },
  { header: "of_which_moves_inside_organisation", kind: "number" },
  { header: "turnover_pct", kind: "number", decimals: 1 },
];

/** Every employment covering either snapshot day, in the whole organisation (a move out needs the other end). */
async function employmentsOn(db: Database, days: string[]): Promise<HrEmployment[]> {
  return queryRows<HrEmployment>(db, sql`
    select employee_id as "employeeId", unit_id as "unitId", role, is_manager as "isManager", fte::float8 as fte,
      start_date::text as "startDate", end_date::text as "endDate", end_reason as "endReason"
    from employments
    where ${sql.join(days.map((d) => sql`(start_date <= ${d}::date and (end_date is null or end_date >= ${d}::date))`), sql` or `)}`);
}

export async function buildMunicipalTurnoverExport(db: Database, request: { year: number; unitId: number | null }): Promise<ExportTable> {
  if (!Number.isInteger(request.year) || request.year < 1991 || request.year > 2100) throw new ExportError("the year must be between 1991 and 2100");
  const { from, to } = novemberSnapshots(request.year);
  const [shown, all, employments] = await Promise.all([
    unitsInTreeOrder(db, request.unitId),
    queryRows<{ id: number; parentId: number | null }>(db, sql`select id, parent_id as "parentId" from units`),
    employmentsOn(db, [from, to]),
  ]);
  if (shown.length === 0) throw new ExportError("unknown unit");
  const byUnit = snapshotTurnoverByUnit(employments, all, from, to);
  return {
    name: "kommunal statistik",
    columns: MUNICIPAL_TURNOVER_COLUMNS,
    rows: shown.map((u) => {
      const f = byUnit.get(u.id)!;
      return [u.code, u.name, MUNICIPAL_VARIANT, f.from, f.to, f.headcountAtFrom, f.leavers, f.movesInside, f.pct];
    }),
  };
}
