// The same processors without Redis: the embedded default (npm run demo, npm run aggregate).
// Requests are taken from Postgres in id order and run one after another in this process.
import type { Database } from "../db/client";
import { openRecomputeRequests } from "../db/recompute-requests";
import { recordedRun } from "../db/job-runs";
import type { JobContext, ScheduledJob } from "../domain/schedules";
import { processRecomputeRequest } from "./recompute/job";
import type { AggregationSummary } from "./recompute/pipeline";
import { DEFAULT_JOB_OPTIONS } from "./queues";

const MAX_ATTEMPTS = DEFAULT_JOB_OPTIONS.attempts ?? 1;

export interface InlineResult {
  requestId: number;
  summary: AggregationSummary | null;
  error?: string;
}

/**
 * Runs every open request (pending, or left running by a process that died). A failure is kept on
 * the request and retried on a later call until the attempts are used up, as BullMQ would.
 */
export async function runOpenRequestsInline(db: Database, today: string, log: (line: string) => void = () => {}): Promise<InlineResult[]> {
  const open = await openRecomputeRequests(db);
  const results: InlineResult[] = [];
  for (const { id, attempts } of open) {
    try {
      const summary = await processRecomputeRequest(db, id, today, { jobId: `inline-${id}`, willRetry: attempts + 1 < MAX_ATTEMPTS });
      results.push({ requestId: id, summary });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`recompute request ${id} failed: ${message}`);
      results.push({ requestId: id, summary: null, error: message });
    }
  }
  return results;
}

export function inlineContext(db: Database, today: string, log?: (line: string) => void): JobContext<Database> {
  return { db, today, dispatch: async () => (await runOpenRequestsInline(db, today, log)).length };
}

export function runScheduledInline(job: ScheduledJob<Database>, ctx: JobContext<Database>): Promise<unknown> {
  return recordedRun(ctx.db, job.name, `inline-${job.name}-${ctx.today}`, () => job.process(ctx));
}
