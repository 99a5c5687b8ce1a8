// "Run now" from the jobs page: the scheduled job by name, on the BullMQ queue the workers read
// (REDIS_URL) or in this process (the embedded default). Either way it is recorded in job_runs
// as any run is; the caller audits who asked.
import type { Database } from "../db/client";
import { recordedRun } from "../db/job-runs";
import type { ScheduledJob } from "../domain/schedules";
import { SCHEDULED_JOBS } from "./registry";
import { inlineContext } from "./inline";
import { addOneJob, QUEUES } from "./queues";

export function scheduledJob(name: string): ScheduledJob<Database> | undefined {
  return SCHEDULED_JOBS.find((j) => j.name === name);
}

export interface RunNowResult {
  mode: "bullmq" | "in-process";
  jobId: string;
}

export async function runJobNow(
  db: Database, name: string, options: { redisUrl?: string; today: string; log?: (line: string) => void },
): Promise<RunNowResult> {
  const job = scheduledJob(name);
  if (!job) throw new Error(`Unknown scheduled job: ${name}`);
  // Deterministic per request time; BullMQ ids may not contain ':' nor be all digits.
  const jobId = `manual-${name}-${Date.now()}`;
  if (options.redisUrl) {
    await addOneJob(options.redisUrl, QUEUES.scheduled, job.name, {}, { jobId });
    return { mode: "bullmq", jobId };
  }
  const log = options.log ?? ((line: string) => console.log(`[jobs] ${line}`));
  // Not awaited: the page answers at once and shows the run as running; its end is in job_runs.
  void recordedRun(db, job.name, jobId, () => job.process(inlineContext(db, options.today, log))).catch((error: unknown) => {
    log(`${name} (run now) failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return { mode: "in-process", jobId };
}
