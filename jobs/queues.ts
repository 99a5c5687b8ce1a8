// The queues, what each one carries (QueuePayloads), their default job options (in one place) and
// job ids. Jobs carry only pointers (a recompute request id, a connection run id); what must not be
// lost lives in Postgres.
import { Queue, Worker, type Job, type JobsOptions, type WorkerOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { SyncNowPayload } from "../connectors/queue";
import type { RecomputePayload } from "./recompute/job";
import { createRedisConnection, ready } from "./connection";

export const QUEUES = {
  /** One job per recompute request: recompute-<id>. */
  recompute: "recompute",
  /** Scheduled jobs: weekly aggregation, nightly catch-up, daily notifications; and a sync asked for from the admin page. */
  scheduled: "scheduled",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * The payload of each queue's jobs. A scheduled job carries nothing (its definition is found by
 * the job's name); a sync asked for from the admin page carries its run (connectors/queue.ts).
 */
export interface QueuePayloads {
  recompute: RecomputePayload;
  scheduled: Record<string, never> | SyncNowPayload;
}

/** Every type parameter given, so add() takes the queue's payload and any job name. */
export type TypedQueue<Q extends QueueName> = Queue<QueuePayloads[Q], unknown, string, QueuePayloads[Q], unknown, string>;
export type TypedJob<Q extends QueueName> = Job<QueuePayloads[Q]>;

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 10_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** BullMQ refuses ids with ':' and ids that are all digits; this one is neither and deterministic. */
export function recomputeJobId(requestId: number): string {
  return `recompute-${requestId}`;
}

export function createQueue<Q extends QueueName>(name: Q, connection: Redis): TypedQueue<Q> {
  return new Queue<QueuePayloads[Q], unknown, string, QueuePayloads[Q], unknown, string>(name, { connection, defaultJobOptions: DEFAULT_JOB_OPTIONS });
}

export function createWorker<Q extends QueueName>(
  name: Q, processor: (job: TypedJob<Q>) => Promise<unknown>, options: WorkerOptions,
): Worker<QueuePayloads[Q]> {
  return new Worker<QueuePayloads[Q]>(name, processor, options);
}

/** Adds one job from a process that does not otherwise talk to Redis (the web server's requests). */
export async function addOneJob<Q extends QueueName>(
  redisUrl: string, queueName: Q, name: string, data: QueuePayloads[Q], opts: JobsOptions,
): Promise<void> {
  const redis = createRedisConnection(redisUrl, "producer");
  try {
    await ready(redis);
    const queue = createQueue(queueName, redis);
    await queue.add(name, data, opts);
    await queue.close();
  } finally {
    redis.disconnect();
  }
}
