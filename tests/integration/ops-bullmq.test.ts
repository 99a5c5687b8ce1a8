// The jobs page and "run now" with Redis: the worker registers every schedule with BullMQ, the page
// reads the next run from BullMQ's schedulers, and run now puts the job on the queue the worker
// runs, recorded in job_runs like any run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import IORedis from "ioredis";
import { Queue } from "bullmq";
import { createTestDatabase, requireService, TEST_REDIS_URL, type TestDatabase } from "../helpers/services";
import { queryRows } from "../../db/client";
import { startWorkers, type RunningWorkers } from "../../jobs/worker";
import { runJobNow } from "../../jobs/run-now";
import { jobsPage } from "../../db/presenters/jobs";
import { nextRunAt } from "../../domain/schedules";
import { SCHEDULED_JOBS } from "../../jobs/registry";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { queueSync } from "../../connectors/queue";
import { enqueueSyncNow } from "../../jobs/connectors/sync-now";

let database: TestDatabase;
let workers: RunningWorkers | undefined;

async function clearQueues() {
  const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  for (const name of ["scheduled", "recompute"]) {
    const queue = new Queue(name, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  connection.disconnect();
}

beforeAll(async () => {
  await requireService("redis");
  database = await createTestDatabase("ops_bull");
  await clearQueues();
  workers = await startWorkers(database.db, TEST_REDIS_URL, () => {});
}, 60_000);

afterAll(async () => {
  await workers?.close();
  await clearQueues();
  await database?.drop();
});

describe("with Redis", () => {
  it("shows each schedule's next run as BullMQ has it", async () => {
    const now = new Date();
    const page = await jobsPage(database.db, SCHEDULED_JOBS, TEST_REDIS_URL, 20, now);
    expect(page.schedules.map((s) => s.name)).toEqual(SCHEDULED_JOBS.map((j) => j.name));
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue("scheduled", { connection });
    const schedulers = new Map((await queue.getJobSchedulers(0, -1, true)).map((j) => [j.key, j.next]));
    await queue.close();
    connection.disconnect();
    for (const s of page.schedules) {
      expect(s.nextRunAt, s.name).toBe(new Date(schedulers.get(s.name)!).toISOString());
      const schedule = SCHEDULED_JOBS.find((j) => j.name === s.name)!.schedule;
      // The page's own computation agrees with BullMQ's cron (the 5-minute one may be a slot on).
      if (!("everyMinutes" in schedule)) expect(s.nextRunAt, s.name).toBe(nextRunAt(schedule, now).toISOString());
    }
    expect(page.queues?.map((q) => q.name)).toContain("scheduled");
  });

  it("runs a job now through the worker and records the run", async () => {
    const started = await runJobNow(database.db, "notifications", { redisUrl: TEST_REDIS_URL, today: "2025-06-16" });
    expect(started.mode).toBe("bullmq");
    let runs: { status: string }[] = [];
    for (let i = 0; i < 100 && runs[0]?.status !== "completed"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      runs = await queryRows(database.db, sql`select status from job_runs where job = 'notifications' and job_id = ${started.jobId}`);
    }
    expect(runs).toEqual([{ status: "completed" }]);
  });

  it("runs a connection sync asked for from the admin page through the worker, on its queued run", async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), "ops-bull-con-"));
    try {
      await fs.writeFile(path.join(folder, "units.csv"), "unit_code,name,parent_code,kind\nORG,Kommunen,,organisation\n");
      await database.db.execute(sql`insert into connections (name, source, settings) values ('mappe', 'file', ${JSON.stringify({ kind: "units", folder })}::jsonb)`);
      const queued = await queueSync(database.db, { name: "mappe", full: false, userId: null }, enqueueSyncNow(database.db, { redisUrl: TEST_REDIS_URL, today: "2025-06-16" }));
      let run: { outcome: string; rows: number }[] = [];
      for (let i = 0; i < 100 && !["accepted", "unchanged", "failed"].includes(run[0]?.outcome); i++) {
        await new Promise((r) => setTimeout(r, 100));
        run = await queryRows(database.db, sql`select outcome, rows_read as rows from connection_runs where id = ${queued.runId}`);
      }
      expect(run).toEqual([{ outcome: "accepted", rows: 1 }]);
      let jobs: { status: string }[] = [];
      for (let i = 0; i < 100 && jobs[0]?.status !== "completed"; i++) {
        jobs = await queryRows(database.db, sql`select status from job_runs where job = 'connector-sync-now' and job_id = ${`connector-sync-now-run${queued.runId}`}`);
        if (jobs[0]?.status !== "completed") await new Promise((r) => setTimeout(r, 100));
      }
      expect(jobs).toEqual([{ status: "completed" }]);
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});
