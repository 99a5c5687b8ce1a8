// Presenter for the HR turnover page, its downloads and `npm run export -- turnover`: reads the
// rollups jobs/recompute/stages/hr/recompute.ts fills and returns exactly the figures METRICS.md defines.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { addDays, addMonths, diffDays, monthEnd, monthStart, rolling12Months, type IsoDate } from "../../domain/calendar";
import {
  EMPTY_COUNTS, figuresFromCounts, roundTurnover, shiftYears,
  type RoundedTurnover, type TurnoverCounts, type TurnoverFigures,
} from "../../domain/turnover";
import type { UnitKind } from "../schema";
import { businessDate } from "../../env";

export interface PeriodParts {
  /** First and last month (their 1st days) summed whole from hr_unit_month, if any. */
  wholeMonths: { first: IsoDate; last: IsoDate } | null;
  /**
   * Pieces starting in `month`, computed from that month's opening headcount and the steps after
   * its 1st (valid for any later day, so a piece may run into the next month).
   */
  pieces: { month: IsoDate; from: IsoDate; to: IsoDate }[];
}

/**
 * [from, to] as whole months plus at most two cut months at its edges. Days after lastMonth (the
 * last month hr_unit_month holds, null: no limit) have no month rows; they become one piece counted
 * from lastMonth's opening headcount, since the steps are complete and stay valid for any later day.
 */
export function splitPeriod(from: IsoDate, to: IsoDate, lastMonth: IsoDate | null = null): PeriodParts {
  const coveredEnd = lastMonth === null ? to : monthEnd(lastMonth);
  if (from > coveredEnd) return { wholeMonths: null, pieces: [{ month: lastMonth!, from, to }] };
  const covered = splitCoveredPeriod(from, to < coveredEnd ? to : coveredEnd);
  if (to <= coveredEnd) return covered;
  const tail = { month: lastMonth!, from: addDays(coveredEnd, 1), to };
  // A cut piece that already starts in lastMonth simply runs on; otherwise the tail is its own piece.
  const last = covered.pieces.at(-1);
  if (last && last.month === lastMonth && last.to === coveredEnd) last.to = to;
  else covered.pieces.push(tail);
  return covered;
}

/** [from, to] inside the months hr_unit_month holds. */
function splitCoveredPeriod(from: IsoDate, to: IsoDate): PeriodParts {
  const firstWhole = from === monthStart(from) ? from : addMonths(from, 1);
  const lastWholeEnd = to === monthEnd(to) ? to : addDays(monthStart(to), -1);
  if (firstWhole > lastWholeEnd) return { wholeMonths: null, pieces: [{ month: monthStart(from), from, to }] };
  const pieces: PeriodParts["pieces"] = [];
  if (from !== firstWhole) pieces.push({ month: monthStart(from), from, to: addDays(firstWhole, -1) });
  if (to !== lastWholeEnd) pieces.push({ month: monthStart(to), from: monthStart(to), to });
  return { wholeMonths: { first: firstWhole, last: monthStart(lastWholeEnd) }, pieces };
}

/** Which units a query reads: a condition on its unit_id column. */
type UnitScope = (column: SQL) => SQL;

/** The subtree of root, or every unit when root is null. */
function unitFilter(column: SQL, root: number | null): SQL {
  return root === null ? sql`true` : sql`${column} in (select descendant_id from unit_closure where ancestor_id = ${root})`;
}

function subtreeScope(root: number | null): UnitScope {
  return (column) => unitFilter(column, root);
}

/**
 * The last month hr_unit_month holds for root's subtree (every unit when null); null when none.
 * The recompute fills months only up to today's month or the last date in the data, whichever is
 * later, so later days (a period in the future, or a new month before the next recompute) are
 * counted from steps. Any month the recompute covered is a valid anchor: a unit without a row in it
 * had no headcount on its 1st.
 */
async function lastMonthHeld(db: Database, root: number | null): Promise<IsoDate | null> {
  const [row] = await queryRows<{ month: string | null }>(db, sql`
    select max(month)::text as month from hr_unit_month where ${unitFilter(sql`unit_id`, root)}`);
  return row?.month ?? null;
}

type CountsRow = TurnoverCounts & { unitId: number };

function addCounts(target: Map<number, TurnoverCounts>, rows: CountsRow[]): void {
  for (const row of rows) {
    const current = target.get(row.unitId) ?? { ...EMPTY_COUNTS };
    for (const key of Object.keys(EMPTY_COUNTS) as (keyof TurnoverCounts)[]) current[key] += Number(row[key] ?? 0);
    target.set(row.unitId, current);
  }
}

/** Per unit in scope, the month rows of [first, last] summed. */
function wholeMonthCounts(db: Database, scope: UnitScope, first: IsoDate, last: IsoDate): Promise<CountsRow[]> {
  return queryRows<CountsRow>(db, sql`
    select unit_id as "unitId",
           sum(headcount_days)::float8 as "headcountDays", sum(departures)::int as departures,
           sum(voluntary_departures)::int as "voluntaryDepartures", sum(internal_transfers_out)::int as "internalTransfersOut",
           sum(hires)::int as hires, sum(manager_headcount_days)::float8 as "managerHeadcountDays",
           sum(manager_departures)::int as "managerDepartures", sum(manager_hires)::int as "managerHires"
    from hr_unit_month
    where month between ${first}::date and ${last}::date and ${scope(sql`unit_id`)}
    group by unit_id`);
}

/** Per unit in scope, the counts of one piece (see PeriodParts). */
function pieceCounts(db: Database, scope: UnitScope, piece: PeriodParts["pieces"][number]): Promise<CountsRow[]> {
  const days = diffDays(piece.from, piece.to) + 1;
  // Σ_{d=p..q} headcount(d) = opening × days + Σ over the month's later steps of delta × (q − max(date, p) + 1).
  return queryRows<CountsRow>(db, sql`
    with opening as (
      select unit_id, opening_headcount * ${days}::int as staff, manager_opening_headcount * ${days}::int as manager
      from hr_unit_month where month = ${piece.month}::date and ${scope(sql`unit_id`)}),
    steps as (
      select unit_id,
             sum(case when population = 'staff' then delta * (${piece.to}::date - greatest(change_date, ${piece.from}::date) + 1) else 0 end) as staff,
             sum(case when population = 'manager' then delta * (${piece.to}::date - greatest(change_date, ${piece.from}::date) + 1) else 0 end) as manager
      from hr_headcount_steps
      where change_date > ${piece.month}::date and change_date <= ${piece.to}::date and ${scope(sql`unit_id`)}
      group by unit_id),
    events as (
      select unit_id,
             count(*) filter (where population = 'staff' and kind = 'departure') as departures,
             count(*) filter (where population = 'staff' and kind = 'departure' and voluntary) as voluntary,
             count(*) filter (where population = 'staff' and kind = 'departure' and internal_transfer) as internal,
             count(*) filter (where population = 'staff' and kind = 'hire') as hires,
             count(*) filter (where population = 'manager' and kind = 'departure') as m_departures,
             count(*) filter (where population = 'manager' and kind = 'hire') as m_hires
      from hr_events
      where event_date between ${piece.from}::date and ${piece.to}::date and ${scope(sql`unit_id`)}
      group by unit_id),
    ids as (select unit_id from opening union select unit_id from steps union select unit_id from events)
    select ids.unit_id as "unitId",
           (coalesce(o.staff, 0) + coalesce(s.staff, 0))::float8 as "headcountDays",
           coalesce(e.departures, 0)::int as departures, coalesce(e.voluntary, 0)::int as "voluntaryDepartures",
           coalesce(e.internal, 0)::int as "internalTransfersOut", coalesce(e.hires, 0)::int as hires,
           (coalesce(o.manager, 0) + coalesce(s.manager, 0))::float8 as "managerHeadcountDays",
           coalesce(e.m_departures, 0)::int as "managerDepartures", coalesce(e.m_hires, 0)::int as "managerHires"
    from ids
    left join opening o on o.unit_id = ids.unit_id
    left join steps s on s.unit_id = ids.unit_id
    left join events e on e.unit_id = ids.unit_id`);
}

/** The counts behind every figure, per unit in scope, over [from, to]; lastMonth as lastMonthHeld gives it. */
async function countsInScope(db: Database, scope: UnitScope, from: IsoDate, to: IsoDate, lastMonth: IsoDate | null): Promise<Map<number, TurnoverCounts>> {
  const result = new Map<number, TurnoverCounts>();
  if (lastMonth === null) return result; // no month rows: nothing was ever recomputed, or nobody ever employed
  const { wholeMonths, pieces } = splitPeriod(from, to, lastMonth);
  if (wholeMonths) addCounts(result, await wholeMonthCounts(db, scope, wholeMonths.first, wholeMonths.last));
  for (const piece of pieces) addCounts(result, await pieceCounts(db, scope, piece));
  return result;
}

export interface TurnoverUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  /** Below the report's root (0 = the root itself). */
  depth: number;
}

/** Root's subtree (or the whole organisation), in tree order: each unit, then its children by code. */
export async function unitsInTreeOrder(db: Database, root: number | null): Promise<TurnoverUnit[]> {
  const rows = await queryRows<Omit<TurnoverUnit, "depth">>(db, sql`
    select u.id, u.code, u.name, u.kind, u.parent_id as "parentId" from units u
    where ${unitFilter(sql`u.id`, root)}`);
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, typeof rows>();
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const ordered: TurnoverUnit[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const unit of (children.get(parent) ?? []).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
      ordered.push({ ...unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

export interface TurnoverRow {
  unit: TurnoverUnit;
  current: TurnoverFigures;
  /** Null when the caller did not ask for the year-earlier comparison (the export). */
  previous: TurnoverFigures | null;
  /** As shown and exported: avg headcount 2 decimals, percentages 1, half away from zero. */
  shown: RoundedTurnover;
  shownPrevious: RoundedTurnover | null;
}

export interface TurnoverReport {
  from: IsoDate;
  to: IsoDate;
  previousFrom: IsoDate;
  previousTo: IsoDate;
  rows: TurnoverRow[];
}

/** The figures for root and every unit below it (root null: every unit), with the same period a year earlier. */
export async function turnoverTable(
  db: Database, root: number | null, from: IsoDate, to: IsoDate, options: { withPrevious?: boolean } = {},
): Promise<TurnoverReport> {
  const previousFrom = shiftYears(from, -1);
  const previousTo = shiftYears(to, -1);
  const units = await unitsInTreeOrder(db, root);
  const lastMonth = await lastMonthHeld(db, root);
  const scope = subtreeScope(root);
  const current = await countsInScope(db, scope, from, to, lastMonth);
  const previous = options.withPrevious === false ? null : await countsInScope(db, scope, previousFrom, previousTo, lastMonth);
  const rows = units.map((unit) => {
    const now = figuresFromCounts(current.get(unit.id) ?? EMPTY_COUNTS, from, to);
    const before = previous ? figuresFromCounts(previous.get(unit.id) ?? EMPTY_COUNTS, previousFrom, previousTo) : null;
    return { unit, current: now, previous: before, shown: roundTurnover(now), shownPrevious: before ? roundTurnover(before) : null };
  });
  return { from, to, previousFrom, previousTo, rows };
}

/** The page's table: the unit and each unit below it. */
export function turnoverReport(db: Database, params: { unitId: number; from: IsoDate; to: IsoDate }): Promise<TurnoverReport> {
  return turnoverTable(db, params.unitId, params.from, params.to);
}

/** RoundedTurnover's staff and manager figures for the 12 months ending with `month`. */
export interface RollingPoint extends Pick<RoundedTurnover, "avgHeadcount" | "departures" | "turnoverPct" | "managerAvgHeadcount" | "managerDepartures" | "managerTurnoverPct"> {
  /** First day of the month M the 12 months end with. */
  month: IsoDate;
  from: IsoDate;
  to: IsoDate;
}

/** Rolling 12-month turnover at each of the `months` months ending with endMonth, oldest first. */
export async function rollingTurnoverSeries(db: Database, unitId: number, months = 36, endMonth: IsoDate = businessDate()): Promise<RollingPoint[]> {
  const last = monthStart(endMonth);
  const first = addMonths(last, -(months - 1));
  const held = await lastMonthHeld(db, unitId);
  // Each month's counts once, summed per point below. A month hr_unit_month holds is its row; a
  // later one is the piece splitPeriod makes of it, exactly as the page's table counts it.
  const rows = await queryRows<{ month: string } & TurnoverCounts>(db, sql`
    select month::text as month, headcount_days::float8 as "headcountDays", departures, voluntary_departures as "voluntaryDepartures",
           internal_transfers_out as "internalTransfersOut", hires, manager_headcount_days::float8 as "managerHeadcountDays",
           manager_departures as "managerDepartures", manager_hires as "managerHires"
    from hr_unit_month
    where unit_id = ${unitId} and month between ${addMonths(first, -11)}::date and ${last}::date`);
  const byMonth = new Map<IsoDate, TurnoverCounts>(rows.map((r) => [r.month, r]));
  const onlyUnit: UnitScope = (column) => sql`${column} = ${unitId}`;
  for (let month = addMonths(first, -11); month <= last; month = addMonths(month, 1)) {
    const { pieces } = splitPeriod(month, monthEnd(month), held);
    if (pieces.length === 0) continue;
    const counts = new Map<number, TurnoverCounts>();
    for (const piece of pieces) addCounts(counts, await pieceCounts(db, onlyUnit, piece));
    byMonth.set(month, counts.get(unitId) ?? EMPTY_COUNTS);
  }
  const points: RollingPoint[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    const { from, to } = rolling12Months(month);
    const sum = { ...EMPTY_COUNTS };
    for (let m = from; m <= month; m = addMonths(m, 1)) {
      const row = byMonth.get(m);
      if (row) for (const key of Object.keys(EMPTY_COUNTS) as (keyof TurnoverCounts)[]) sum[key] += Number(row[key]);
    }
    const f = figuresFromCounts(sum, from, to);
    points.push({
      month, from, to, avgHeadcount: f.avgHeadcount, departures: f.departures, turnoverPct: f.turnoverPct,
      managerAvgHeadcount: f.managerAvgHeadcount, managerDepartures: f.managerDepartures, managerTurnoverPct: f.managerTurnoverPct,
    });
  }
  return points;
}

export type DepartureKindFilter = "all" | "external" | "internal" | "voluntary";

export interface DepartureListRow {
  date: IsoDate;
  employeeId: string;
  displayName: string | null;
  fromUnitId: number | null;
  fromUnitCode: string | null;
  fromUnitName: string | null;
  role: string | null;
  kind: "external" | "internal";
  voluntary: boolean;
  endReason: string | null;
}

/**
 * Departures from unitId's subtree in [from, to]. Names come back only to the person's own
 * managers: mayName(unit) for the unit they left, or for a manager's departure the unit above the
 * one they managed (the team's later manager is not an earlier manager's manager, and a manager
 * of the municipality's top unit has no manager here). Otherwise displayName and employeeId are blanked.
 */
export async function departuresList(
  db: Database,
  params: { unitId: number; from: IsoDate; to: IsoDate; kind?: DepartureKindFilter; population?: "staff" | "manager" },
  mayName: (fromUnitId: number | null) => boolean,
): Promise<DepartureListRow[]> {
  const kind = params.kind ?? "all";
  const kindFilter = kind === "external" ? sql`not e.internal_transfer` : kind === "internal" ? sql`e.internal_transfer` : kind === "voluntary" ? sql`e.voluntary` : sql`true`;
  const population = params.population ?? "staff";
  const rows = await queryRows<DepartureListRow & { internal: boolean; fromParentId: number | null; managed: boolean }>(db, sql`
    select e.event_date::text as date, e.employee_id as "employeeId", p.display_name as "displayName",
           e.from_unit_id as "fromUnitId", u.parent_id as "fromParentId", u.code as "fromUnitCode", u.name as "fromUnitName", e.role,
           (e.population = 'manager' or exists (select 1 from hr_events m where m.unit_id = e.unit_id and m.population = 'manager'
              and m.kind = e.kind and m.event_date = e.event_date and m.employee_id = e.employee_id)) as managed,
           e.internal_transfer as internal, e.voluntary, e.end_reason as "endReason"
    from hr_events e
    left join units u on u.id = e.from_unit_id
    left join employees p on p.id = e.employee_id
    where e.unit_id = ${params.unitId} and e.population = ${population} and e.kind = 'departure'
      and e.event_date between ${params.from}::date and ${params.to}::date and ${kindFilter}
    order by e.event_date, u.code, e.employee_id`);
  return rows.map(({ internal, fromParentId, managed, ...row }) => {
    const named = managed ? fromParentId !== null && mayName(fromParentId) : mayName(row.fromUnitId);
    return { ...row, kind: internal ? "internal" : "external", employeeId: named ? row.employeeId : "", displayName: named ? row.displayName : null };
  });
}

/** The 12-month turnover threshold in force for the unit: its own, an ancestor's, else 20 %. */
export async function turnoverThreshold(db: Database, unitId: number): Promise<number> {
  const [row] = await queryRows<{ threshold: number }>(db, sql`
    select s.turnover_12m_pct_threshold::float8 as threshold
    from unit_closure c join unit_settings s on s.unit_id = c.ancestor_id
    where c.descendant_id = ${unitId} and s.turnover_12m_pct_threshold is not null
    order by c.depth limit 1`);
  return row?.threshold ?? 20;
}
