// The scheduled queue's processor: a job by its name, recorded in job_runs as any run is.
import type { Database } from "../db/client";
import { recordedRun } from "../db/job-runs";
import type { JobContext } from "../domain/schedules";
import { CONNECTOR_SYNC_NOW_JOB, processSyncNow } from "../connectors/queue";
import { SCHEDULED_JOBS } from "./registry";

/** What the processor reads of a BullMQ job; a test may build one by hand. */
export interface ScheduledJobLike {
  name: string;
  id?: string | null;
  data: unknown;
}

export async function processScheduledJob(job: ScheduledJobLike, ctx: JobContext<Database>): Promise<unknown> {
  // A sync asked for from the admin page (connectors/queue.ts): not scheduled, it carries its run.
  if (job.name === CONNECTOR_SYNC_NOW_JOB) return recordedRun(ctx.db, job.name, job.id ?? null, () => processSyncNow(ctx, job.data));
  const definition = SCHEDULED_JOBS.find((j) => j.name === job.name);
  if (!definition) throw new Error(`Unknown scheduled job: ${job.name}`);
  return recordedRun(ctx.db, definition.name, job.id ?? null, () => definition.process(ctx));
}
