// job_runs: one row per run of any job, written outside the job's own transaction so the jobs
// page shows a run while it is still going and after it failed.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "./client";

export async function startJobRun(db: Database, job: string, jobId: string | null, details: unknown): Promise<number> {
  const rows = await queryRows<{ id: number }>(db, sql`
    insert into job_runs (job, job_id, details) values (${job}, ${jobId}, ${JSON.stringify(details)}::jsonb) returning id::int as id`);
  return rows[0].id;
}

export async function finishJobRun(db: Database, runId: number, status: "completed" | "failed", error: string | null, details: unknown): Promise<void> {
  await db.execute(sql`
    update job_runs set status = ${status}, finished_at = now(), error = ${error}, details = ${JSON.stringify(details)}::jsonb
    where id = ${runId}`);
}

/**
 * Closes the runs of `job` still marked running whose details name the same request: they belong
 * to a process that died mid-job. Only a request's id is matched (`requestId`).
 */
export async function failInterruptedRuns(db: Database, job: string, match: { requestId: number }): Promise<void> {
  await db.execute(sql`
    update job_runs set status = 'failed', finished_at = now(), error = 'interrupted: the process running it stopped; run again'
    where job = ${job} and status = 'running' and details->>'requestId' = ${String(match.requestId)}`);
}

/** Runs f as a recorded job: a job_runs row before, completed or failed after; errors rethrown. */
export async function recordedRun<T>(db: Database, job: string, jobId: string | null, f: () => Promise<T>): Promise<T> {
  const run = await startJobRun(db, job, jobId, {});
  try {
    const result = await f();
    await finishJobRun(db, run, "completed", null, result ?? {});
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishJobRun(db, run, "failed", message, {});
    throw error;
  }
}
