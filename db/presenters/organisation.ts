// Presenter for the director's heatmap: units × the last 12 weeks by status, with the tree to
// drill down (centre → cluster → team) and filters. Statuses come from unit_week_status as the
// status job stored them; this module only arranges them.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { addDays, isoWeekLabel, lastCompleteWeek, weeksBetween } from "../../domain/calendar";
import { loadRatios } from "../../domain/caseload";
import { rollUpStatus } from "../../domain/status";
import type { Status } from "../../domain/status";
import type { UnitScope } from "../sql-scope";
import {
  childUnits, districtsInScope, getUnit, inScope, rootUnitId, scopeRoots, teamsInDistrict, unitPath, unitsInScope,
  type UnitSummary,
} from "./units";

export interface HeatCell {
  weekStart: string;
  /** The status of the unit's own summed figures. */
  status: Status | null;
  weeksOverOfLast6: number | null;
  over: ("cases_per_fte" | "weighted_load" | "emotional_share" | "turnover")[];
  /** Roll-up status: the worst status of the teams in the subtree that week (what the cell leads with). */
  rollUp: RollUp;
}

/** Teams of the subtree by status in one week, and the first red ones by name. */
export interface RollUp {
  status: Status | null;
  red: number;
  amber: number;
  teams: number;
  /** Up to RED_NAMES_SHOWN names of red teams, alphabetical. */
  redTeams: string[];
}

/** A parent cell names this many of its red teams; the count says how many more there are. */
export const RED_NAMES_SHOWN = 5;

export interface HeatmapRow {
  unit: UnitSummary;
  /** The row is the selected unit's own total (its whole subtree), shown first. */
  isTotal: boolean;
  hasChildren: boolean;
  cells: HeatCell[];
  /** The latest week's ratios, so the numbers behind the colour are on the page. */
  casesPerFte: number | null;
  weightedLoadPerFte: number | null;
  emotionalSharePct: number | null;
}

export interface OrganisationPage {
  weeks: { weekStart: string; weekLabel: string }[];
  selected: UnitSummary | null;
  path: UnitSummary[];
  rows: HeatmapRow[];
  filters: { centres: UnitSummary[]; clusters: UnitSummary[]; districts: string[] };
}

export interface OrganisationOptions {
  scope: UnitScope;
  /** The unit to drill into (centre/cluster filters resolve to it); null = the top of the scope. */
  unitId: number | null;
  district: string | null;
  today: string;
  weeks?: number;
}

interface StatusRow {
  unitId: number;
  weekStart: string;
  status: Status;
  weeksOverOfLast6: number;
  overCasesPerFte: boolean;
  overWeightedLoad: boolean;
  overEmotionalShare: boolean;
  overTurnover: boolean;
}

export function overList(r: Pick<StatusRow, "overCasesPerFte" | "overWeightedLoad" | "overEmotionalShare" | "overTurnover">): HeatCell["over"] {
  const list: HeatCell["over"] = [];
  if (r.overCasesPerFte) list.push("cases_per_fte");
  if (r.overWeightedLoad) list.push("weighted_load");
  if (r.overEmotionalShare) list.push("emotional_share");
  if (r.overTurnover) list.push("turnover");
  return list;
}

/** The latest status week that is complete (its Sunday has passed): the week shown as "this week". */
async function latestStatusWeek(db: Database, today: string): Promise<string> {
  const [row] = await queryRows<{ week: string | null }>(db, sql`
    select max(week_start)::text as week from unit_week_status where week_start <= ${lastCompleteWeek(today)}::date`);
  return row?.week ?? lastCompleteWeek(today);
}

interface RollUpRow { unitId: number; weekStart: string; red: number; amber: number; teams: number; redTeams: string[] | null }

/**
 * Status counts of the teams in each unit's subtree per week (a team counts itself). Only counts
 * come from SQL; the roll-up status itself is rollUpStatus (domain/status.ts).
 */
export async function rollUpCounts(db: Database, unitIds: number[], fromWeek: string, toWeek: string): Promise<Map<string, RollUp>> {
  if (unitIds.length === 0) return new Map();
  const rows = await queryRows<RollUpRow>(db, sql`
    select c.ancestor_id as "unitId", s.week_start::text as "weekStart",
      count(*) filter (where s.status = 'red')::int as red, count(*) filter (where s.status = 'amber')::int as amber,
      count(*)::int as teams,
      (array_agg(t.name order by t.name) filter (where s.status = 'red'))[1:${RED_NAMES_SHOWN}] as "redTeams"
    from unit_closure c
    join units t on t.id = c.descendant_id and t.kind = 'team'
    join unit_week_status s on s.unit_id = t.id and s.week_start between ${fromWeek}::date and ${toWeek}::date
    where c.ancestor_id = any(${`{${unitIds.join(",")}}`}::int[])
    group by c.ancestor_id, s.week_start`);
  return new Map(rows.map((r) => [`${r.unitId}:${r.weekStart}`, {
    status: rollUpStatus(r), red: r.red, amber: r.amber, teams: r.teams, redTeams: r.redTeams ?? [],
  }]));
}

const NO_TEAMS: RollUp = { status: null, red: 0, amber: 0, teams: 0, redTeams: [] };

export async function organisationPage(db: Database, options: OrganisationOptions): Promise<OrganisationPage> {
  const { scope, today, district } = options;
  const count = options.weeks ?? 12;
  // A whole-organisation viewer never needs the full unit list (thousands at national scale);
  // a scoped viewer's list is small and gives the tops of the scope.
  const [scopeUnits, lastWeek, filterUnits, districts] = await Promise.all([
    scope === "all" ? Promise.resolve(null) : unitsInScope(db, scope),
    latestStatusWeek(db, today),
    unitsInScope(db, scope, ["centre", "cluster", "department"]),
    districtsInScope(db, scope),
  ]);
  const roots = scopeUnits ? scopeRoots(scopeUnits) : [];
  let selectedId = options.unitId;
  if (selectedId === null) {
    // The top of the scope: the organisation root, or the single unit a user's grants start from.
    selectedId = scopeUnits === null ? await rootUnitId(db) : roots.length === 1 ? roots[0].id : null;
  }
  let selected = selectedId === null ? null : await getUnit(db, selectedId);
  if (options.unitId === null && selected) {
    // Opening the page, skip levels with a single child (organisation → area): the first
    // screen should already compare units (the centres), not show one row.
    for (let depth = 0; depth < 10; depth++) {
      const parentId: number = selected.id;
      const children: UnitSummary[] = (await childUnits(db, parentId)).filter((u) => inScope(scope, u.id));
      if (children.length !== 1) break;
      selected = children[0];
    }
  }
  let listed: UnitSummary[];
  if (district) listed = await teamsInDistrict(db, scope, district, selected?.id ?? null);
  else if (selected) listed = (await childUnits(db, selected.id)).filter((u) => inScope(scope, u.id));
  // Several disjoint grants and no unit chosen: the grants' top units are the rows.
  else listed = roots;
  const rowsUnits = selected ? [selected, ...listed] : listed;

  const weeks = weeksBetween(addDays(lastWeek, -7 * (count - 1)), lastWeek);
  const ids = rowsUnits.map((u) => u.id);
  const idList = `{${ids.join(",")}}`;
  const [statusRows, loadRows, parents, path, rollUps] = await Promise.all([
    ids.length ? queryRows<StatusRow>(db, sql`
      select unit_id as "unitId", week_start::text as "weekStart", status, weeks_over_of_last_6 as "weeksOverOfLast6",
        over_cases_per_fte as "overCasesPerFte", over_weighted_load as "overWeightedLoad",
        over_emotional_share as "overEmotionalShare", over_turnover as "overTurnover"
      from unit_week_status
      where unit_id = any(${idList}::int[]) and week_start between ${weeks[0]}::date and ${lastWeek}::date`) : [],
    ids.length ? queryRows<{ unitId: number; openCases: number; caseworkerFte: number; weightedSum: number; flaggedCases: number }>(db, sql`
      select unit_id as "unitId", open_cases as "openCases", caseworker_fte::float8 as "caseworkerFte",
        weighted_sum::float8 as "weightedSum", flagged_cases as "flaggedCases"
      from load_unit_week where unit_id = any(${idList}::int[]) and week_start = ${lastWeek}::date`) : [],
    ids.length ? queryRows<{ parentId: number }>(db, sql`
      select distinct parent_id as "parentId" from units where parent_id = any(${idList}::int[])`) : [],
    selected ? unitPath(db, selected.id) : Promise.resolve([]),
    rollUpCounts(db, ids, weeks[0], lastWeek),
  ]);
  const statusByKey = new Map(statusRows.map((r) => [`${r.unitId}:${r.weekStart}`, r]));
  const loadByUnit = new Map(loadRows.map((r) => [r.unitId, r]));
  const withChildren = new Set(parents.map((p) => p.parentId));

  const rows: HeatmapRow[] = rowsUnits.map((unit, index) => {
    const load = loadByUnit.get(unit.id);
    const ratios = load
      ? loadRatios(load)
      : { casesPerFte: null, weightedLoadPerFte: null, emotionalSharePct: null };
    return {
      unit,
      isTotal: selected !== null && index === 0,
      hasChildren: withChildren.has(unit.id),
      cells: weeks.map((w) => {
        const s = statusByKey.get(`${unit.id}:${w}`);
        return {
          weekStart: w, status: s?.status ?? null, weeksOverOfLast6: s?.weeksOverOfLast6 ?? null, over: s ? overList(s) : [],
          rollUp: rollUps.get(`${unit.id}:${w}`) ?? NO_TEAMS,
        };
      }),
      ...ratios,
    };
  });

  return {
    weeks: weeks.map((w) => ({ weekStart: w, weekLabel: isoWeekLabel(w) })),
    selected,
    path: path.filter((u) => inScope(scope, u.id)),
    rows,
    filters: {
      centres: filterUnits.filter((u) => u.kind === "centre"),
      clusters: filterUnits.filter((u) => u.kind === "cluster" || u.kind === "department"),
      districts,
    },
  };
}
