// Redis connections for BullMQ (STACK-NOTES): workers block on Redis and must never give up on a
// command (maxRetriesPerRequest null); producers fail fast instead of queueing commands offline.
import { Redis } from "ioredis";

export type ConnectionRole = "worker" | "producer";

export function createRedisConnection(url: string, role: ConnectionRole): Redis {
  return role === "worker"
    ? new Redis(url, { maxRetriesPerRequest: null })
    : new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
}

/** Waits until a producer connection is ready (it refuses commands before that). */
export async function ready(redis: Redis): Promise<void> {
  if (redis.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    redis.once("ready", () => resolve());
    redis.once("error", reject);
  });
}

/**
 * BullMQ loses jobs silently when Redis evicts keys under memory pressure: anything but
 * noeviction is a misconfiguration worth a loud warning at start.
 */
export async function evictionPolicyWarning(redis: Redis): Promise<string | null> {
  const reply = (await redis.config("GET", "maxmemory-policy")) as string[];
  const policy = reply[1] ?? "unknown";
  return policy === "noeviction"
    ? null
    : `Redis maxmemory-policy is "${policy}", not "noeviction": queued jobs may be evicted under memory pressure.`;
}
