// Fault test with real processes: a worker killed with SIGKILL mid-job leaves the rollups as they
// were; Redis is then restarted empty (the job is gone), a new worker re-dispatches the durable
// request from Postgres and finishes it; the tables equal those of a clean inline run.
// Redis here is a private redis-server on its own port, so the shared one is never disturbed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows, type Database } from "../../db/client";
import { runAggregation, ROLLUP_TABLES } from "../../jobs/recompute/pipeline";
import { createRecomputeRequest } from "../../db/recompute-requests";
import { RECOMPUTE_JOB } from "../../jobs/recompute/job";
import { createQueue, QUEUES, recomputeJobId } from "../../jobs/queues";
import { evictionPolicyWarning } from "../../jobs/connection";
import { generateFixture, insertFixture, rollupRows } from "./jobs-fixture";

const TODAY = "2024-06-30";
const PORT = 20000 + (process.pid % 20000);
const REDIS_URL = `redis://127.0.0.1:${PORT}`;

let tdb: TestDatabase;
let db: Database;
let redisProcess: ChildProcess | undefined;
const workers: ChildProcess[] = [];
const redisDir = fs.mkdtempSync(path.join(os.tmpdir(), "jobs-fault-redis-"));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, everyMs = 25): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function startRedis(): Promise<void> {
  redisProcess = spawn("redis-server", ["--port", String(PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir, "--maxmemory-policy", "noeviction"], { stdio: "ignore" });
  await waitFor("redis", async () => {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    probe.on("error", () => {});
    try {
      await probe.connect();
      return (await probe.ping()) === "PONG";
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  });
}

async function killRedis(): Promise<void> {
  const proc = redisProcess;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  proc.kill("SIGKILL");
  await exited;
}

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      ...process.env, TZ: "UTC", DATABASE_URL: tdb.url, REDIS_URL, APP_TODAY: TODAY,
      WORKER_LOCK_DURATION_MS: "2000", WORKER_STALLED_INTERVAL_MS: "1000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", () => {});
  child.stderr?.on("data", () => {});
  workers.push(child);
  return child;
}

async function requestStatus(id: number): Promise<string> {
  const [row] = await queryRows<{ status: string }>(db, sql`select status from recompute_requests where id = ${id}`);
  return row.status;
}

async function rollupCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ROLLUP_TABLES) out[t] = (await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${t}`)))[0].n;
  return out;
}

beforeAll(async () => {
  // The clean inline run must see the same "today" as the worker processes.
  process.env.APP_TODAY = TODAY;
  tdb = await createTestDatabase("jobs_fault");
  db = tdb.db;
  // Big enough that the recomputation takes a while, so the kill lands inside it.
  await insertFixture(db, generateFixture(11, { teamsPerDept: 10, employees: 300, cases: 6_000 }));
  await startRedis();
});

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  await killRedis();
  fs.rmSync(redisDir, { recursive: true, force: true });
  await tdb?.drop();
});

describe("a worker killed mid-job and a Redis restart lose nothing", () => {
  it("re-dispatches the durable request and writes exactly the rows of a clean run", async () => {
    const before = await rollupCounts();
    expect(Object.values(before).every((n) => n === 0)).toBe(true);

    const requestId = await createRecomputeRequest(db, "test");
    const first = startWorker(); // dispatches the open request at start
    await waitFor("the job to start", async () => (await requestStatus(requestId)) === "running", 40_000, 10);
    await sleep(150); // inside the recomputation's transaction
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));

    // Killed mid-job: the request is still marked running and no rollup row was committed.
    expect(await requestStatus(requestId)).toBe("running");
    expect(await rollupCounts()).toEqual(before);

    // Redis restarts empty: the job is gone; only Postgres remembers the request.
    await killRedis();
    await startRedis();
    const second = startWorker();
    await waitFor("the request to finish", async () => (await requestStatus(requestId)) === "done", 60_000, 100);
    const afterFault = await rollupRows(db);
    expect(afterFault.load_unit_week.length).toBeGreaterThan(0);

    // A clean run from empty tables, inline, produces identical rows.
    await db.transaction(async (tx) => {
      for (const t of ROLLUP_TABLES) await tx.execute(sql.raw(`delete from ${t}`));
      await runAggregation(tx, {}, TODAY);
    });
    expect(await rollupRows(db)).toEqual(afterFault);

    const runs = await queryRows<{ status: string; error: string | null }>(db, sql`
      select status, error from job_runs where job = 'recompute' order by id`);
    // The killed worker's run is closed as interrupted when the request is taken up again.
    expect(runs).toEqual([{ status: "failed", error: expect.stringMatching(/^interrupted/) }, { status: "completed", error: null }]);

    // A duplicate dispatch of the same request (same deterministic id) does no work twice.
    const producer = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const queue = createQueue(QUEUES.recompute, producer);
    await queue.add(RECOMPUTE_JOB, { requestId }, { jobId: recomputeJobId(requestId) });
    await sleep(1500);
    await queue.close();
    producer.disconnect();
    const [completed] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from job_runs where job = 'recompute' and status = 'completed'`);
    expect(completed.n).toBe(1);

    // SIGTERM closes the worker cleanly.
    const exitCode = new Promise<number | null>((r) => second.once("exit", (code) => r(code)));
    second.kill("SIGTERM");
    expect(await exitCode).toBe(0);
  }, 120_000);

  it("warns when Redis may evict keys", async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      expect(await evictionPolicyWarning(redis)).toBeNull();
      await redis.config("SET", "maxmemory-policy", "allkeys-lru");
      expect(await evictionPolicyWarning(redis)).toMatch(/allkeys-lru.*noeviction/);
    } finally {
      await redis.config("SET", "maxmemory-policy", "noeviction");
      redis.disconnect();
    }
  }, 120_000);
});
