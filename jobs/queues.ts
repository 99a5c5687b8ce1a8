// The queues, their default job options (in one place) and job ids. Jobs carry only pointers
// (a recompute request id); what must not be lost lives in Postgres.
import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";

export const QUEUES = {
  /** One job per recompute request: recompute-<id>. */
  recompute: "recompute",
  /** Scheduled jobs: weekly aggregation, nightly catch-up, daily notifications. */
  scheduled: "scheduled",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

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

export function createQueue(name: QueueName, connection: Redis): Queue {
  return new Queue(name, { connection, defaultJobOptions: DEFAULT_JOB_OPTIONS });
}
