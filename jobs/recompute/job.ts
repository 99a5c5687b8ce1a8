// The recompute job: turns one durable recompute request into fresh rollups. Payload: the request
// id only. The whole recomputation is one transaction, so a worker killed mid-job leaves the
// rollups as they were and the retried job writes identical rows.
import { z } from "zod";
import type { Database } from "../../db/client";
import { failInterruptedRuns, finishJobRun, startJobRun } from "../../db/job-runs";
import { claimRecomputeRequest, failRecomputeRequest, finishRecomputeRequest } from "../../db/recompute-requests";
import { runAggregation, scopeOfRequest, type AggregationSummary } from "./pipeline";

export const RECOMPUTE_JOB = "recompute";

export const RecomputePayload = z.object({ requestId: z.number().int().positive() });
export type RecomputePayload = z.infer<typeof RecomputePayload>;

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
  const request = await claimRecomputeRequest(db, requestId);
  if (!request) return null;
  // A run of this request still marked running belongs to a process that died mid-job (its
  // transaction rolled back): close it so the jobs page does not show it running forever.
  await failInterruptedRuns(db, RECOMPUTE_JOB, { requestId });
  const run = await startJobRun(db, RECOMPUTE_JOB, options.jobId ?? null, { requestId });
  try {
    const summary = await db.transaction((tx) => runAggregation(tx, scopeOfRequest(request), today, { requestId, pool: db }));
    await finishRecomputeRequest(db, requestId);
    await finishJobRun(db, run, "completed", null, { requestId, ...summary });
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await failRecomputeRequest(db, requestId, message, options.willRetry ?? false);
    await finishJobRun(db, run, "failed", message, { requestId });
    throw error;
  }
}

/** What the processor reads of a BullMQ job; a test builds one by hand, without Redis. */
export interface RecomputeJobLike {
  id?: string | null;
  data: unknown;
  attemptsMade: number;
  opts: { attempts?: number };
}

/** The recompute queue's processor: the payload checked, then the request run as attempt attemptsMade + 1. */
export async function processRecomputeJob(job: RecomputeJobLike, db: Database, today: string): Promise<AggregationSummary | null> {
  const { requestId } = RecomputePayload.parse(job.data);
  const attempts = job.opts.attempts ?? 1;
  return processRecomputeRequest(db, requestId, today, { jobId: job.id ?? null, willRetry: job.attemptsMade + 1 < attempts });
}
