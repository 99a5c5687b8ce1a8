// Presenter for the administrator's jobs page: the last run of every job, recent failures with
// their error, pending recompute requests (Postgres, the durable record) and, when Redis is
// configured, BullMQ's own queue counts. Read-only. The list of scheduled jobs comes from the
// caller (jobs/registry.ts, through the app): db/ may not import the jobs.
import { sql } from "drizzle-orm";
import { Queue } from "bullmq";
import IORedis from "ioredis";
import { queryRows, type Database } from "../client";
import { cronPattern, nextRunAt, type Schedule } from "../../domain/schedules";

export interface JobRunRow {
  id: number;
  job: string;
  jobId: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: "running" | "completed" | "failed";
  error: string | null;
  durationMs: number | null;
}

export interface RecomputeRow {
  id: number;
  requestedAt: string;
  source: string;
  unitCount: number | null;
  fromDate: string | null;
  toDate: string | null;
  status: "pending" | "running" | "failed";
  attempts: number;
  error: string | null;
}

export interface QueueCounts {
  name: string;
  counts: Record<string, number>;
}

export interface ScheduleRow {
  name: string;
  /** The cron pattern, in Europe/Copenhagen. */
  pattern: string;
  everyMinutes: number | null;
  /** ISO weekday for weekly jobs, null for daily and every-n-minutes ones. */
  weekday: number | null;
  time: string | null;
  /** The next run by the schedule; with Redis, BullMQ's own next time when it has one. */
  nextRunAt: string;
  recentRuns: JobRunRow[];
}

export interface JobsPage {
  schedules: ScheduleRow[];
  lastRuns: JobRunRow[];
  failures: JobRunRow[];
  waiting: RecomputeRow[];
  waitingTotal: number;
  /** Null when REDIS_URL is not set (jobs run in-process); an error text when Redis did not answer. */
  queues: QueueCounts[] | null;
  queueError: string | null;
}

const RUN_COLUMNS = sql`
  id::int as id, job, job_id as "jobId", started_at::text as "startedAt", finished_at::text as "finishedAt", status, error,
  case when finished_at is not null then (extract(epoch from finished_at - started_at) * 1000)::int end as "durationMs"`;

/** BullMQ's next time per scheduler (key = job name), or an empty map when Redis does not answer. */
async function schedulerNextTimes(redisUrl: string): Promise<Map<string, number>> {
  const connection = new IORedis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, connectTimeout: 2000 });
  try {
    await connection.connect();
    const queue = new Queue("scheduled", { connection });
    const schedulers = await queue.getJobSchedulers(0, -1, true);
    await queue.close();
    return new Map(schedulers.filter((s) => s.next).map((s) => [s.key, s.next!]));
  } catch {
    return new Map();
  } finally {
    connection.disconnect();
  }
}

/** A scheduled job as the page shows it: its name and schedule. */
export interface ScheduleOfJob {
  name: string;
  schedule: Schedule;
}

export async function jobsPage(
  db: Database, scheduledJobs: readonly ScheduleOfJob[], redisUrl: string | undefined, failureLimit = 20, now: Date = new Date(), runsPerJob = 5,
): Promise<JobsPage> {
  const [recent, nextTimes] = await Promise.all([
    queryRows<JobRunRow & { rank: number }>(db, sql`
      select * from (select ${RUN_COLUMNS}, row_number() over (partition by job order by started_at desc, id desc)::int as rank from job_runs) r
      where rank <= ${runsPerJob} order by job, rank`),
    redisUrl ? schedulerNextTimes(redisUrl) : Promise.resolve(new Map<string, number>()),
  ]);
  const schedules: ScheduleRow[] = scheduledJobs.map((job) => {
    const s = job.schedule;
    const every = "everyMinutes" in s ? s.everyMinutes : null;
    const bull = nextTimes.get(job.name);
    return {
      name: job.name,
      pattern: cronPattern(s),
      everyMinutes: every,
      weekday: "everyMinutes" in s ? null : s.weekday ?? null,
      time: "everyMinutes" in s ? null : `${String(s.hour).padStart(2, "0")}:${String(s.minute).padStart(2, "0")}`,
      nextRunAt: (bull ? new Date(bull) : nextRunAt(s, now)).toISOString(),
      recentRuns: recent.filter((r) => r.job === job.name).map(({ rank: _rank, ...r }) => r),
    };
  });
  const [lastRuns, failures, waiting, [total], queues] = await Promise.all([
    queryRows<JobRunRow>(db, sql`
      select distinct on (job) ${RUN_COLUMNS} from job_runs order by job, started_at desc`),
    queryRows<JobRunRow>(db, sql`
      select ${RUN_COLUMNS} from job_runs where status = 'failed' order by started_at desc limit ${failureLimit}`),
    queryRows<RecomputeRow>(db, sql`
      select id::int as id, requested_at::text as "requestedAt", source, cardinality(unit_ids) as "unitCount",
        from_date::text as "fromDate", to_date::text as "toDate", status, attempts, error
      from recompute_requests where status <> 'done' order by requested_at limit 50`),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from recompute_requests where status <> 'done'`),
    redisUrl ? queueCounts(redisUrl).then((q) => ({ q, e: null }), (e: Error) => ({ q: [], e: e.message })) : Promise.resolve(null),
  ]);
  return {
    schedules, lastRuns, failures, waiting, waitingTotal: total?.n ?? 0,
    queues: queues ? queues.q : null, queueError: queues?.e ?? null,
  };
}

/**
 * Counts of every BullMQ queue found in Redis. Queues are discovered by their meta key, so the page
 * shows whatever the worker registered without a list to keep in step.
 */
export async function queueCounts(redisUrl: string, prefix = "bull"): Promise<QueueCounts[]> {
  const connection = new IORedis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, connectTimeout: 2000 });
  try {
    await connection.connect();
    const names = new Set<string>();
    let cursor = "0";
    do {
      const [next, keys] = await connection.scan(cursor, "MATCH", `${prefix}:*:meta`, "COUNT", 200);
      cursor = next;
      for (const key of keys) names.add(key.slice(prefix.length + 1, -":meta".length));
    } while (cursor !== "0");
    const result: QueueCounts[] = [];
    for (const name of [...names].sort()) {
      const queue = new Queue(name, { connection, prefix });
      result.push({ name, counts: await queue.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized") });
      await queue.close();
    }
    return result;
  } finally {
    connection.disconnect();
  }
}
