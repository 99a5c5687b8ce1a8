// Presenter for the all-teams view (/teams): every team in scope in one table for the last
// complete week, filtered, sorted and paged. One statement reads the stored sums of every team
// (load_unit_week, unit_week_status, hr_unit_month, open AT plans); the ratios come from the same
// functions as everywhere else (loadRatios, turnoverFigure), so sorting and filtering happen here,
// on the computed figures, and never on a second SQL copy of a formula.
import { sql } from "drizzle-orm";
import { inUnitScope } from "../sql-scope";
import { queryRows, type Database } from "../client";
import { addMonths, isoWeekLabel, lastCompleteWeek, turnoverMonthOfWeek } from "../../domain/calendar";
import { loadRatios } from "../../domain/caseload";
import { turnoverFigure } from "./team";
import type { Status } from "../../domain/status";
import type { UnitScope } from "../sql-scope";
import { PageCache } from "../infra/page-cache";

export const SORT_KEYS = [
  "name", "status", "weeksOver", "casesPerFte", "weightedLoadPerFte", "emotionalSharePct", "mismatchedCases", "turnoverPct", "atPlans",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const STATUS_FILTERS = ["red", "amber", "green", "none", "over"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const PAGE_SIZE = 50;

export interface AllTeamsOptions {
  scope: UnitScope;
  today: string;
  /** Part of the team's, its parent's or its centre's name (case-insensitive). */
  q?: string | null;
  status?: StatusFilter | null;
  /** Only teams below this unit (a centre or cluster). */
  within?: number | null;
  sort?: SortKey;
  dir?: "asc" | "desc";
  /** 1-based; null gives every row (the export). */
  page?: number | null;
}

export interface TeamRow {
  id: number;
  code: string;
  name: string;
  parentName: string | null;
  centreName: string | null;
  status: Status | null;
  weeksOverOfLast6: number | null;
  casesPerFte: number | null;
  weightedLoadPerFte: number | null;
  emotionalSharePct: number | null;
  mismatchedCases: number | null;
  turnoverPct: number | null;
  turnoverDepartures: number;
  turnoverAvgHeadcount: number;
  /** Average headcount under 5: the % is shown with a caution. */
  smallPopulation: boolean;
  atPlans: number;
}

export interface AllTeamsPage {
  weekStart: string;
  weekLabel: string;
  turnoverFrom: string;
  turnoverTo: string;
  rows: TeamRow[];
  /** Teams matching the filters (all pages). */
  total: number;
  /** Of them red and amber: the same counts as the heatmap's roll-up. */
  red: number;
  amber: number;
  page: number;
  pages: number;
  sort: SortKey;
  dir: "asc" | "desc";
}

interface RawRow {
  id: number; code: string; name: string; parentName: string | null; centreName: string | null;
  openCases: number | null; caseworkerFte: number | null; weightedSum: number | null; flaggedCases: number | null; mismatchedCases: number | null;
  status: Status | null; weeksOverOfLast6: number | null; departures: number; headcountDays: number; atPlans: number;
}

const SEVERITY: Record<string, number> = { red: 3, amber: 2, green: 1 };
/** One collator for every comparison: localeCompare(…, "da") builds one per call (1 s for 5,000 rows). */
const DANISH = new Intl.Collator("da");

/** The latest complete week that has a status: the week the view shows. */
async function shownWeek(db: Database, today: string): Promise<string> {
  const [row] = await queryRows<{ week: string | null }>(db, sql`
    select max(week_start)::text as week from unit_week_status where week_start <= ${lastCompleteWeek(today)}::date`);
  return row?.week ?? lastCompleteWeek(today);
}

function matches(row: TeamRow, o: AllTeamsOptions): boolean {
  if (o.status === "over" && !(row.status === "red" || row.status === "amber")) return false;
  if (o.status === "none" && row.status !== null) return false;
  if (o.status && o.status !== "over" && o.status !== "none" && row.status !== o.status) return false;
  if (o.q) {
    const q = o.q.toLocaleLowerCase("da");
    if (![row.name, row.code, row.parentName, row.centreName].some((v) => v?.toLocaleLowerCase("da").includes(q))) return false;
  }
  return true;
}

/** Sort value of a row: empty figures always last, whichever the direction. */
function sortValue(row: TeamRow, key: SortKey): number | string | null {
  switch (key) {
    case "name": return row.name;
    case "status": return row.status ? SEVERITY[row.status] : null;
    case "weeksOver": return row.weeksOverOfLast6;
    case "atPlans": return row.atPlans;
    default: return row[key];
  }
}

export function sortRows(rows: TeamRow[], key: SortKey, dir: "asc" | "desc"): TeamRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      const c = typeof x === "string" ? DANISH.compare(x, y as string) : x - (y as number);
      if (c !== 0) return sign * c;
    }
    return DANISH.compare(a.name, b.name) || a.id - b.id;
  });
}

interface TeamList {
  week: string;
  month: string;
  rows: TeamRow[];
}

/**
 * Every team of a scope with its figures, kept under the page data version (page-cache.ts): at
 * national scale the statement reads 5,000 teams, while filtering, sorting and paging the kept
 * rows takes a few milliseconds. Keyed by what the rows depend on: scope, unit above, day.
 */
const teamLists = new PageCache<TeamList>(50);

function teamListKey(o: AllTeamsOptions): string {
  const scope = o.scope === "all" ? "all" : [...o.scope].sort((a, b) => a - b).join(",");
  return JSON.stringify([scope, o.within ?? null, o.today]);
}

/**
 * Filtered and sorted rows of a kept list, per filter and sort asked for: a page then costs a slice.
 * Lives as long as its list (a new data version brings a new list and drops these with it).
 */
const views = new WeakMap<TeamList, Map<string, TeamRow[]>>();
const VIEWS_PER_LIST = 200;

function view(list: TeamList, options: AllTeamsOptions, sort: SortKey, dir: "asc" | "desc"): TeamRow[] {
  let byKey = views.get(list);
  if (!byKey) {
    byKey = new Map();
    views.set(list, byKey);
  }
  const key = JSON.stringify([options.q ?? null, options.status ?? null, sort, dir]);
  let rows = byKey.get(key);
  if (!rows) {
    rows = sortRows(list.rows.filter((row) => matches(row, options)), sort, dir);
    byKey.set(key, rows);
    if (byKey.size > VIEWS_PER_LIST) byKey.delete(byKey.keys().next().value!);
  }
  return rows;
}

export async function allTeamsPage(db: Database, options: AllTeamsOptions): Promise<AllTeamsPage> {
  const list = await teamLists.get(db, teamListKey(options), () => teamList(db, options));
  const { week, month } = list;
  const sort = options.sort ?? "status";
  const dir = options.dir ?? (sort === "name" ? "asc" : "desc");
  const sorted = view(list, options, sort, dir);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = options.page === null ? 1 : Math.min(Math.max(1, options.page ?? 1), pages);
  const turnoverPeriod = turnoverFigure(month, 0, 0);
  return {
    weekStart: week,
    weekLabel: isoWeekLabel(week),
    turnoverFrom: turnoverPeriod.from,
    turnoverTo: turnoverPeriod.to,
    rows: options.page === null ? sorted : sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: sorted.length,
    red: count(sorted, "red"),
    amber: count(sorted, "amber"),
    page,
    pages,
    sort,
    dir,
  };
}

function count(rows: TeamRow[], status: Status): number {
  let n = 0;
  for (const r of rows) if (r.status === status) n += 1;
  return n;
}

async function teamList(db: Database, options: AllTeamsOptions): Promise<TeamList> {
  const week = await shownWeek(db, options.today);
  const month = turnoverMonthOfWeek(week);
  const scopeFilter = inUnitScope(sql`u.id`, options.scope);
  const withinFilter = options.within ? sql`u.id in (select descendant_id from unit_closure where ancestor_id = ${options.within})` : sql`true`;
  const raw = await queryRows<RawRow>(db, sql`
    with teams as materialized (
      select u.id, u.code, u.name, u.parent_id from units u where u.kind = 'team' and ${scopeFilter} and ${withinFilter}
    ), hr as (
      select h.unit_id, sum(h.departures)::int as departures, sum(h.headcount_days)::float8 as headcount_days
      from hr_unit_month h join teams t on t.id = h.unit_id
      where h.month between ${addMonths(month, -11)}::date and ${month}::date
      group by h.unit_id
    ), plans as (
      -- Open plans after an AT decision on the team or a unit above it (a cluster's plan binds its teams).
      select c.descendant_id as unit_id, count(*)::int as n
      from action_plans p join unit_closure c on c.ancestor_id = p.unit_id join teams t on t.id = c.descendant_id
      where p.status = 'open' and p.source_kind = 'at_decision'
      group by c.descendant_id
    ), centres as (
      -- The nearest centre above each team, as one join: a subquery per team costs enough to set
      -- off JIT compilation (seconds) at national scale.
      select distinct on (c.descendant_id) c.descendant_id as unit_id, a.name
      from teams t join unit_closure c on c.descendant_id = t.id join units a on a.id = c.ancestor_id and a.kind = 'centre'
      order by c.descendant_id, c.depth
    )
    select t.id, t.code, t.name, pu.name as "parentName", centres.name as "centreName",
      l.open_cases as "openCases", l.caseworker_fte::float8 as "caseworkerFte", l.weighted_sum::float8 as "weightedSum",
      l.flagged_cases as "flaggedCases", l.mismatched_cases as "mismatchedCases",
      s.status, s.weeks_over_of_last_6 as "weeksOverOfLast6",
      coalesce(hr.departures, 0) as departures, coalesce(hr.headcount_days, 0) as "headcountDays", coalesce(plans.n, 0) as "atPlans"
    from teams t
    left join units pu on pu.id = t.parent_id
    left join load_unit_week l on l.unit_id = t.id and l.week_start = ${week}::date
    left join unit_week_status s on s.unit_id = t.id and s.week_start = ${week}::date
    left join hr on hr.unit_id = t.id
    left join plans on plans.unit_id = t.id
    left join centres on centres.unit_id = t.id`);
  const rows: TeamRow[] = raw.map((r) => {
    const ratios = r.openCases === null
      ? { casesPerFte: null, weightedLoadPerFte: null, emotionalSharePct: null }
      : loadRatios({ openCases: r.openCases, caseworkerFte: r.caseworkerFte!, weightedSum: r.weightedSum!, flaggedCases: r.flaggedCases! });
    const turnover = turnoverFigure(month, r.departures, r.headcountDays);
    return {
      id: r.id, code: r.code, name: r.name, parentName: r.parentName, centreName: r.centreName,
      status: r.status, weeksOverOfLast6: r.weeksOverOfLast6, ...ratios, mismatchedCases: r.mismatchedCases,
      turnoverPct: turnover.pct, turnoverDepartures: turnover.departures, turnoverAvgHeadcount: turnover.avgHeadcount,
      smallPopulation: turnover.smallPopulation, atPlans: r.atPlans,
    };
  });
  return { week, month, rows };
}
