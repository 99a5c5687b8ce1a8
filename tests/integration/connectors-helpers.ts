// Shared by the connectors' end-to-end tests: the small organisation imported from contract files,
// and the turnover and load figures of a database, as `npm run export` writes them.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Database } from "../../db/client";
import { connections } from "../../db/schema";
import { importFile } from "../../import";
import { runOpenRequestsInline } from "../../jobs/inline";
import { buildTurnoverExport } from "../../exports/turnover";
import { buildLoadExport } from "../../exports/load";
import { tableToCsv } from "../../exports/table";

export const TODAY = "2025-01-15";
const here = path.dirname(fileURLToPath(import.meta.url));
export const CONTRACT_DIR = path.join(here, "../fixtures/connectors/contract");

export async function importContract(db: Database, kind: "units" | "employments" | "case-periods", file: string) {
  const result = await importFile(db, { kind, filePath: path.join(CONTRACT_DIR, file), actor: "test" });
  expect(result.errors).toEqual([]);
  return result;
}

/** The same organisation from the hand-written contract files. */
export async function importContractOrganisation(db: Database): Promise<void> {
  await importContract(db, "units", "units.csv");
  await importContract(db, "employments", "employments.csv");
  await importContract(db, "case-periods", "case_periods.csv");
}

const lines = (table: Parameters<typeof tableToCsv>[0]) => tableToCsv(table).toString("utf8").slice(1).trimEnd().split("\r\n");

export interface Figures {
  turnover: string[];
  load: string[];
}

/**
 * Aggregates what is pending and reads 2024's turnover and three weeks of load for every unit.
 * `codes` renames a source's unit codes (Opus and SD number their units) to the contract files'.
 */
export async function figures(db: Database, codes: Record<string, string> = {}): Promise<Figures> {
  const runs = await runOpenRequestsInline(db, TODAY);
  expect(runs.filter((r) => r.error)).toEqual([]);
  const turnover = lines(await buildTurnoverExport(db, { from: "2024-01-01", to: "2024-12-31" }));
  const load = lines(await buildLoadExport(db, { from: "2024-03-04", to: "2024-10-06" }))
    .filter((l, i) => i === 0 || /;2024-W(10|27|40);/.test(l));
  const rename = (l: string) => {
    const [code, ...rest] = l.split(";");
    return [codes[code] ?? code, ...rest].join(";");
  };
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { turnover: [turnover[0], ...turnover.slice(1).map(rename).sort(byCode)], load: [load[0], ...load.slice(1).map(rename).sort(byCode)] };
}

/** One cell of an export line by column name. */
export function cell(table: string[], unitCode: string, column: string, week?: string): string {
  const header = table[0].split(";");
  const row = table.find((l) => l.startsWith(`${unitCode};`) && (week === undefined || l.includes(`;${week};`)));
  if (!row) throw new Error(`no row for ${unitCode} ${week ?? ""}`);
  return row.split(";")[header.indexOf(column)];
}

/**
 * The figures worked out by hand for 2024 (366 days) from METRICS.md:
 * Team Nord: A until 30 Jun (182 days) + B (366) + C (366) = 914 headcount-days → 2.50 avg; A's move
 *   is 1 departure, an internal transfer out → 40.0 %; C is manager until 31 Mar: 91 days → 0.25
 *   managers, and 1 manager departure (stepping down leaves the manager population).
 * Team Syd: A from 1 Jul (184) + B (366) + D until 30 Sep (274) + E from 1 Apr (275) = 1,099 → 3.00;
 *   D is 1 external departure with an unknown reason (not voluntary) → 33.3 %; hires A and E = 2.
 * Familieafdelingen: 366 + 366 + 366 + 274 + 275 = 1,647 → 4.50; only D departs (A moved inside) →
 *   22.2 %; 1 hire (E).
 * Load, caseworker FTE on the Sundays: W10 (10 Mar) Nord A 1 + B 0.5 + C 1 = 2.5 → 3 cases / 2.5 =
 *   1.2; Syd B 0.5 + D 1 = 1.5 → 7 / 1.5 = 4.67 (E not yet). W27 (7 Jul) Nord B + C = 1.5 → 2.0; Syd
 *   A + B + D + E = 3.5 → 2.0. W40 (6 Oct) Syd A + B + E = 2.5 → 2.8.
 */
export function expectHandFigures(f: Figures): void {
  const t = f.turnover;
  expect([cell(t, "T-NORD", "avg_headcount"), cell(t, "T-NORD", "departures"), cell(t, "T-NORD", "turnover_pct")]).toEqual(["2,50", "1", "40,0"]);
  expect([cell(t, "T-NORD", "internal_transfers_out"), cell(t, "T-NORD", "voluntary_departures"), cell(t, "T-NORD", "hires")]).toEqual(["1", "0", "0"]);
  expect([cell(t, "T-NORD", "manager_avg_headcount"), cell(t, "T-NORD", "manager_departures")]).toEqual(["0,25", "1"]);
  expect([cell(t, "T-SYD", "avg_headcount"), cell(t, "T-SYD", "departures"), cell(t, "T-SYD", "turnover_pct")]).toEqual(["3,00", "1", "33,3"]);
  expect([cell(t, "T-SYD", "internal_transfers_out"), cell(t, "T-SYD", "voluntary_departures"), cell(t, "T-SYD", "hires")]).toEqual(["0", "0", "2"]);
  expect([cell(t, "FAM", "avg_headcount"), cell(t, "FAM", "departures"), cell(t, "FAM", "turnover_pct"), cell(t, "FAM", "hires")]).toEqual(["4,50", "1", "22,2", "1"]);
  const l = f.load;
  expect([cell(l, "T-NORD", "caseworker_fte", "2024-W10"), cell(l, "T-NORD", "cases_per_fte", "2024-W10")]).toEqual(["2,50", "1,20"]);
  expect([cell(l, "T-SYD", "caseworker_fte", "2024-W10"), cell(l, "T-SYD", "cases_per_fte", "2024-W10")]).toEqual(["1,50", "4,67"]);
  expect([cell(l, "T-NORD", "caseworker_fte", "2024-W27"), cell(l, "T-NORD", "cases_per_fte", "2024-W27")]).toEqual(["1,50", "2,00"]);
  expect([cell(l, "T-SYD", "caseworker_fte", "2024-W27"), cell(l, "T-SYD", "cases_per_fte", "2024-W27")]).toEqual(["3,50", "2,00"]);
  expect([cell(l, "T-SYD", "caseworker_fte", "2024-W40"), cell(l, "T-SYD", "cases_per_fte", "2024-W40")]).toEqual(["2,50", "2,80"]);
}

export async function addConnection(db: Database, name: string, source: "os2mo" | "opus" | "sd" | "file", settings: Record<string, unknown>): Promise<void> {
  await db.insert(connections).values({ name, source, settings });
}
