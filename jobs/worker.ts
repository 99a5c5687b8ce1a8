// `npm run worker`: the worker process. Registers one worker per queue, upserts the schedules,
// dispatches what is already waiting in Postgres, logs failures, and closes cleanly on SIGTERM.
// Any number of these may run on any number of machines against one Redis and one Postgres.
import { maskCpr } from "../import/cpr";
import { pathToFileURL } from "node:url";
import { Worker, type Job } from "bullmq";
import { env, businessDate } from "../env";
import { getConnection, type Database } from "../db/client";
import { RecomputePayload, processRecomputeRequest } from "./aggregate";
import { dispatchPending } from "./dispatch";
import { recordedRun } from "./job-runs";
import { SCHEDULED_JOBS, SCHEDULE_TIME_ZONE, cronPattern } from "./registry";
import { CONNECTOR_SYNC_NOW_JOB, processSyncNow } from "../connectors/queue";
import { createRedisConnection, evictionPolicyWarning, ready } from "./connection";
import { createQueue, QUEUES } from "./queues";

export interface RunningWorkers {
  close(): Promise<void>;
}

export async function startWorkers(db: Database, redisUrl: string, log: (line: string) => void = console.log): Promise<RunningWorkers> {
  const timings = env();
  const workerConnection = createRedisConnection(redisUrl, "worker");
  const producer = createRedisConnection(redisUrl, "producer");
  await ready(producer);
  const warning = await evictionPolicyWarning(producer);
  if (warning) log(`WARNING: ${warning}`);

  const recomputeQueue = createQueue(QUEUES.recompute, producer);
  const scheduledQueue = createQueue(QUEUES.scheduled, producer);
  const workerOptions = {
    connection: workerConnection,
    lockDuration: timings.WORKER_LOCK_DURATION_MS,
    stalledInterval: timings.WORKER_STALLED_INTERVAL_MS,
    concurrency: timings.WORKER_CONCURRENCY,
  };

  const recomputeWorker = new Worker(QUEUES.recompute, async (job: Job) => {
    const { requestId } = RecomputePayload.parse(job.data);
    const attempts = job.opts.attempts ?? 1;
    return processRecomputeRequest(db, requestId, businessDate(), { jobId: job.id ?? null, willRetry: job.attemptsMade + 1 < attempts });
  }, workerOptions);

  const scheduledWorker = new Worker(QUEUES.scheduled, async (job: Job) => {
    const ctx = { db, today: businessDate(), dispatch: () => dispatchPending(db, recomputeQueue) };
    // A sync asked for from the admin page (connectors/queue.ts): not scheduled, it carries its run.
    if (job.name === CONNECTOR_SYNC_NOW_JOB) return recordedRun(db, job.name, job.id ?? null, () => processSyncNow(ctx, job.data));
    const definition = SCHEDULED_JOBS.find((j) => j.name === job.name);
    if (!definition) throw new Error(`Unknown scheduled job: ${job.name}`);
    return recordedRun(db, definition.name, job.id ?? null, () => definition.process(ctx));
  }, workerOptions);

  for (const worker of [recomputeWorker, scheduledWorker]) {
    worker.on("failed", (job, error) => log(`job ${job?.name} ${job?.id ?? ""} failed (attempt ${job?.attemptsMade ?? "?"}): ${maskCpr(error.message)}`));
    worker.on("error", (error) => log(`worker error: ${error.message}`));
  }

  for (const job of SCHEDULED_JOBS) {
    await scheduledQueue.upsertJobScheduler(job.name, { pattern: cronPattern(job.schedule), tz: SCHEDULE_TIME_ZONE }, { name: job.name, data: {} });
  }
  const dispatched = await dispatchPending(db, recomputeQueue);
  log(`worker ready: ${dispatched} open recompute request(s) dispatched; schedules: ${SCHEDULED_JOBS.map((j) => `${j.name} "${cronPattern(j.schedule)}"`).join(", ")}`);

  return {
    async close() {
      await Promise.all([recomputeWorker.close(), scheduledWorker.close()]);
      await Promise.all([recomputeQueue.close(), scheduledQueue.close()]);
      workerConnection.disconnect();
      producer.disconnect();
    },
  };
}

async function main() {
  process.env.TZ = "UTC";
  const { REDIS_URL } = env();
  if (!REDIS_URL) throw new Error("REDIS_URL is not set: without Redis the jobs run inside the server (npm run demo) or via npm run aggregate.");
  const connection = getConnection();
  const workers = await startWorkers(connection.db, REDIS_URL);
  const shutdown = async (signal: string) => {
    console.log(`${signal}: closing workers (running jobs finish first)`);
    await workers.close();
    await connection.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(maskCpr(error instanceof Error ? error.message : String(error)));
    process.exit(1);
  });
}
