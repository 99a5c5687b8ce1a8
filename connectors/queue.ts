// "Synkronisér nu" / "Fuld resynkronisering" from the admin page, as a job: the request writes the
// run's connection_runs row ("queued") and hands the sync to the BullMQ worker (REDIS_URL) or to
// this process (the embedded default), then answers at once. The job marks the row "running" and
// finishes it as any sync does (connectors/sync.ts); the page shows the row's state. How the sync
// is enqueued (Redis or in-process) is the jobs layer's (jobs/connectors/sync-now.ts).
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../db/client";
import { connectionRuns, connections, RUN_STATES } from "../db/schema";
import { maskCpr } from "../import/cpr";
import type { JobContext } from "../domain/schedules";
import { ConnectorError } from "./contract";
import { syncConnection, type SyncResult } from "./sync";

export const CONNECTOR_SYNC_NOW_JOB = "connector-sync-now";

/** A queued or running run older than this is taken for lost (its process died) and no longer blocks a new one. */
export const ACTIVE_RUN_HOURS = 2;

export const SyncNowPayload = z.object({
  runId: z.number().int().positive(),
  name: z.string().min(1).max(40),
  full: z.boolean(),
  userId: z.number().int().positive().nullable(),
});
export type SyncNowPayload = z.infer<typeof SyncNowPayload>;

export interface QueuedSync {
  runId: number;
  /** True when the connection already had a queued or running run: that run is shown, no new one is queued. */
  alreadyActive: boolean;
}

export interface Enqueue {
  (payload: SyncNowPayload): Promise<void>;
}

/** Writes the queued run (unless one is already active for the connection) and enqueues it. */
export async function queueSync(db: Database, input: { name: string; full: boolean; userId: number | null }, enqueue: Enqueue): Promise<QueuedSync> {
  const [connection] = await db.select({ id: connections.id, enabled: connections.enabled }).from(connections).where(eq(connections.name, input.name));
  if (!connection) throw new ConnectorError("config", `no connection named "${input.name}"`);
  if (!connection.enabled) throw new ConnectorError("config", `the connection "${input.name}" is disabled`);
  const [active] = await db.select({ id: connectionRuns.id }).from(connectionRuns).where(and(
    eq(connectionRuns.connectionId, connection.id),
    inArray(connectionRuns.outcome, [...RUN_STATES]),
    gt(connectionRuns.startedAt, sql`now() - make_interval(hours => ${ACTIVE_RUN_HOURS})`),
  )).limit(1);
  if (active) return { runId: active.id, alreadyActive: true };
  const [run] = await db.insert(connectionRuns).values({ connectionId: connection.id, full: input.full, actor: "web", outcome: "queued" })
    .returning({ id: connectionRuns.id });
  try {
    await enqueue({ runId: run.id, name: input.name, full: input.full, userId: input.userId });
  } catch (error) {
    await failRun(db, run.id, `the sync could not be queued: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  return { runId: run.id, alreadyActive: false };
}

async function failRun(db: Database, runId: number, detail: string): Promise<void> {
  await db.update(connectionRuns).set({ outcome: "failed", finishedAt: new Date(), problem: { kind: "internal", detail: maskCpr(detail).slice(0, 500) } })
    .where(eq(connectionRuns.id, runId));
}

/** The job: the sync on its queued run, then the recomputations an accepted import asked for. */
export async function processSyncNow(ctx: JobContext<Database>, data: unknown): Promise<{ run: number; outcome: string; rowsChanged: number; dispatched: number }> {
  const payload = SyncNowPayload.parse(data);
  let result: SyncResult;
  try {
    result = await syncConnection(ctx.db, payload.name, { full: payload.full, actor: "web", userId: payload.userId, today: ctx.today, runId: payload.runId });
  } catch (error) {
    // Not a source's problem (those end the run inside syncConnection): the run must not stay "running".
    await failRun(ctx.db, payload.runId, error instanceof Error ? error.message : String(error));
    throw error;
  }
  const dispatched = result.outcome === "accepted" ? await ctx.dispatch() : 0;
  return { run: result.runId, outcome: result.outcome, rowsChanged: result.rowsChanged, dispatched };
}
