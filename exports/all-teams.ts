// The all-teams view as a file: the rows the page shows with its filters and sort, every page of
// them, one row per team for the week shown. Written by exports/table.ts (BOM, `;`, decimal comma).
import type { AllTeamsPage } from "../db/presenters/all-teams";
import type { ExportColumn, ExportTable } from "./table";

export const ALL_TEAMS_COLUMNS: ExportColumn[] = [
  { header: "unit_code", kind: "text" },
  { header: "unit_name", kind: "text" },
  { header: "parent_name", kind: "text" },
  { header: "centre_name", kind: "text" },
  { header: "week", kind: "text" },
  { header: "status", kind: "text" },
  { header: "weeks_over_of_last_6", kind: "number" },
  { header: "cases_per_fte", kind: "number", decimals: 2 },
  { header: "weighted_load_per_fte", kind: "number", decimals: 2 },
  { header: "emotional_share_pct", kind: "number", decimals: 1 },
  { header: "mismatched_cases", kind: "number" },
  { header: "turnover_12m_from", kind: "date" },
  { header: "turnover_12m_to", kind: "date" },
  { header: "turnover_12m_departures", kind: "number" },
  { header: "turnover_12m_avg_headcount", kind: "number", decimals: 2 },
  { header: "turnover_12m_pct", kind: "number", decimals: 1 },
  { header: "turnover_small_population", kind: "text" },
  { header: "open_at_plans", kind: "number" },
];

export function allTeamsTable(page: AllTeamsPage): ExportTable {
  return {
    name: "teams",
    columns: ALL_TEAMS_COLUMNS,
    rows: page.rows.map((r) => [
      r.code, r.name, r.parentName, r.centreName, page.weekLabel, r.status, r.weeksOverOfLast6,
      r.casesPerFte, r.weightedLoadPerFte, r.emotionalSharePct, r.mismatchedCases,
      page.turnoverFrom, page.turnoverTo, r.turnoverDepartures, r.turnoverAvgHeadcount, r.turnoverPct,
      r.smallPopulation ? "yes" : "no", r.atPlans,
    ]),
  };
}
