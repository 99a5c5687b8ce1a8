// The load export of DATA-CONTRACT.md: one row per unit (every unit, or --unit and its subtree)
// and ISO week overlapping [from, to], read from load_unit_week; ratios recomputed from the sums.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client";
import { isoWeekLabel, weekStart, type IsoDate } from "../domain/calendar";
import { loadRatios } from "../domain/caseload";
import { ExportError, type ExportColumn, type ExportTable } from "./table";

export const LOAD_COLUMNS: ExportColumn[] = [
  { header: "unit_code", kind: "text" },
  { header: "unit_name", kind: "text" },
  { header: "week", kind: "text" },
  { header: "open_cases", kind: "number" },
  { header: "caseworker_fte", kind: "number", decimals: 2 },
  { header: "cases_per_fte", kind: "number", decimals: 2 },
  { header: "weighted_load_per_fte", kind: "number", decimals: 2 },
  { header: "emotional_share_pct", kind: "number", decimals: 1 },
  { header: "mismatched_cases", kind: "number" },
  { header: "new_cases", kind: "number" },
  { header: "closed_cases", kind: "number" },
];

/** Units in scope: every unit, or the named one and its subtree. Throws a readable error when unknown. */
export async function scopeUnitIds(db: Database, unitCode: string | undefined): Promise<number[] | null> {
  if (!unitCode) return null;
  const rows = await queryRows<{ id: number }>(db, sql`
    select c.descendant_id as id from units u join unit_closure c on c.ancestor_id = u.id where u.code = ${unitCode}`);
  if (rows.length === 0) throw new ExportError(`unknown unit code ${unitCode}`);
  return rows.map((r) => r.id);
}

export function unitFilter(ids: number[] | null) {
  return ids === null ? sql`true` : sql`u.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;
}

interface LoadRow {
  code: string;
  name: string;
  weekStart: string;
  openCases: number | null;
  caseworkerFte: number | null;
  weightedSum: number | null;
  flaggedCases: number | null;
  mismatchedCases: number | null;
  newCases: number | null;
  closedCases: number | null;
}

export async function buildLoadExport(db: Database, request: { from?: IsoDate; to?: IsoDate; unitCode?: string }): Promise<ExportTable> {
  if (!request.from || !request.to) throw new ExportError("load needs --from and --to");
  if (request.from > request.to) throw new ExportError("--from must not be after --to");
  const ids = await scopeUnitIds(db, request.unitCode);
  const first = weekStart(request.from);
  const last = weekStart(request.to);
  // A week not yet aggregated stays a row with empty figures rather than a silent gap.
  const rows = await queryRows<LoadRow>(db, sql`
    select u.code, u.name, w.wk::text as "weekStart",
      l.open_cases as "openCases", l.caseworker_fte::float8 as "caseworkerFte",
      l.weighted_sum::float8 as "weightedSum", l.flagged_cases as "flaggedCases", l.mismatched_cases as "mismatchedCases",
      l.new_cases as "newCases", l.closed_cases as "closedCases"
    from units u
    cross join (select ${first}::date + 7 * i as wk from generate_series(0, (${last}::date - ${first}::date) / 7) as i) w
    left join load_unit_week l on l.unit_id = u.id and l.week_start = w.wk
    where ${unitFilter(ids)}
    order by u.code, w.wk`);
  return {
    name: "load",
    columns: LOAD_COLUMNS,
    rows: rows.map((r) => {
      const label = isoWeekLabel(r.weekStart);
      if (r.openCases === null) return [r.code, r.name, label, null, null, null, null, null, null, null, null];
      const ratios = loadRatios({
        openCases: r.openCases, caseworkerFte: r.caseworkerFte!, weightedSum: r.weightedSum!, flaggedCases: r.flaggedCases!,
      });
      return [r.code, r.name, label, r.openCases, r.caseworkerFte, ratios.casesPerFte, ratios.weightedLoadPerFte,
        ratios.emotionalSharePct, r.mismatchedCases, r.newCases, r.closedCases];
    }),
  };
}
