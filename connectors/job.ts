// The nightly connector job: every enabled, scheduled connection is synced (02:00 Copenhagen),
// then the recomputations its imports asked for are dispatched. Runs in the BullMQ worker (a job
// scheduler upserted with upsertJobScheduler) or in the in-process runtime without Redis.
import type { Database } from "../db/client";
import type { ScheduledJob } from "../domain/schedules";
import { syncScheduled } from "./sync";

export const CONNECTOR_SYNC_JOB = "connector-sync";

export const connectorSyncJob: ScheduledJob<Database> = {
  name: CONNECTOR_SYNC_JOB,
  schedule: { hour: 2, minute: 0 },
  async process(ctx) {
    const results = await syncScheduled(ctx.db, { actor: "job:connector-sync", today: ctx.today });
    const dispatched = results.some((r) => r.outcome === "accepted") ? await ctx.dispatch() : 0;
    return {
      dispatched,
      connections: results.map((r) => ({ name: r.connection, outcome: r.outcome, problem: r.problem?.detail ?? null, rowsChanged: r.rowsChanged })),
    };
  },
};
