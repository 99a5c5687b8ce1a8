// The dispatcher: durable recompute requests in Postgres → BullMQ jobs with deterministic ids.
// Re-dispatching is always safe: an id already in Redis is not added twice, and a request whose
// job was lost (Redis restarted, worker killed) gets it back.
import type { Database } from "../db/client";
import { openRecomputeRequests } from "../db/recompute-requests";
import { RECOMPUTE_JOB } from "./recompute/job";
import { recomputeJobId, type TypedQueue } from "./queues";

export async function dispatchPending(db: Database, queue: TypedQueue<"recompute">): Promise<number> {
  const open = await openRecomputeRequests(db);
  if (open.length === 0) return 0;
  await queue.addBulk(open.map(({ id: requestId }) => ({
    name: RECOMPUTE_JOB,
    data: { requestId },
    opts: { jobId: recomputeJobId(requestId) },
  })));
  return open.length;
}
