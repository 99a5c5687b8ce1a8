// The in-process runtime (no REDIS_URL): requests inserted by an import are picked up by polling
// and run with the same processors; a request already done is never run twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows, type Database } from "../../db/client";
import { startJobRuntime } from "../../jobs/runtime";
import { createRecomputeRequest } from "../../db/recompute-requests";
import { processRecomputeRequest } from "../../jobs/recompute/job";
import { runOpenRequestsInline } from "../../jobs/inline";
import { generateFixture, insertFixture } from "./jobs-fixture";

let tdb: TestDatabase;
let db: Database;

beforeAll(async () => {
  tdb = await createTestDatabase("jobs_rt");
  db = tdb.db;
  await insertFixture(db, generateFixture(3, { teamsPerDept: 2, employees: 20, cases: 150 }));
});

afterAll(async () => {
  await tdb?.drop();
});

const statusOf = async (id: number) => (await queryRows<{ status: string }>(db, sql`select status from recompute_requests where id = ${id}`))[0].status;

describe("in-process job runtime", () => {
  it("runs a pending request by polling, without Redis, and records the run", async () => {
    const runtime = await startJobRuntime(db, { pollMs: 100, redisUrl: "", log: () => {} });
    expect(runtime.mode).toBe("in-process");
    const id = await createRecomputeRequest(db, "import", { from: "2024-01-01", to: "2024-03-31" });
    const until = Date.now() + 20_000;
    while ((await statusOf(id)) !== "done" && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await runtime.stop();
    expect(await statusOf(id)).toBe("done");
    const [load] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from load_unit_week where week_start between '2024-01-01' and '2024-03-31'`);
    expect(load.n).toBeGreaterThan(0);
    const runs = await queryRows<{ status: string; details: { requestId: number } }>(db, sql`select status, details from job_runs where job = 'recompute'`);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", details: { requestId: id } });
  });

  it("does no work for a request that is already done", async () => {
    const id = await createRecomputeRequest(db, "import", { from: "2024-01-01", to: "2024-01-31" });
    expect(await runOpenRequestsInline(db, "2024-06-30")).toHaveLength(1);
    expect(await processRecomputeRequest(db, id, "2024-06-30")).toBeNull();
    expect(await runOpenRequestsInline(db, "2024-06-30")).toHaveLength(0);
    const [runs] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from job_runs where details->>'requestId' = ${String(id)}`);
    expect(runs.n).toBe(1);
  });
});
