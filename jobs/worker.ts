// `npm run worker`: the worker process. Registers one worker per queue, upserts the schedules,
// dispatches what is already waiting in Postgres, logs failures, and closes cleanly on SIGTERM.
// Any number of these may run on any number of machines against one Redis and one Postgres.
import { maskCpr } from "../import/cpr";
import { pathToFileURL } from "node:url";
import { env, businessDate } from "../env";
import { getConnection, type Database } from "../db/client";
import { SCHEDULE_TIME_ZONE, cronPattern } from "../domain/schedules";
import { processRecomputeJob } from "./recompute/job";
import { dispatchPending } from "./dispatch";
import { SCHEDULED_JOBS } from "./registry";
import { processScheduledJob } from "./scheduled";
import { createRedisConnection, evictionPolicyWarning, ready } from "./connection";
import { createQueue, createWorker, QUEUES } from "./queues";

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

  const recomputeWorker = createWorker(QUEUES.recompute, (job) => processRecomputeJob(job, db, businessDate()), workerOptions);
  const scheduledWorker = createWorker(QUEUES.scheduled, (job) =>
    processScheduledJob(job, { db, today: businessDate(), dispatch: () => dispatchPending(db, recomputeQueue) }), workerOptions);

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
