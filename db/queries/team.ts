// Presenter for the manager's Monday page: everything /team shows for one team, read from the
// rollup tables the jobs fill. Ratios are derived on read from the stored sums (METRICS.md), never
// averaged; nothing here recomputes a metric from raw cases or employments.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { addDays, addMonths, diffDays, isoWeekLabel, monthEnd, weekStart, weeksBetween } from "../../jobs/metrics/calendar";
import { loadRatios } from "../../jobs/metrics/caseload";
import { turnoverPct, type Thresholds } from "../../jobs/metrics/status";
import { turnoverMonthOfWeek } from "../../jobs/load/status";
import { getUnit, thresholdsForUnit, unitPath, type UnitSummary } from "./units";
import { latestRoundsComparison, type RoundComparison } from "./wellbeing";

export type Status = "green" | "amber" | "red";

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

export interface CaseworkerRow {
  employeeId: string;
  name: string;
  openCases: number;
  weightedSum: number;
  flaggedCases: number;
  specialisedCases: number;
  mismatchedCases: number;
}

export interface HrEventRow {
  eventDate: string;
  /** Null unless the viewer may see departure names (view_departure_names). */
  name: string | null;
  role: string | null;
  fromUnitName: string | null;
  internalTransfer: boolean;
  voluntary: boolean;
}

export interface OpenItemRow {
  itemId: number;
  planId: number;
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
}

export interface TeamPage {
  unit: UnitSummary;
  path: UnitSummary[];
  thresholds: Thresholds;
  /** The ISO week shown as "this week": the latest aggregated week up to today's week. */
  current: WeekFigures | null;
  turnover12m: Turnover12m;
  weeks: WeekSlot[];
  /** Null when the viewer lacks view_caseworkers on the team (the table is not rendered at all). */
  caseworkers: CaseworkerRow[] | null;
  hr: { from: string; to: string; joiners: HrEventRow[]; leavers: HrEventRow[] };
  openItems: OpenItemRow[];
  survey: RoundComparison;
}

export interface TeamPageOptions {
  unitId: number;
  today: string;
  showCaseworkers: boolean;
  showNames: boolean;
  weeks?: number;
}

interface LoadRow {
  weekStart: string;
  openCases: number;
  unassignedCases: number;
  caseworkerFte: number;
  weightedSum: number;
  flaggedCases: number;
  mismatchedCases: number;
  newCases: number;
  closedCases: number;
  status: Status | null;
  weeksOverOfLast6: number | null;
  overCasesPerFte: boolean | null;
  overWeightedLoad: boolean | null;
  overEmotionalShare: boolean | null;
  overTurnover: boolean | null;
}

export function toWeekFigures(r: LoadRow): WeekFigures {
  const ratios = loadRatios({ ...r, newCases: r.newCases, closedCases: r.closedCases });
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

const LOAD_COLUMNS = sql`
  l.week_start::text as "weekStart", l.open_cases as "openCases", l.unassigned_cases as "unassignedCases",
  l.caseworker_fte::float8 as "caseworkerFte", l.weighted_sum::float8 as "weightedSum",
  l.flagged_cases as "flaggedCases", l.mismatched_cases as "mismatchedCases",
  l.new_cases as "newCases", l.closed_cases as "closedCases",
  s.status, s.weeks_over_of_last_6 as "weeksOverOfLast6", s.over_cases_per_fte as "overCasesPerFte",
  s.over_weighted_load as "overWeightedLoad", s.over_emotional_share as "overEmotionalShare",
  s.over_turnover as "overTurnover"`;

/** Load rows of a unit subtree for weeks in [from, to], oldest first. */
export async function loadWeeks(db: Database, unitId: number, from: string, to: string): Promise<WeekFigures[]> {
  const rows = await queryRows<LoadRow>(db, sql`
    select ${LOAD_COLUMNS}
    from load_unit_week l
    left join unit_week_status s on s.unit_id = l.unit_id and s.week_start = l.week_start
    where l.unit_id = ${unitId} and l.week_start between ${from}::date and ${to}::date
    order by l.week_start`);
  return rows.map(toWeekFigures);
}

/** The latest aggregated week of the unit, not after the ISO week containing today. */
export async function latestWeek(db: Database, unitId: number, today: string): Promise<string | null> {
  const [row] = await queryRows<{ weekStart: string }>(db, sql`
    select max(week_start)::text as "weekStart" from load_unit_week
    where unit_id = ${unitId} and week_start <= ${weekStart(today)}::date`);
  return row?.weekStart ?? null;
}

export async function caseworkerRows(db: Database, unitId: number, week: string): Promise<CaseworkerRow[]> {
  return queryRows<CaseworkerRow>(db, sql`
    select w.employee_id as "employeeId", coalesce(e.display_name, w.employee_id) as name,
      w.open_cases as "openCases", w.weighted_sum::float8 as "weightedSum", w.flagged_cases as "flaggedCases",
      w.specialised_cases as "specialisedCases", w.mismatched_cases as "mismatchedCases"
    from load_caseworker_week w left join employees e on e.id = w.employee_id
    where w.unit_id = ${unitId} and w.week_start = ${week}::date
    order by w.weighted_sum desc, name`);
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

/** Departures over average headcount in the 12 months ending with `month`, summed from hr_unit_month. */
export async function turnover12m(db: Database, unitId: number, month: string): Promise<Turnover12m> {
  const from = addMonths(month, -11);
  const to = monthEnd(month);
  const [row] = await queryRows<{ departures: number; headcountDays: number }>(db, sql`
    select coalesce(sum(departures), 0)::int as departures, coalesce(sum(headcount_days), 0)::float8 as "headcountDays"
    from hr_unit_month where unit_id = ${unitId} and month between ${from}::date and ${month}::date`);
  return { from, to, departures: row.departures, pct: turnoverPct(row.departures, row.headcountDays, diffDays(from, to) + 1) };
}

async function hrEventsOf(db: Database, unitId: number, from: string, to: string, showNames: boolean) {
  const rows = await queryRows<HrEventRow & { kind: "hire" | "departure" }>(db, sql`
    select h.kind, h.event_date::text as "eventDate",
      case when ${showNames} then coalesce(e.display_name, h.employee_id) end as name,
      h.role, fu.name as "fromUnitName", h.internal_transfer as "internalTransfer", h.voluntary
    from hr_events h
    left join employees e on e.id = h.employee_id
    left join units fu on fu.id = h.from_unit_id
    where h.unit_id = ${unitId} and h.population = 'staff' and h.event_date between ${from}::date and ${to}::date
    order by h.event_date desc, name`);
  return {
    joiners: rows.filter((r) => r.kind === "hire").map(({ kind: _k, ...r }) => r),
    leavers: rows.filter((r) => r.kind === "departure").map(({ kind: _k, ...r }) => r),
  };
}

/**
 * Open items of plans that concern the team: plans on the team itself, on a unit above it (a
 * cluster's plan binds its teams) or below it. Done, verified and cancelled items are finished.
 */
export async function openItemsForUnit(db: Database, unitId: number, today: string): Promise<OpenItemRow[]> {
  const rows = await queryRows<Omit<OpenItemRow, "overdue">>(db, sql`
    select i.id as "itemId", p.id as "planId", p.title as "planTitle", pu.name as "planUnitName", i.title,
      coalesce(ou.display_name, i.owner_name) as owner, i.due_date::text as "dueDate", i.status
    from action_items i
    join focus_points f on f.id = i.focus_point_id
    join action_plans p on p.id = f.plan_id
    join units pu on pu.id = p.unit_id
    left join users ou on ou.id = i.owner_user_id
    where p.status = 'open' and i.status in ('planned', 'in_progress')
      and p.unit_id in (
        select ancestor_id from unit_closure where descendant_id = ${unitId}
        union select descendant_id from unit_closure where ancestor_id = ${unitId})
    order by i.due_date nulls last, i.id`);
  return rows.map((r) => ({ ...r, overdue: r.dueDate !== null && r.dueDate < today }));
}

export async function teamPage(db: Database, options: TeamPageOptions): Promise<TeamPage | null> {
  const { unitId, today, showCaseworkers, showNames } = options;
  const count = options.weeks ?? 26;
  const hrFrom = threeMonthsBefore(today);
  const [unit, path, thresholds, week, hr, openItems, survey] = await Promise.all([
    getUnit(db, unitId),
    unitPath(db, unitId),
    thresholdsForUnit(db, unitId),
    latestWeek(db, unitId, today),
    hrEventsOf(db, unitId, hrFrom, today, showNames),
    openItemsForUnit(db, unitId, today),
    latestRoundsComparison(db, unitId),
  ]);
  if (!unit) return null;
  const lastWeek = week ?? weekStart(today);
  const [rows, caseworkers, turnover] = await Promise.all([
    loadWeeks(db, unitId, addDays(lastWeek, -7 * (count - 1)), lastWeek),
    showCaseworkers && week ? caseworkerRows(db, unitId, week) : Promise.resolve(showCaseworkers ? [] : null),
    turnover12m(db, unitId, turnoverMonthOfWeek(lastWeek)),
  ]);
  return {
    unit,
    path,
    thresholds,
    current: week ? rows.find((r) => r.weekStart === week) ?? null : null,
    turnover12m: turnover,
    weeks: weekSlots(rows, lastWeek, count),
    caseworkers,
    hr: { from: hrFrom, to: today, ...hr },
    openItems,
    survey,
  };
}
