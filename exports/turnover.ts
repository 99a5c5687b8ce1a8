// The turnover export of DATA-CONTRACT.md: one row per unit (every unit, or --unit and its
// subtree), the contract's columns in the contract's order, figures from the same presenter as the page.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client";
import { turnoverTable, type TurnoverReport } from "../db/presenters/turnover";
import { ExportError, type ExportColumn, type ExportTable } from "./table";
import type { IsoDate } from "../domain/calendar";

export const TURNOVER_COLUMNS: ExportColumn[] = [
  { header: "unit_code", kind: "text" },
  { header: "unit_name", kind: "text" },
  { header: "period_from", kind: "date" },
  { header: "period_to", kind: "date" },
  { header: "avg_headcount", kind: "number", decimals: 2 },
  { header: "departures", kind: "number" },
  { header: "turnover_pct", kind: "number", decimals: 1 },
  { header: "manager_avg_headcount", kind: "number", decimals: 2 },
  { header: "manager_departures", kind: "number" },
  { header: "manager_turnover_pct", kind: "number", decimals: 1 },
  { header: "voluntary_departures", kind: "number" },
  { header: "internal_transfers_out", kind: "number" },
  { header: "hires", kind: "number" },
];

/** The report's current-period rows as the export table. */
export function turnoverReportToTable(report: TurnoverReport): ExportTable {
  return {
    name: "turnover",
    columns: TURNOVER_COLUMNS,
    rows: report.rows.map(({ unit, shown }) => [
      unit.code, unit.name, report.from, report.to,
      shown.avgHeadcount, shown.departures, shown.turnoverPct,
      shown.managerAvgHeadcount, shown.managerDepartures, shown.managerTurnoverPct,
      shown.voluntaryDepartures, shown.internalTransfersOut, shown.hires,
    ]),
  };
}

export async function buildTurnoverExport(db: Database, request: { from?: IsoDate; to?: IsoDate; unitCode?: string }): Promise<ExportTable> {
  if (!request.from || !request.to) throw new ExportError("turnover needs --from and --to");
  let root: number | null = null;
  if (request.unitCode) {
    const [unit] = await queryRows<{ id: number }>(db, sql`select id from units where code = ${request.unitCode}`);
    if (!unit) throw new ExportError(`unknown unit code ${request.unitCode}`);
    root = unit.id;
  }
  return turnoverReportToTable(await turnoverTable(db, root, request.from, request.to, { withPrevious: false }));
}
