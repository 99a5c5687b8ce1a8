// Headcount and turnover exactly as METRICS.md "Headcount and turnover" defines them. Pure and
// deliberately direct (per employee, per day of the definition): the set-based SQL in jobs/recompute/stages/hr/
// computes the same figures at scale and is checked against these functions.
import { addDays, addMonths, diffDays, monthEnd, rolling12Months, type IsoDate } from "./calendar";
import { roundHalfAwayFromZero } from "./rounding";

export interface HrEmployment {
  employeeId: string;
  unitId: number;
  role: string;
  isManager: boolean;
  fte: number;
  startDate: IsoDate;
  /** Last day employed (inclusive); null = still employed. */
  endDate: IsoDate | null;
  endReason: string | null;
}

export interface HrUnit {
  id: number;
  parentId: number | null;
}

/** staff = every employment; manager = is_manager employments only. */
export type Population = "staff" | "manager";

export interface Departure {
  employeeId: string;
  /** The last day employed in the subtree (e). */
  date: IsoDate;
  internalTransfer: boolean;
  voluntary: boolean;
  endReason: string | null;
  /** The unit and role of the employment that ended (the largest FTE when several end that day). */
  unitId: number;
  role: string;
}

export interface Hire {
  employeeId: string;
  date: IsoDate;
  unitId: number;
  role: string;
}

/** Every unit id in the subtree of root, root included. */
export function subtreeOf(units: HrUnit[], rootId: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit.id);
    children.set(unit.parentId, list);
  }
  const result = new Set<number>([rootId]);
  const stack = [rootId];
  while (stack.length) for (const child of children.get(stack.pop()!) ?? []) if (!result.has(child)) { result.add(child); stack.push(child); }
  return result;
}

function covers(e: HrEmployment, day: IsoDate): boolean {
  return e.startDate <= day && (e.endDate === null || day <= e.endDate);
}

function inPopulation(e: HrEmployment, population: Population): boolean {
  return population === "staff" || e.isManager;
}

function inScope(employments: HrEmployment[], subtree: Set<number>, population: Population): HrEmployment[] {
  return employments.filter((e) => subtree.has(e.unitId) && inPopulation(e, population));
}

function byEmployee(employments: HrEmployment[]): Map<string, HrEmployment[]> {
  const map = new Map<string, HrEmployment[]>();
  for (const e of employments) {
    const list = map.get(e.employeeId) ?? [];
    list.push(e);
    map.set(e.employeeId, list);
  }
  return map;
}

/** Headcount on day d: distinct employees with an employment in the subtree covering d. */
export function headcount(employments: HrEmployment[], subtree: Set<number>, day: IsoDate, population: Population = "staff"): number {
  const people = new Set<string>();
  for (const e of inScope(employments, subtree, population)) if (covers(e, day)) people.add(e.employeeId);
  return people.size;
}

/**
 * Σ_{d=a..b} headcount(d). Per employee, the days covered by any of their employments in the
 * subtree are counted once (a part-time double employment is one person on that day).
 */
export function headcountDays(employments: HrEmployment[], subtree: Set<number>, from: IsoDate, to: IsoDate, population: Population = "staff"): number {
  let total = 0;
  for (const list of byEmployee(inScope(employments, subtree, population)).values()) {
    const clipped = list
      .map((e) => ({ start: e.startDate > from ? e.startDate : from, end: e.endDate === null || e.endDate > to ? to : e.endDate }))
      .filter((r) => r.start <= r.end)
      .sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
    let runStart: IsoDate | null = null;
    let runEnd: IsoDate | null = null;
    for (const r of clipped) {
      if (runEnd !== null && r.start <= addDays(runEnd, 1)) {
        if (r.end > runEnd) runEnd = r.end;
        continue;
      }
      if (runStart !== null && runEnd !== null) total += diffDays(runStart, runEnd) + 1;
      runStart = r.start;
      runEnd = r.end;
    }
    if (runStart !== null && runEnd !== null) total += diffDays(runStart, runEnd) + 1;
  }
  return total;
}

export function periodDays(from: IsoDate, to: IsoDate): number {
  return diffDays(from, to) + 1;
}

/** The ending (or starting) employment a list row names: the largest FTE, then the lowest unit id. */
function representative(list: HrEmployment[]): HrEmployment {
  return [...list].sort((x, y) => y.fte - x.fte || x.unitId - y.unitId || (x.role < y.role ? -1 : x.role > y.role ? 1 : 0))[0];
}

/**
 * Departures from the subtree with e in [from, to], once per employee and day. Internal transfer:
 * the person holds any employment in the organisation on e + 1 (for the manager population that
 * includes staying on without the manager role). Voluntary: external and an ending employment's
 * reason is resignation.
 */
export function departures(employments: HrEmployment[], subtree: Set<number>, from: IsoDate, to: IsoDate, population: Population = "staff"): Departure[] {
  const everywhere = byEmployee(employments);
  const result: Departure[] = [];
  for (const [employeeId, list] of byEmployee(inScope(employments, subtree, population))) {
    const endDays = new Set(list.filter((e) => e.endDate !== null && e.endDate >= from && e.endDate <= to).map((e) => e.endDate!));
    for (const day of [...endDays].sort()) {
      const next = addDays(day, 1);
      if (list.some((e) => covers(e, next))) continue;
      const ending = list.filter((e) => e.endDate === day);
      const internalTransfer = (everywhere.get(employeeId) ?? []).some((e) => covers(e, next));
      const resigned = ending.some((e) => e.endReason === "resignation");
      const shown = representative(ending);
      result.push({
        employeeId, date: day, internalTransfer, voluntary: !internalTransfer && resigned,
        endReason: resigned ? "resignation" : shown.endReason, unitId: shown.unitId, role: shown.role,
      });
    }
  }
  return result.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.employeeId < y.employeeId ? -1 : 1));
}

/** Hires into the subtree with s in [from, to]: no employment in the subtree covered s − 1. */
export function hires(employments: HrEmployment[], subtree: Set<number>, from: IsoDate, to: IsoDate, population: Population = "staff"): Hire[] {
  const result: Hire[] = [];
  for (const [employeeId, list] of byEmployee(inScope(employments, subtree, population))) {
    const startDays = new Set(list.filter((e) => e.startDate >= from && e.startDate <= to).map((e) => e.startDate));
    for (const day of [...startDays].sort()) {
      const previous = addDays(day, -1);
      if (list.some((e) => covers(e, previous))) continue;
      const shown = representative(list.filter((e) => e.startDate === day));
      result.push({ employeeId, date: day, unitId: shown.unitId, role: shown.role });
    }
  }
  return result.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.employeeId < y.employeeId ? -1 : 1));
}

/** The counts a period's figures derive from; they add up over disjoint periods. */
export interface TurnoverCounts {
  headcountDays: number;
  departures: number;
  voluntaryDepartures: number;
  internalTransfersOut: number;
  hires: number;
  managerHeadcountDays: number;
  managerDepartures: number;
  managerHires: number;
}

export interface TurnoverFigures extends TurnoverCounts {
  from: IsoDate;
  to: IsoDate;
  days: number;
  avgHeadcount: number;
  /** Null when the average headcount is 0. */
  turnoverPct: number | null;
  managerAvgHeadcount: number;
  managerTurnoverPct: number | null;
}

export const EMPTY_COUNTS: TurnoverCounts = {
  headcountDays: 0, departures: 0, voluntaryDepartures: 0, internalTransfersOut: 0, hires: 0,
  managerHeadcountDays: 0, managerDepartures: 0, managerHires: 0,
};

/**
 * departures / (headcountDays / days) × 100, as one division of exact integers so the float is the
 * nearest to the true ratio (rounding for display then lands on the right side of a tie).
 */
export function turnoverPct(departureCount: number, headcountDayCount: number, days: number): number | null {
  if (headcountDayCount <= 0) return null;
  return (departureCount * 100 * days) / headcountDayCount;
}

export function figuresFromCounts(counts: TurnoverCounts, from: IsoDate, to: IsoDate): TurnoverFigures {
  const days = periodDays(from, to);
  return {
    ...counts, from, to, days,
    avgHeadcount: counts.headcountDays / days,
    turnoverPct: turnoverPct(counts.departures, counts.headcountDays, days),
    managerAvgHeadcount: counts.managerHeadcountDays / days,
    managerTurnoverPct: turnoverPct(counts.managerDepartures, counts.managerHeadcountDays, days),
  };
}

export function turnoverCounts(employments: HrEmployment[], subtree: Set<number>, from: IsoDate, to: IsoDate): TurnoverCounts {
  const staffDepartures = departures(employments, subtree, from, to, "staff");
  return {
    headcountDays: headcountDays(employments, subtree, from, to, "staff"),
    departures: staffDepartures.length,
    voluntaryDepartures: staffDepartures.filter((d) => d.voluntary).length,
    internalTransfersOut: staffDepartures.filter((d) => d.internalTransfer).length,
    hires: hires(employments, subtree, from, to, "staff").length,
    managerHeadcountDays: headcountDays(employments, subtree, from, to, "manager"),
    managerDepartures: departures(employments, subtree, from, to, "manager").length,
    managerHires: hires(employments, subtree, from, to, "manager").length,
  };
}

/** Every figure of the turnover table for the subtree of unitId over [from, to]. */
export function turnoverFigures(employments: HrEmployment[], units: HrUnit[], unitId: number, from: IsoDate, to: IsoDate): TurnoverFigures {
  return figuresFromCounts(turnoverCounts(employments, subtreeOf(units, unitId), from, to), from, to);
}

/** Rolling 12-month figures at month M (any date in M): first day of M − 11 to the last day of M. */
export function rollingTurnover(employments: HrEmployment[], units: HrUnit[], unitId: number, month: IsoDate): TurnoverFigures {
  const { from, to } = rolling12Months(month);
  return turnoverFigures(employments, units, unitId, from, to);
}

export interface RoundedTurnover {
  avgHeadcount: number;
  departures: number;
  turnoverPct: number | null;
  managerAvgHeadcount: number;
  managerDepartures: number;
  managerTurnoverPct: number | null;
  voluntaryDepartures: number;
  internalTransfersOut: number;
  hires: number;
}

export function roundTurnover(f: TurnoverFigures): RoundedTurnover {
  return {
    avgHeadcount: roundHalfAwayFromZero(f.avgHeadcount, 2),
    departures: f.departures,
    turnoverPct: f.turnoverPct === null ? null : roundHalfAwayFromZero(f.turnoverPct, 1),
    managerAvgHeadcount: roundHalfAwayFromZero(f.managerAvgHeadcount, 2),
    managerDepartures: f.managerDepartures,
    managerTurnoverPct: f.managerTurnoverPct === null ? null : roundHalfAwayFromZero(f.managerTurnoverPct, 1),
    voluntaryDepartures: f.voluntaryDepartures,
    internalTransfersOut: f.internalTransfersOut,
    hires: f.hires,
  };
}

/** The same calendar period a year earlier; a month's last day stays a month's last day (29 Feb). */
export function shiftYears(date: IsoDate, years: number): IsoDate {
  const targetMonth = addMonths(date, 12 * years);
  const lastOfTarget = monthEnd(targetMonth);
  if (date === monthEnd(date)) return lastOfTarget;
  const candidate = `${targetMonth.slice(0, 8)}${date.slice(8)}`;
  return candidate > lastOfTarget ? lastOfTarget : candidate;
}

/**
 * Below this average headcount a turnover % says little (one leaver among 0.87 people on average
 * is 115 %): such a figure is shown with a caution, never bare.
 */
export const SMALL_POPULATION_HEADCOUNT = 5;

/** True when the population is too small for its turnover % to be read as a rate. */
export function smallPopulation(avgHeadcount: number | null): boolean {
  return avgHeadcount !== null && avgHeadcount > 0 && avgHeadcount < SMALL_POPULATION_HEADCOUNT;
}

/**
 * The export variant comparable with the municipal staff statistics, NOT the METRICS.md turnover:
 * people on a snapshot day in November against the same day a year later, instead of departures
 * over the average headcount of a period.
 */
export interface SnapshotTurnover {
  from: IsoDate;
  to: IsoDate;
  /** Distinct people employed in the subtree on `from`. */
  headcountAtFrom: number;
  /** Of them, those not employed in the subtree on `to`, wherever they went. */
  leavers: number;
  /** Of the leavers, those employed elsewhere in the organisation on `to` (moves inside it). */
  movesInside: number;
  /** leavers / headcountAtFrom × 100; null when nobody was employed on `from`. */
  pct: number | null;
}

/** The snapshot days of year Y: the last day of November of Y − 1 and of Y. */
export function novemberSnapshots(year: number): { from: IsoDate; to: IsoDate } {
  return { from: `${year - 1}-11-30`, to: `${year}-11-30` };
}

/** The latest year whose second November snapshot is on or before `day`. */
export function latestSnapshotYear(day: IsoDate): number {
  const year = Number(day.slice(0, 4));
  return day >= `${year}-11-30` ? year : year - 1;
}

/**
 * Snapshot turnover of every unit's subtree at once. A person counts in every unit above the
 * units they were employed in on `from` (once each), and has left such a unit when `to` finds
 * them employed nowhere below it. A move to another unit of the organisation counts as leaving
 * the units it leaves (and is also counted apart as a move inside); for the whole organisation
 * only those who left it count, as in the municipal statistics.
 */
export function snapshotTurnoverByUnit(employments: HrEmployment[], units: HrUnit[], from: IsoDate, to: IsoDate): Map<number, SnapshotTurnover> {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const above = (unitIds: Iterable<number>) => {
    const reached = new Set<number>();
    for (const unitId of unitIds) {
      for (let u: number | null | undefined = unitId; u !== null && u !== undefined && !reached.has(u); u = parentOf.get(u)) reached.add(u);
    }
    return reached;
  };
  const counts = new Map<number, { headcount: number; leavers: number; moves: number }>();
  for (const list of byEmployee(employments).values()) {
    const atFrom = above(list.filter((e) => covers(e, from)).map((e) => e.unitId));
    if (atFrom.size === 0) continue;
    const toUnits = list.filter((e) => covers(e, to)).map((e) => e.unitId);
    const atTo = above(toUnits);
    for (const u of atFrom) {
      const c = counts.get(u) ?? { headcount: 0, leavers: 0, moves: 0 };
      c.headcount += 1;
      if (!atTo.has(u)) {
        c.leavers += 1;
        if (toUnits.length > 0) c.moves += 1;
      }
      counts.set(u, c);
    }
  }
  const result = new Map<number, SnapshotTurnover>();
  for (const unit of units) {
    const c = counts.get(unit.id) ?? { headcount: 0, leavers: 0, moves: 0 };
    result.set(unit.id, {
      from, to, headcountAtFrom: c.headcount, leavers: c.leavers, movesInside: c.moves,
      pct: c.headcount > 0 ? (c.leavers * 100) / c.headcount : null,
    });
  }
  return result;
}
