// Presenter for the manager's Monday page: everything /team shows for one team, read from the
// rollup tables the jobs fill. Ratios are derived on read from the stored sums (METRICS.md), never
// averaged; nothing here recomputes a metric from raw cases or employments.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { turnoverMonthOfWeekSql } from "../sql-calendar";
import { addDays, addMonths, diffDays, isoWeekLabel, lastCompleteWeek, monthEnd, weekStart, weeksBetween } from "../../domain/calendar";
import { loadRatios, type LoadSums } from "../../domain/caseload";
import { effectiveMinimum } from "../../domain/wellbeing";
import { smallPopulation, turnoverPct } from "../../domain/turnover";
import { effectiveThresholds, type ThresholdSettings, type Thresholds } from "../../domain/status";
import { isOverdue } from "../../domain/plan-status";
import type { UnitSummary } from "./units";
import { compareRounds, type CellRow, type DimensionInfo, type RoundComparison } from "./wellbeing";
import { PageCache } from "../infra/page-cache";
import { caseworkerRows, mismatchedCases, type CaseworkerRow, type MismatchedCase } from "./team-caseworkers";
import { preparedRows } from "../infra/prepared";

import type { Status } from "../../domain/status";

export interface WeekFigures {
  weekStart: string;
  weekLabel: string;
  openCases: number;
  unassignedCases: number;
  caseworkerFte: number;
  casesPerFte: number | null;
  weightedLoadPerFte: number | null;
  emotionalSharePct: number | null;
  mismatchedCases: number;
  newCases: number;
  closedCases: number;
  status: Status | null;
  weeksOverOfLast6: number | null;
  over: { casesPerFte: boolean; weightedLoad: boolean; emotionalShare: boolean; turnover: boolean } | null;
}

/** A week slot of the 26-week charts: figures, or null when the rollup has no row for the week. */
export interface WeekSlot {
  weekStart: string;
  weekLabel: string;
  figures: WeekFigures | null;
}

export type { CaseworkerRow, MismatchedCase };

export interface HrEventRow {
  eventDate: string;
  /** Null unless the viewer may see departure names (view_departure_names). */
  name: string | null;
  role: string | null;
  fromUnitName: string | null;
  internalTransfer: boolean;
  voluntary: boolean;
  /** The person managed the unit: their name is for managers of a unit above it (itemsForViewer). */
  managed: boolean;
}

export interface OpenItemRow {
  itemId: number;
  planId: number;
  /** The plan's unit: who may see the item is decided on it (itemsForViewer). */
  planUnitId: number;
  planTitle: string;
  planUnitName: string;
  title: string;
  owner: string | null;
  dueDate: string | null;
  status: "planned" | "in_progress";
  overdue: boolean;
}

/** Rolling 12-month staff turnover of the subtree, for the same months the week's status used. */
export interface Turnover12m {
  from: string;
  to: string;
  departures: number;
  pct: number | null;
  avgHeadcount: number;
  /** Average headcount under SMALL_POPULATION_HEADCOUNT: the % is shown with a caution. */
  smallPopulation: boolean;
}

export interface TeamPage {
  unit: UnitSummary;
  path: UnitSummary[];
  thresholds: Thresholds;
  /** The ISO week shown as "this week": the latest aggregated complete week (its Sunday has passed). */
  current: WeekFigures | null;
  /** The week in progress, shown apart as "so far"; null when it has no figures yet. */
  soFar: WeekFigures | null;
  turnover12m: Turnover12m;
  weeks: WeekSlot[];
  /** Null when the viewer lacks view_caseworkers on the team (the table is not rendered at all). */
  caseworkers: CaseworkerRow[] | null;
  /** This week's specialised cases held without competence; null like caseworkers. */
  mismatched: MismatchedCase[] | null;
  hr: { from: string; to: string; joiners: HrEventRow[]; leavers: HrEventRow[] };
  openItems: OpenItemRow[];
  survey: RoundComparison;
  /** The minimum group size in force, for the words a hidden survey figure is shown with. */
  minRespondents: number;
}

export interface TeamPageOptions {
  unitId: number;
  today: string;
  showCaseworkers: boolean;
  showNames: boolean;
  weeks?: number;
}

/** A week of the team: the sums its figures are made of (domain/caseload.ts), and its status. */
interface LoadRow extends LoadSums {
  weekStart: string;
  status: Status | null;
  weeksOverOfLast6: number | null;
  overCasesPerFte: boolean | null;
  overWeightedLoad: boolean | null;
  overEmotionalShare: boolean | null;
  overTurnover: boolean | null;
}

export function toWeekFigures(r: LoadRow): WeekFigures {
  const ratios = loadRatios(r);
  return {
    weekStart: r.weekStart,
    weekLabel: isoWeekLabel(r.weekStart),
    openCases: r.openCases,
    unassignedCases: r.unassignedCases,
    caseworkerFte: r.caseworkerFte,
    casesPerFte: ratios.casesPerFte,
    weightedLoadPerFte: ratios.weightedLoadPerFte,
    emotionalSharePct: ratios.emotionalSharePct,
    mismatchedCases: r.mismatchedCases,
    newCases: r.newCases,
    closedCases: r.closedCases,
    status: r.status,
    weeksOverOfLast6: r.weeksOverOfLast6,
    over: r.status === null ? null : {
      casesPerFte: !!r.overCasesPerFte, weightedLoad: !!r.overWeightedLoad,
      emotionalShare: !!r.overEmotionalShare, turnover: !!r.overTurnover,
    },
  };
}

/** Fixed-length series ending with `lastWeek`, oldest first, with gaps where no rollup row exists. */
export function weekSlots(rows: WeekFigures[], lastWeek: string, count: number): WeekSlot[] {
  const byWeek = new Map(rows.map((r) => [r.weekStart, r]));
  return weeksBetween(addDays(lastWeek, -7 * (count - 1)), lastWeek).map((w) => ({
    weekStart: w, weekLabel: isoWeekLabel(w), figures: byWeek.get(w) ?? null,
  }));
}

/** The same calendar day three months earlier (clamped to the month's end), for "last 3 months". */
export function threeMonthsBefore(today: string): string {
  const first = addMonths(today, -3);
  const lastDay = Number(monthEnd(first).slice(8, 10));
  const day = Math.min(Number(today.slice(8, 10)), lastDay);
  return `${first.slice(0, 8)}${String(day).padStart(2, "0")}`;
}

export interface CaseworkerWeek {
  weekStart: string;
  weekLabel: string;
  openCases: number;
  weightedSum: number;
  flaggedCases: number;
  specialisedCases: number;
  mismatchedCases: number;
}

export interface CaseworkerDetail {
  employeeId: string;
  name: string;
  weeks: CaseworkerWeek[];
}

/** One caseworker's history in the team (the manager opens a row of the table). */
export async function caseworkerDetail(
  db: Database, unitId: number, employeeId: string, lastWeek: string, count = 26,
): Promise<CaseworkerDetail | null> {
  const rows = await queryRows<Omit<CaseworkerWeek, "weekLabel"> & { name: string }>(db, sql`
    select w.week_start::text as "weekStart", coalesce(e.display_name, w.employee_id) as name,
      w.open_cases as "openCases", w.weighted_sum::float8 as "weightedSum", w.flagged_cases as "flaggedCases",
      w.specialised_cases as "specialisedCases", w.mismatched_cases as "mismatchedCases"
    from load_caseworker_week w left join employees e on e.id = w.employee_id
    where w.unit_id = ${unitId} and w.employee_id = ${employeeId}
      and w.week_start between ${addDays(lastWeek, -7 * (count - 1))}::date and ${lastWeek}::date
    order by w.week_start desc`);
  if (rows.length === 0) return null;
  return {
    employeeId,
    name: rows[0].name,
    weeks: rows.map(({ name: _name, ...w }) => ({ ...w, weekLabel: isoWeekLabel(w.weekStart) })),
  };
}

/**
 * Everything the page shows in ONE statement: at 50 concurrent clients the round trips, not the
 * (indexed, primary-key) lookups, are what costs, so each part is a scalar subquery returning json.
 * "This week" is the latest aggregated complete week of the unit (METRICS.md); the week in
 * progress comes apart ("so far").
 */
function teamPageStatement(unitId: number, today: string, count: number, showNames: boolean, hrFrom: string) {
  const monday = weekStart(today);
  const complete = lastCompleteWeek(today);
  return sql`
    with lw as (
      select max(week_start) as wk from load_unit_week where unit_id = ${unitId} and week_start <= ${complete}::date
    ), last as (
      select coalesce((select wk from lw), ${complete}::date) as week
    ), tm as (
      -- The turnover month of a week, as the status job reads it (domain/calendar.ts).
      select ${turnoverMonthOfWeekSql(sql`week`)} as month from last
    ), rounds as (
      select r.key, r.closed_on from survey_rounds r
      where exists (select 1 from wellbeing_unit_round w where w.survey_round = r.key and w.unit_id = ${unitId})
      order by r.closed_on desc, r.key desc limit 2
    )
    select
      (select json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'kind', u.kind, 'parentId', u.parent_id,
         'district', u.district, 'rolloutDate', u.rollout_date) from units u where u.id = ${unitId}) as unit,
      (select json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'kind', u.kind, 'parentId', u.parent_id,
         'district', u.district, 'rolloutDate', u.rollout_date, 'depth', c.depth,
         'casesPerFte', s.cases_per_fte_threshold::float8, 'weightedLoad', s.weighted_load_threshold::float8,
         'emotionalSharePct', s.emotional_share_pct_threshold::float8, 'turnover12mPct', s.turnover_12m_pct_threshold::float8)
         order by c.depth desc)
       from unit_closure c join units u on u.id = c.ancestor_id left join unit_settings s on s.unit_id = u.id
       where c.descendant_id = ${unitId}) as path,
      (select wk from lw) as "currentWeek",
      (select week from last) as "lastWeek",
      (select json_agg(json_build_object('weekStart', l.week_start, 'openCases', l.open_cases, 'unassignedCases', l.unassigned_cases,
         'caseworkerFte', l.caseworker_fte::float8, 'weightedSum', l.weighted_sum::float8, 'flaggedCases', l.flagged_cases,
         'mismatchedCases', l.mismatched_cases, 'newCases', l.new_cases, 'closedCases', l.closed_cases,
         'status', s.status, 'weeksOverOfLast6', s.weeks_over_of_last_6, 'overCasesPerFte', s.over_cases_per_fte,
         'overWeightedLoad', s.over_weighted_load, 'overEmotionalShare', s.over_emotional_share, 'overTurnover', s.over_turnover)
         order by l.week_start)
       from load_unit_week l left join unit_week_status s on s.unit_id = l.unit_id and s.week_start = l.week_start, last
       where l.unit_id = ${unitId} and l.week_start between last.week - ${7 * (count - 1)}::int and last.week) as weeks,
      (select json_build_object('month', tm.month, 'departures', coalesce(sum(h.departures), 0), 'headcountDays', coalesce(sum(h.headcount_days), 0))
       from tm left join hr_unit_month h on h.unit_id = ${unitId}
         and h.month between (tm.month - interval '11 months')::date and tm.month
       group by tm.month) as turnover,
      (select json_build_object('weekStart', l.week_start, 'openCases', l.open_cases, 'unassignedCases', l.unassigned_cases,
         'caseworkerFte', l.caseworker_fte::float8, 'weightedSum', l.weighted_sum::float8, 'flaggedCases', l.flagged_cases,
         'mismatchedCases', l.mismatched_cases, 'newCases', l.new_cases, 'closedCases', l.closed_cases, 'status', null)
       from load_unit_week l where l.unit_id = ${unitId} and l.week_start = ${monday}::date) as "soFar",
      (select json_agg(json_build_object('kind', h.kind, 'eventDate', h.event_date,
         'name', case when ${showNames} then coalesce(e.display_name, h.employee_id) end,
         'role', h.role, 'fromUnitName', fu.name, 'internalTransfer', h.internal_transfer, 'voluntary', h.voluntary,
         'managed', exists (select 1 from hr_events m where m.unit_id = h.unit_id and m.population = 'manager'
                            and m.kind = h.kind and m.event_date = h.event_date and m.employee_id = h.employee_id))
         order by h.event_date desc, e.display_name)
       from hr_events h left join employees e on e.id = h.employee_id left join units fu on fu.id = h.from_unit_id
       where h.unit_id = ${unitId} and h.population = 'staff' and h.event_date between ${hrFrom}::date and ${today}::date) as hr,
      -- Plans that concern the team: on the team, on a unit above it (a cluster's plan binds its
      -- teams) or below it. Done, verified and cancelled items are finished.
      (select json_agg(json_build_object('itemId', i.id, 'planId', p.id, 'planUnitId', p.unit_id, 'planTitle', p.title, 'planUnitName', pu.name,
         'title', i.title, 'owner', coalesce(ou.display_name, i.owner_name), 'dueDate', i.due_date, 'status', i.status)
         order by i.due_date nulls last, i.id)
       from action_items i
       join focus_points f on f.id = i.focus_point_id
       join action_plans p on p.id = f.plan_id
       join units pu on pu.id = p.unit_id
       left join users ou on ou.id = i.owner_user_id
       where p.status = 'open' and i.status in ('planned', 'in_progress')
         and p.unit_id in (select ancestor_id from unit_closure where descendant_id = ${unitId}
                           union all select descendant_id from unit_closure where ancestor_id = ${unitId})) as items,
      (select json_agg(key order by closed_on, key) from rounds) as "surveyRounds",
      (select json_agg(json_build_object('unitId', w.unit_id, 'round', w.survey_round, 'dimension', w.dimension,
         'score', w.score::float8, 'respondents', w.respondents, 'invited', w.invited, 'hiddenReason', w.hidden_reason))
       from wellbeing_unit_round w where w.unit_id = ${unitId} and w.survey_round in (select key from rounds)) as "surveyCells",
      (select json_agg(json_build_object('key', key, 'labelDa', label_da, 'labelEn', label_en, 'higherIsBetter', higher_is_better)
         order by label_da) from wellbeing_dimensions) as dimensions,
      (select min_respondents from organisation_settings where id = 1) as "minRespondents"`;
}

interface TeamPageRow {
  unit: UnitSummary | null;
  path: (UnitSummary & { depth: number } & ThresholdSettings)[] | null;
  currentWeek: string | null;
  lastWeek: string;
  weeks: LoadRow[] | null;
  soFar: LoadRow | null;
  turnover: { month: string; departures: number; headcountDays: number };
  hr: (HrEventRow & { kind: "hire" | "departure" })[] | null;
  items: Omit<OpenItemRow, "overdue">[] | null;
  surveyRounds: string[] | null;
  surveyCells: CellRow[] | null;
  dimensions: DimensionInfo[] | null;
  minRespondents: number | null;
}

/** Rolling 12 months ending with `month`: departures over the average headcount (METRICS.md). */
export function turnoverFigure(month: string, departures: number, headcountDays: number): Turnover12m {
  const from = addMonths(month, -11);
  const to = monthEnd(month);
  const days = diffDays(from, to) + 1;
  const avgHeadcount = headcountDays / days;
  return { from, to, departures, pct: turnoverPct(departures, headcountDays, days), avgHeadcount, smallPopulation: smallPopulation(avgHeadcount) };
}

export async function teamPage(db: Database, options: TeamPageOptions): Promise<TeamPage | null> {
  const { unitId, today, showCaseworkers, showNames } = options;
  const count = options.weeks ?? 26;
  const hrFrom = threeMonthsBefore(today);
  const [row] = await preparedRows<TeamPageRow>(db, "team_page",
    teamPageStatement(unitId, today, count, showNames, hrFrom));
  if (!row?.unit) return null;
  const path = row.path ?? [];
  const thresholds = effectiveThresholds(
    unitId,
    new Map(path.map((u) => [u.id, u.parentId])),
    new Map(path.map((u) => [u.id, u])),
  );
  const weeks = (row.weeks ?? []).map(toWeekFigures);
  const hr = row.hr ?? [];
  const [caseworkers, mismatched] = showCaseworkers && row.currentWeek
    ? await Promise.all([caseworkerRows(db, unitId, row.currentWeek, thresholds), mismatchedCases(db, unitId, row.currentWeek)])
    : [showCaseworkers ? [] : null, showCaseworkers ? [] : null];
  return {
    unit: row.unit,
    path: path.map(({ id, code, name, kind, parentId, district, rolloutDate }) => ({ id, code, name, kind, parentId, district, rolloutDate })),
    thresholds,
    current: row.currentWeek ? weeks.find((w) => w.weekStart === row.currentWeek) ?? null : null,
    soFar: row.soFar ? toWeekFigures(row.soFar) : null,
    turnover12m: turnoverFigure(row.turnover.month, row.turnover.departures, row.turnover.headcountDays),
    weeks: weekSlots(weeks, row.lastWeek, count),
    caseworkers,
    mismatched,
    hr: {
      from: hrFrom,
      to: today,
      joiners: hr.filter((r) => r.kind === "hire").map(({ kind: _k, ...r }) => r),
      leavers: hr.filter((r) => r.kind === "departure").map(({ kind: _k, ...r }) => r),
    },
    openItems: (row.items ?? []).map((i) => ({ ...i, overdue: isOverdue(i, today) })),
    survey: compareRounds(row.dimensions ?? [], row.surveyRounds ?? [], row.surveyCells ?? []),
    minRespondents: effectiveMinimum(row.minRespondents),
  };
}

/**
 * Kept pages, one per team and permission variant in use; a page of the national bench takes about
 * 23 kB of heap, so the bound keeps the cache near 12 MB however many teams are opened.
 */
const teamPages = new PageCache<TeamPage | null>(500);

/** The cache key: every input of teamPage, the permission flags included. */
export function teamPageKey(options: TeamPageOptions): string {
  const { unitId, today, showCaseworkers, showNames, weeks = 26, ...rest } = options;
  // A new option must be added to the key, or pages that differ by it would be served for each other.
  rest satisfies Record<string, never>;
  return JSON.stringify([unitId, today, weeks, showCaseworkers, showNames]);
}

/**
 * teamPage through the page cache (page-cache.ts): what the /team loader calls. A page with
 * caseworkers and names is kept apart from one without, so a viewer gets exactly what their
 * permissions allowed teamPage to read.
 */
export function cachedTeamPage(db: Database, options: TeamPageOptions): Promise<TeamPage | null> {
  return teamPages.get(db, teamPageKey(options), () => teamPage(db, options));
}

/** Who is looking at the team page, for what the shared cache cannot decide per viewer. */
export interface ItemViewer {
  userId: number;
  /** view_plans on the plan's unit. */
  mayViewPlansOf(unitId: number): boolean;
  /** update_own_items: an owner of an item may open that item's plan (app/lib/plans.server.ts). */
  mayUpdateOwnItems: boolean;
  /** view_departure_names on a unit. */
  mayNameIn(unitId: number): boolean;
}

/**
 * The cached page narrowed to its viewer, applied after the page cache, which is shared:
 * - only the action items of plans the viewer may open (a plan on a unit above the team can lie
 *   outside a team manager's scope, and its items' titles, owners and due dates must not show
 *   where the plan itself answers 403), or of plans where the viewer owns an item;
 * - the name of someone who managed the team only for managers of a unit above it: the team's
 *   later manager is not an earlier manager's manager.
 */
export async function itemsForViewer(db: Database, page: TeamPage | null, viewer: ItemViewer): Promise<TeamPage | null> {
  if (!page) return page;
  const parent = page.unit.parentId;
  const nameManagers = parent !== null && viewer.mayNameIn(parent);
  const people = (rows: HrEventRow[]) => rows.map((r) => (r.managed && !nameManagers && r.name !== null ? { ...r, name: null } : r));
  const narrowed = { ...page, hr: { ...page.hr, joiners: people(page.hr.joiners), leavers: people(page.hr.leavers) } };
  const hidden = page.openItems.filter((i) => !viewer.mayViewPlansOf(i.planUnitId));
  if (hidden.length === 0) return narrowed;
  const owned = viewer.mayUpdateOwnItems
    ? new Set((await queryRows<{ planId: number }>(db, sql`
        select distinct f.plan_id as "planId" from action_items i join focus_points f on f.id = i.focus_point_id
        where i.owner_user_id = ${viewer.userId}`)).map((r) => r.planId))
    : new Set<number>();
  return { ...narrowed, openItems: page.openItems.filter((i) => viewer.mayViewPlansOf(i.planUnitId) || owned.has(i.planId)) };
}
