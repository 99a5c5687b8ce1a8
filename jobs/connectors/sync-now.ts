// How the web server enqueues a sync asked for from the admin page (connectors/queue.ts writes the
// queued run and runs the job): on BullMQ's scheduled queue, or in this process. It lives in jobs/
// because it opens Redis queues and the in-process runner, which connectors/ may not import.
import type { Database } from "../../db/client";
import { recordedRun } from "../../db/job-runs";
import { maskCpr } from "../../import/cpr";
import { CONNECTOR_SYNC_NOW_JOB, processSyncNow, type Enqueue } from "../../connectors/queue";
import { inlineContext } from "../inline";
import { addOneJob, QUEUES } from "../queues";

/**
 * On BullMQ's scheduled queue, which the workers read (REDIS_URL), or in this process, not
 * awaited, recorded in job_runs as any run is (the embedded default).
 */
export function enqueueSyncNow(db: Database, options: { redisUrl?: string; today: string; log?: (line: string) => void }): Enqueue {
  return async (payload) => {
    const jobId = `${CONNECTOR_SYNC_NOW_JOB}-run${payload.runId}`;
    if (options.redisUrl) {
      // One attempt: a sync that fails says why on its run; the administrator asks again.
      await addOneJob(options.redisUrl, QUEUES.scheduled, CONNECTOR_SYNC_NOW_JOB, payload, { jobId, attempts: 1 });
      return;
    }
    const log = options.log ?? ((line: string) => console.log(`[jobs] ${line}`));
    void recordedRun(db, CONNECTOR_SYNC_NOW_JOB, jobId, () => processSyncNow(inlineContext(db, options.today, log), payload)).catch((error: unknown) => {
      log(`${CONNECTOR_SYNC_NOW_JOB} ${payload.name} failed: ${maskCpr(error instanceof Error ? error.message : String(error))}`);
    });
  };
}
