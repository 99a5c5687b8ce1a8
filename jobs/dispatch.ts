// The dispatcher: durable recompute requests in Postgres → BullMQ jobs with deterministic ids.
// Re-dispatching is always safe: an id already in Redis is not added twice, and a request whose
// job was lost (Redis restarted, worker killed) gets it back.
import { sql } from "drizzle-orm";
import type { Queue } from "bullmq";
import { queryRows, type Database } from "../db/client";
import { RECOMPUTE_JOB, createRecomputeRequest, weeklyScope, type RecomputePayload } from "./aggregate";
import type { ScheduledJob } from "./registry";
import { recomputeJobId } from "./queues";

/** Requests that still need a run: pending ones, and running ones whose worker may have died. */
export async function openRequests(db: Database): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`
    select id::int as id from recompute_requests where status in ('pending', 'running') order by id`);
  return rows.map((r) => r.id);
}

export async function dispatchPending(db: Database, queue: Queue): Promise<number> {
  const ids = await openRequests(db);
  if (ids.length === 0) return 0;
  await queue.addBulk(ids.map((requestId) => ({
    name: RECOMPUTE_JOB,
    data: { requestId } satisfies RecomputePayload,
    opts: { jobId: recomputeJobId(requestId) },
  })));
  return ids.length;
}

/**
 * Nightly catch-up: recompute the last complete and the current week (in case the weekly run was
 * missed) and sweep every open request, including those whose jobs Redis lost.
 */
export const nightlyCatchUpJob: ScheduledJob = {
  name: "nightly-catch-up",
  schedule: { hour: 1, minute: 30 },
  async process(ctx) {
    const requestId = await createRecomputeRequest(ctx.db, "nightly", weeklyScope(ctx.today));
    const dispatched = await ctx.dispatch();
    return { requestId, dispatched };
  },
};
