// "Synkronisér nu" as a job, in process (no Redis): the request writes a queued run and returns at
// once; the job marks it running and finishes it; one active run per connection; a run left behind
// by a dead process is shown as lost and no longer blocks. (With Redis: ops-bullmq.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows } from "../../db/client";
import { connectionRuns } from "../../db/schema";
import { queueSync, type SyncNowPayload } from "../../connectors/queue";
import { enqueueSyncNow } from "../../jobs/connectors/sync-now";
import { connectionsPage } from "../../app/lib/connections.server";
import { CONTRACT_DIR, TODAY, addConnection } from "./connectors-helpers";

let database: TestDatabase;
let folder: string;

async function runRow(id: number) {
  const [row] = await database.db.select().from(connectionRuns).where(eq(connectionRuns.id, id));
  return row;
}

async function waitFinished(id: number) {
  for (let i = 0; i < 200; i++) {
    const row = await runRow(id);
    if (row.outcome !== "queued" && row.outcome !== "running") return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${id} did not finish`);
}

beforeAll(async () => {
  database = await createTestDatabase("con_now");
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "con-now-"));
  await fs.copyFile(path.join(CONTRACT_DIR, "units.csv"), path.join(folder, "units.csv"));
  await addConnection(database.db, "mappe", "file", { kind: "units", folder });
});

afterAll(async () => {
  await database?.drop();
  if (folder) await fs.rm(folder, { recursive: true, force: true });
});

describe("sync now as a job", () => {
  it("answers with a queued run, and the job finishes it with the sync's result, recorded in job_runs", async () => {
    const queued = await queueSync(database.db, { name: "mappe", full: false, userId: null }, enqueueSyncNow(database.db, { today: TODAY, log: () => {} }));
    expect(queued.alreadyActive).toBe(false);
    // The request is over before the sync is: the row exists and is not finished.
    expect(["queued", "running"]).toContain((await runRow(queued.runId)).outcome);
    const done = await waitFinished(queued.runId);
    expect(done).toMatchObject({ outcome: "accepted", actor: "web", full: false, problem: null });
    expect(done.rowsRead).toBeGreaterThan(0);
    expect(done.finishedAt).not.toBeNull();
    expect(await queryRows(database.db, sql`select count(*)::int as n from connection_runs`)).toEqual([{ n: 1 }]);
    // job_runs is finished just after the sync (after the recomputations it dispatched).
    let jobs: { status: string }[] = [];
    for (let i = 0; i < 200 && jobs[0]?.status !== "completed"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      jobs = await queryRows<{ status: string }>(database.db, sql`select status from job_runs where job = 'connector-sync-now' and job_id = ${`connector-sync-now-run${queued.runId}`}`);
    }
    expect(jobs).toEqual([{ status: "completed" }]);
    const page = await connectionsPage(database.db);
    expect(page.runs[0]).toMatchObject({ id: queued.runId, outcome: "accepted", active: false });
  });

  it("queues one run per connection at a time; a run lost by a dead process no longer blocks", async () => {
    const sent: SyncNowPayload[] = [];
    const hold = async (payload: SyncNowPayload) => { sent.push(payload); };
    const first = await queueSync(database.db, { name: "mappe", full: true, userId: null }, hold);
    const again = await queueSync(database.db, { name: "mappe", full: false, userId: null }, hold);
    expect(again).toEqual({ runId: first.runId, alreadyActive: true });
    expect(sent).toEqual([{ runId: first.runId, name: "mappe", full: true, userId: null }]);
    let page = await connectionsPage(database.db);
    expect(page.connections[0].active).toBe(true);
    expect(page.runs[0]).toMatchObject({ id: first.runId, outcome: "queued", active: true, full: true });

    await database.db.update(connectionRuns).set({ startedAt: sql`now() - interval '3 hours'` }).where(eq(connectionRuns.id, first.runId));
    page = await connectionsPage(database.db);
    expect(page.runs.find((r) => r.id === first.runId)).toMatchObject({ outcome: "lost", active: false });
    const next = await queueSync(database.db, { name: "mappe", full: false, userId: null }, hold);
    expect(next.alreadyActive).toBe(false);
    expect(next.runId).not.toBe(first.runId);
  });

  it("a sync that cannot be queued fails its run and says why; an unknown connection queues nothing", async () => {
    await database.db.execute(sql`update connection_runs set outcome = 'failed' where outcome in ('queued', 'running')`);
    await expect(queueSync(database.db, { name: "mappe", full: false, userId: null }, async () => { throw new Error("Redis is down"); })).rejects.toThrow(/Redis is down/);
    const [last] = await queryRows<{ outcome: string; detail: string }>(database.db, sql`select outcome, problem->>'detail' as detail from connection_runs order by id desc limit 1`);
    expect(last).toEqual({ outcome: "failed", detail: "the sync could not be queued: Redis is down" });
    await expect(queueSync(database.db, { name: "ingen", full: false, userId: null }, async () => {})).rejects.toThrow(/no connection named/);
  });
});
