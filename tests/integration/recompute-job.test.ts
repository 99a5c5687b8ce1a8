// The recompute queue's processor without Redis: a hand-built job-like object (what BullMQ hands
// the worker) runs its request, a duplicate delivery does nothing, a bad payload is refused, and a
// failure leaves the request pending while attempts remain and failed on the last one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows, type Database } from "../../db/client";
import { createRecomputeRequest } from "../../db/recompute-requests";
import { processRecomputeJob, RECOMPUTE_JOB, type RecomputeJobLike } from "../../jobs/recompute/job";
import { recomputeJobId } from "../../jobs/queues";
import { generateFixture, insertFixture } from "./jobs-fixture";

const TODAY = "2024-06-30";
let tdb: TestDatabase;
let db: Database;

beforeAll(async () => {
  tdb = await createTestDatabase("recompute_job");
  db = tdb.db;
  await insertFixture(db, generateFixture(5, { teamsPerDept: 2, employees: 12, cases: 80 }));
});

afterAll(async () => {
  await tdb?.drop();
});

const jobFor = (requestId: number, attemptsMade = 0, attempts = 5): RecomputeJobLike =>
  ({ id: recomputeJobId(requestId), data: { requestId }, attemptsMade, opts: { attempts } });

const requestRow = async (id: number) => (await queryRows<{ status: string; attempts: number; error: string | null }>(db, sql`
  select status, attempts, error from recompute_requests where id = ${id}`))[0];

const runsOf = (id: number) => queryRows<{ status: string; jobId: string | null; error: string | null }>(db, sql`
  select status, job_id as "jobId", error from job_runs where job = ${RECOMPUTE_JOB} and details->>'requestId' = ${String(id)} order by id`);

describe("the recompute job's processor", () => {
  it("runs the request of a job, records the run under the job's id, and skips a duplicate delivery", async () => {
    const id = await createRecomputeRequest(db, "import:case-periods", { from: "2024-03-04", to: "2024-03-31" });
    const summary = await processRecomputeJob(jobFor(id), db, TODAY);
    expect(summary).toMatchObject({ fromWeek: "2024-03-04", toWeek: "2024-03-25" });
    expect(summary!.unitWeeks).toBeGreaterThan(0);
    expect(await requestRow(id)).toMatchObject({ status: "done", attempts: 1, error: null });
    expect(await runsOf(id)).toEqual([{ status: "completed", jobId: `recompute-${id}`, error: null }]);

    expect(await processRecomputeJob(jobFor(id, 1), db, TODAY)).toBeNull();
    expect(await requestRow(id)).toMatchObject({ status: "done", attempts: 1 });
    expect(await runsOf(id)).toHaveLength(1);
  });

  it("refuses a payload without a request id before touching the database", async () => {
    await expect(processRecomputeJob({ id: "x", data: { requestId: "7" }, attemptsMade: 0, opts: {} }, db, TODAY)).rejects.toThrow();
    await expect(processRecomputeJob({ id: "x", data: {}, attemptsMade: 0, opts: {} }, db, TODAY)).rejects.toThrow();
  });

  it("keeps a failed request pending while attempts remain, and fails it on the last", async () => {
    const id = await createRecomputeRequest(db, "import:case-periods", { from: "2024-03-04", to: "2024-03-10" });
    // An impossible today fails the recomputation after the request is claimed.
    await expect(processRecomputeJob(jobFor(id, 0, 2), db, "not-a-date")).rejects.toThrow();
    expect(await requestRow(id)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await requestRow(id)).error).toBeTruthy();

    await expect(processRecomputeJob(jobFor(id, 1, 2), db, "not-a-date")).rejects.toThrow();
    expect(await requestRow(id)).toMatchObject({ status: "failed", attempts: 2 });
    expect((await runsOf(id)).map((r) => r.status)).toEqual(["failed", "failed"]);

    // A later delivery (a sweep) still runs it: failed is not done.
    expect(await processRecomputeJob(jobFor(id, 0, 1), db, TODAY)).not.toBeNull();
    expect(await requestRow(id)).toMatchObject({ status: "done", attempts: 3, error: null });
  });
});
