// The recompute job: turns one durable recompute request into fresh rollups. Payload: the request
// id only. The whole recomputation is one transaction, so a worker killed mid-job leaves the
// rollups as they were and the retried job writes identical rows.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Database } from "../db/client";
import { AGGREGATION_LOCK } from "../db/locks";
import { useAggregationSettings } from "./session-settings";
import { recomputeHr } from "./hr/recompute";
import { recomputeLoad, normaliseWeekRange } from "./load/recompute";
import { STATUS_WEEKS_AFTER_HR_CHANGE, STATUS_WINDOW_WEEKS, recomputeStatus } from "./load/status";
import { recomputeWellbeing } from "./wellbeing/recompute";
import { recomputeRisk } from "./risk/recompute";
import { lastCompleteWeek, weekStart, weeksBetween } from "../domain/calendar";
import { carryForwardReady, unfoldedRequestsSql } from "./load/incremental";
import { hrFactsState, hrUnchanged, markHrFolded } from "./hr/unchanged";
import { finishJobRun, startJobRun } from "./job-runs";
import { buildAndSwap } from "./swap";
import type { ScheduledJob } from "./registry";

export const RECOMPUTE_JOB = "recompute";

/**
 * The rows a recompute derives from the facts, and so replaces (the fault test compares them, the
 * bench measures writing them). Not risk_radar_runs: it records when the radar ran, not a figure.
 */
export const ROLLUP_TABLES = [
  "load_unit_week", "load_caseworker_week", "unit_week_status", "hr_headcount_steps", "hr_events", "hr_unit_month",
  "wellbeing_unit_round", "risk_signals",
] as const;

export const RecomputePayload = z.object({ requestId: z.number().int().positive() });
export type RecomputePayload = z.infer<typeof RecomputePayload>;

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
  /** The HR step left the stored months as they were (nothing in employments changed; jobs/hr/unchanged.ts). */
  hrSkipped: boolean;
  ms: Record<string, number>;
}

async function earliestFact(db: Database): Promise<string | null> {
  const rows = await queryRows<{ d: string | null }>(db, sql`
    select least((select min(period_start) from case_periods), (select min(start_date) from employments))::text as d`);
  return rows[0]?.d ?? null;
}

/**
 * Recomputes every rollup for the scope inside the caller's transaction: HR (engineer C's
 * recomputeHr), weekly load, status, wellbeing and the risk radar as of the last complete week.
 */
/**
 * Ranges up to this many weeks are carried forward from the stored week before them when that is
 * exact (jobs/load/incremental.ts); longer ones touch most periods anyway and are swept.
 */
export const CARRY_FORWARD_MAX_WEEKS = 26;

/**
 * `inPlace`: a full run deletes and re-inserts the live tables' rows instead of building and
 * swapping (the bench's comparison of the two).
 */
export async function runAggregation(
  tx: Database, scope: AggregationScope, today: string, options: { requestId?: number | null; inPlace?: boolean } = {},
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
  // A full re-aggregation builds every rollup table fresh and swaps them in (jobs/swap.ts).
  if (scope.from == null && scope.to == null && !options.inPlace) {
    return buildAndSwap(tx, ROLLUP_TABLES, () => aggregate(tx, scope, today, options, ms, timed), ms);
  }
  return aggregate(tx, scope, today, options, ms, timed);
}

async function aggregate(
  tx: Database, scope: AggregationScope, today: string, options: { requestId?: number | null },
  ms: Record<string, number>, timed: <T>(name: string, f: () => Promise<T>) => Promise<T>,
): Promise<AggregationSummary> {
  const from = scope.from ?? (await earliestFact(tx)) ?? today;
  const to = scope.to ?? today;
  const range = normaliseWeekRange(from, to < from ? from : to);
  // HR months re-read every employment: skipped when the request cannot have changed them, none
  // changed since everything was last folded in, and the range's months are stored (jobs/hr/unchanged.ts).
  const hrState = await hrFactsState(tx);
  const [{ n: unfolded }] = await queryRows<{ n: number }>(tx, sql`select (${unfoldedRequestsSql(options.requestId ?? null)}) as n`);
  const hrSkipped = scope.hrChanged === false && scope.from != null && scope.to != null
    && (await hrUnchanged(tx, hrState, { from: scope.from, to: scope.to }));
  if (hrSkipped) ms.hr = 0;
  else {
    await timed("hr", () => recomputeHr(tx, { from: scope.from ?? undefined, to: scope.to ?? undefined }));
    if (unfolded === 0) await markHrFolded(tx, hrState.version);
  }
  const carryForward = scope.from != null && weeksBetween(range.fromWeek, range.toWeek).length <= CARRY_FORWARD_MAX_WEEKS
    && (await timed("check", () => carryForwardReady(tx, range, options.requestId ?? null)));
  const load = await timed("load", () => recomputeLoad(tx, range, today, { carryForward }));
  const statusRows = await timed("status", () =>
    recomputeStatus(tx, range, scope.hrChanged === false ? STATUS_WINDOW_WEEKS : STATUS_WEEKS_AFTER_HR_CHANGE));
  const wellbeingRows = await timed("wellbeing", () => recomputeWellbeing(tx, { from: scope.from, to: scope.to }));
  const riskSignals = await timed("risk", () => recomputeRisk(tx, lastCompleteWeek(today)));
  return { ...range, ...load, statusRows, wellbeingRows, riskSignals, hrSkipped, ms };
}

export interface RecomputeRequestRow {
  id: number;
  status: string;
  source: string;
  unitIds: number[] | null;
  fromDate: string | null;
  toDate: string | null;
}

/**
 * Runs one request. A request already done is skipped (a duplicate delivery does no work twice);
 * a failure is recorded and rethrown so BullMQ retries with backoff.
 */
export async function processRecomputeRequest(
  db: Database,
  requestId: number,
  today: string,
  options: { jobId?: string | null; willRetry?: boolean } = {},
): Promise<AggregationSummary | null> {
  const claimed = await queryRows<RecomputeRequestRow>(db, sql`
    update recompute_requests set status = 'running', attempts = attempts + 1, started_at = now(), error = null
    where id = ${requestId} and status <> 'done'
    returning id, status, source, unit_ids as "unitIds", from_date::text as "fromDate", to_date::text as "toDate"`);
  const request = claimed[0];
  if (!request) return null;
  // A run of this request still marked running belongs to a process that died mid-job (its
  // transaction rolled back): close it so the jobs page does not show it running forever.
  await db.execute(sql`
    update job_runs set status = 'failed', finished_at = now(), error = 'interrupted: the process running it stopped; run again'
    where job = ${RECOMPUTE_JOB} and status = 'running' and details->>'requestId' = ${String(requestId)}`);
  const run = await startJobRun(db, RECOMPUTE_JOB, options.jobId ?? null, { requestId });
  try {
    const summary = await db.transaction((tx) => runAggregation(tx, scopeOfRequest(request), today, { requestId }));
    await db.execute(sql`update recompute_requests set status = 'done', finished_at = now() where id = ${requestId}`);
    await finishJobRun(db, run, "completed", null, { requestId, ...summary });
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Pending while another attempt will come, so a sweep after a Redis restart still finds it.
    const status = options.willRetry ? "pending" : "failed";
    await db.execute(sql`update recompute_requests set status = ${status}, finished_at = now(), error = ${message} where id = ${requestId}`);
    await finishJobRun(db, run, "failed", message, { requestId });
    throw error;
  }
}

/** A durable request; imports insert the same row in their own transaction. */
export async function createRecomputeRequest(db: Database, source: string, scope: AggregationScope & { unitIds?: number[] | null } = {}): Promise<number> {
  const unitIds = scope.unitIds && scope.unitIds.length > 0 ? sql`${`{${scope.unitIds.join(",")}}`}::int[]` : sql`null`;
  const rows = await queryRows<{ id: number }>(db, sql`
    insert into recompute_requests (source, unit_ids, from_date, to_date)
    values (${source}, ${unitIds}, ${scope.from ?? null}::date, ${scope.to ?? null}::date)
    returning id::int as id`);
  return rows[0].id;
}

/** The scope of the weekly run: the week that just closed (and, through status, the weeks after it). */
export function weeklyScope(today: string): AggregationScope {
  const monday = lastCompleteWeek(today);
  return { from: monday, to: weekStart(today), hrChanged: false };
}

/** Weekly, after the week closes: Monday 02:00 Copenhagen time. */
export const weeklyAggregationJob: ScheduledJob = {
  name: "weekly-aggregation",
  schedule: { weekday: 1, hour: 2, minute: 0 },
  async process(ctx) {
    const requestId = await createRecomputeRequest(ctx.db, "weekly", weeklyScope(ctx.today));
    const dispatched = await ctx.dispatch();
    return { requestId, dispatched };
  },
};
