// The recomputation: every rollup for a scope, stage after stage (stages/), inside the caller's
// transaction. The recompute job (job.ts) runs it for one request; the demo seed, the bench and
// the tests call it directly.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { AGGREGATION_LOCK } from "../../db/locks";
import { useAggregationSettings } from "./session-settings";
import { recomputeHr } from "./stages/hr/recompute";
import { recomputeLoad, normaliseWeekRange } from "./stages/load/recompute";
import { STATUS_WEEKS_AFTER_HR_CHANGE, STATUS_WINDOW_WEEKS, recomputeStatus } from "./stages/load/status";
import { recomputeWellbeing } from "./stages/wellbeing/recompute";
import { recomputeRisk } from "./stages/risk/recompute";
import { lastCompleteWeek, weeksBetween } from "../../domain/calendar";
import { carryForwardReady } from "./stages/load/incremental";
import { unfoldedRequestsSql } from "../../db/recompute-requests";
import { hrFactsState, hrUnchanged, markHrFolded } from "./stages/hr/unchanged";
import { buildAndSwap, type Side } from "./swap";

/**
 * The rows a recompute derives from the facts, and so replaces (the fault test compares them, the
 * bench measures writing them). Not risk_radar_runs: it records when the radar ran, not a figure.
 */
export const ROLLUP_TABLES = [
  "load_unit_week", "load_caseworker_week", "unit_week_status", "hr_headcount_steps", "hr_events", "hr_unit_month",
  "hr_unit_rolling_12m",
  "wellbeing_unit_round", "risk_signals",
] as const;

export interface AggregationScope {
  /** First day affected; absent = from the earliest fact. */
  from?: string | null;
  /** Last day affected; absent = through the current week. */
  to?: string | null;
  /**
   * False when the request cannot have changed employments (case, competence or survey imports,
   * the schedules): the status of the year after the range then need not be redone for turnover.
   */
  hrChanged?: boolean;
}

/** Sources whose requests leave employments untouched. */
const SOURCES_WITHOUT_HR = ["import:case-periods", "import:competences", "import:survey-results", "weekly", "nightly"];

export function scopeOfRequest(request: { source: string; fromDate: string | null; toDate: string | null }): AggregationScope {
  return { from: request.fromDate, to: request.toDate, hrChanged: !SOURCES_WITHOUT_HR.includes(request.source) };
}

export interface AggregationSummary {
  fromWeek: string;
  toWeek: string;
  unitWeeks: number;
  caseworkerWeeks: number;
  /** Whether the weeks were carried forward from the stored week before (else swept). */
  carriedForward: boolean;
  statusRows: number;
  wellbeingRows: number;
  riskSignals: number;
  /** The HR step left the stored months as they were (nothing in employments changed; jobs/recompute/stages/hr/unchanged.ts). */
  hrSkipped: boolean;
  /** The steps built beside the aggregating transaction, on connections of their own (SIDE_BUILDS; none on PGlite or without a pool). */
  builtAside: string[];
  ms: Record<string, number>;
}

/**
 * The first day of any case period or employment. Case periods have no index on period_start
 * alone (migration 0035): each unit's first period is one probe of case_periods_unit_idx (unit_id,
 * period_start), and every period's unit is in units (the reference checks), ~5,000 probes at
 * national scale instead of a scan of every period.
 */
export async function earliestFact(db: Database): Promise<string | null> {
  const rows = await queryRows<{ d: string | null }>(db, sql`
    select least(
      (select min(f.period_start) from units u
         cross join lateral (select c.period_start from case_periods c where c.unit_id = u.id order by c.period_start limit 1) f),
      (select min(start_date) from employments))::text as d`);
  return rows[0]?.d ?? null;
}

/**
 * Recomputes every rollup for the scope inside the caller's transaction: HR (engineer C's
 * recomputeHr), weekly load, status, wellbeing and the risk radar as of the last complete week.
 */
/**
 * Ranges up to this many weeks are carried forward from the stored week before them when that is
 * exact (jobs/recompute/stages/load/incremental.ts); longer ones touch most periods anyway and are swept.
 */
export const CARRY_FORWARD_MAX_WEEKS = 26;

/**
 * The tables a full run builds beside the aggregating transaction (jobs/recompute/swap.ts side
 * builds), each on a connection of its own: HR reads only employments and the unit tree and runs
 * while the load step runs here; wellbeing reads only the survey results and starts once the load
 * step is done. Status waits for HR, the risk radar for everything.
 */
export const SIDE_BUILDS = {
  hr: ["hr_headcount_steps", "hr_events", "hr_unit_month", "hr_unit_rolling_12m"],
  wellbeing: ["wellbeing_unit_round"],
} as const satisfies Record<string, readonly (typeof ROLLUP_TABLES)[number][]>;

export interface AggregationOptions {
  requestId?: number | null;
  /** A full run deletes and re-inserts the live tables' rows instead of building and swapping (the bench's comparison of the two). */
  inPlace?: boolean;
  /**
   * The pool `tx` came from: a full run on Postgres builds HR and wellbeing on two more of its
   * connections at the same time (SIDE_BUILDS). Without it (or on PGlite) the steps run in turn.
   */
  pool?: Database | null;
}

export async function runAggregation(
  tx: Database, scope: AggregationScope, today: string, options: AggregationOptions = {},
): Promise<AggregationSummary> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AGGREGATION_LOCK})`);
  await useAggregationSettings(tx);
  const ms: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await f();
    ms[name] = Math.round(performance.now() - t0);
    return result;
  };
  // A full re-aggregation builds every rollup table fresh and swaps them in (jobs/recompute/swap.ts).
  if (scope.from == null && scope.to == null && !options.inPlace) {
    return buildAndSwap(tx, ROLLUP_TABLES, (side) => aggregate(tx, scope, today, { ...options, freshTables: true, side }, ms, timed), ms,
      { pool: options.pool ?? null, sides: SIDE_BUILDS });
  }
  return aggregate(tx, scope, today, options, ms, timed);
}

async function aggregate(
  tx: Database, scope: AggregationScope, today: string, options: { requestId?: number | null; freshTables?: boolean; side?: Side },
  ms: Record<string, number>, timed: <T>(name: string, f: () => Promise<T>) => Promise<T>,
): Promise<AggregationSummary> {
  // Where HR and wellbeing are built: beside this transaction in a full run on Postgres
  // (SIDE_BUILDS), else here, each awaited before the next step starts.
  const side: Side = options.side ?? { concurrent: false, run: (_name, f) => f(tx) };
  // On this transaction a step is awaited before the next starts: two steps' statements must not
  // interleave on one connection (HR's savepoint would take the other's with it).
  const inTurn = async (step: Promise<unknown>) => {
    if (!side.concurrent) await step;
  };
  const from = scope.from ?? (await earliestFact(tx)) ?? today;
  const to = scope.to ?? today;
  const range = normaliseWeekRange(from, to < from ? from : to);
  // HR months re-read every employment: skipped when the request cannot have changed them, none
  // changed since everything was last folded in, and the range's months are stored (jobs/recompute/stages/hr/unchanged.ts).
  const hrState = await hrFactsState(tx);
  const [{ n: unfolded }] = await queryRows<{ n: number }>(tx, sql`select (${unfoldedRequestsSql(options.requestId ?? null)}) as n`);
  const hrSkipped = scope.hrChanged === false && scope.from != null && scope.to != null
    && (await hrUnchanged(tx, hrState, { from: scope.from, to: scope.to }));
  // Started first, awaited where their tables are read: beside this transaction they run while
  // the load step runs; here (side = this transaction) each is done before the next starts.
  const hrBuilt = hrSkipped ? Promise.resolve(null) : side.run("hr", (db) =>
    timed("hr", () => recomputeHr(db, { from: scope.from ?? undefined, to: scope.to ?? undefined, freshTables: options.freshTables })));
  if (hrSkipped) ms.hr = 0;
  await inTurn(hrBuilt);
  const carryForward = scope.from != null && weeksBetween(range.fromWeek, range.toWeek).length <= CARRY_FORWARD_MAX_WEEKS
    && (await timed("check", () => carryForwardReady(tx, range, options.requestId ?? null)));
  // A full run's build tables are empty: its rows go straight in; a range writes what differs.
  const freshTables = options.freshTables === true;
  const load = await timed("load", () => recomputeLoad(tx, range, today, { carryForward, freshTables }));
  // Started once the load step is done: its work is this process's CPU, which would otherwise
  // share the two cores with HR and load at once, while HR is what status waits for.
  const wellbeingBuilt = side.run("wellbeing", (db) => timed("wellbeing", () => recomputeWellbeing(db, { from: scope.from, to: scope.to })));
  await inTurn(wellbeingBuilt);
  await hrBuilt;
  if (!hrSkipped && unfolded === 0) await markHrFolded(tx, hrState.version);
  const statusRows = await timed("status", () =>
    recomputeStatus(tx, range, scope.hrChanged === false ? STATUS_WINDOW_WEEKS : STATUS_WEEKS_AFTER_HR_CHANGE, { freshTables }));
  const wellbeingRows = await wellbeingBuilt;
  const riskSignals = await timed("risk", () => recomputeRisk(tx, lastCompleteWeek(today)));
  const builtAside = side.concurrent ? Object.keys(SIDE_BUILDS) : [];
  return { ...range, ...load, statusRows, wellbeingRows, riskSignals, hrSkipped, builtAside, ms };
}
