// Recent weeks carried forward from the stored week before (jobs/recompute/stages/load/incremental.ts) must write
// exactly what the sweep writes, and must not be used while the stored week could be stale.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows, type Database } from "../../db/client";
import * as s from "../../db/schema";
import { createRecomputeRequest } from "../../db/recompute-requests";
import { processRecomputeRequest } from "../../jobs/recompute/job";
import { runAggregation } from "../../jobs/recompute/pipeline";
import { recomputeLoad, type WeekRange } from "../../jobs/recompute/stages/load/recompute";
import { carryForwardReady } from "../../jobs/recompute/stages/load/incremental";
import { addDays, weeksBetween } from "../../domain/calendar";
import { generateFixture, insertFixture, type Fixture } from "./jobs-fixture";

const TODAY = "2024-06-30";
let tdb: TestDatabase;
let db: Database;
let f: Fixture;

async function loadTables() {
  return {
    units: await queryRows(db, sql`select * from load_unit_week order by unit_id, week_start`),
    holders: await queryRows(db, sql`select * from load_caseworker_week order by unit_id, week_start, employee_id`),
  };
}

/** Recomputes the range's load in one transaction, carried forward or swept. */
async function recompute(range: WeekRange, carryForward: boolean) {
  return db.transaction((tx) => recomputeLoad(tx, range, TODAY, { carryForward }));
}

const ready = (range: WeekRange, requestId: number | null = null) =>
  db.transaction((tx) => carryForwardReady(tx, range, requestId));

beforeAll(async () => {
  tdb = await createTestDatabase("jobs_carry");
  db = tdb.db;
  f = generateFixture(11);
  await insertFixture(db, f);
  await db.transaction((tx) => runAggregation(tx, {}, TODAY));
});

afterAll(async () => {
  await tdb?.drop();
});

describe("carrying recent weeks forward", () => {
  it("writes, week by week and over longer ranges, exactly the rows the sweep writes", async () => {
    const swept = await loadTables();
    expect(swept.holders.length).toBeGreaterThan(100);
    // Every single week of the last 30 (each carried from the week before), then ranges of 2–9 weeks.
    const recent = weeksBetween(addDays(TODAY, -7 * 29), TODAY);
    const ranges: WeekRange[] = [
      ...recent.map((w) => ({ fromWeek: w, toWeek: w })),
      { fromWeek: recent[3], toWeek: recent[4] },
      { fromWeek: recent[10], toWeek: recent[18] },
      { fromWeek: recent[20], toWeek: recent.at(-1)! },
    ];
    let carried = 0;
    for (const range of ranges) {
      const result = await recompute(range, true);
      if (result.carriedForward) carried++;
      const after = await loadTables();
      expect(after.units, `units after carrying ${range.fromWeek}–${range.toWeek}`).toEqual(swept.units);
      expect(after.holders, `holders after carrying ${range.fromWeek}–${range.toWeek}`).toEqual(swept.holders);
    }
    expect(carried).toBe(ranges.length);
  });

  it("follows a change: a new open case, a closed one and a competence that arrives on a range's last Sunday", async () => {
    const team = f.teams[1];
    const week = "2024-05-06";
    // A holder with no competence for the type yet, so CF-1 is mismatched until 26 May.
    const competent = new Set(f.competences.filter((c) => c.caseType === "merudgifter").map((c) => c.employeeId));
    const holder = f.employments.find((e) => !competent.has(e.employeeId))?.employeeId;
    expect(holder).toBeDefined();
    const before = await loadTables();
    await db.insert(s.casePeriods).values([
      // Specialised, held without competence until the competence below arrives on Sunday 26 May.
      { caseId: "CF-1", periodStart: "2024-05-08", periodEnd: null, unitId: team, caseworkerId: holder!, caseType: "merudgifter", complexity: 3, emotionalFlags: ["vold_trusler"] },
      // Open over April, closed on Sunday 12 May.
      { caseId: "CF-2", periodStart: "2024-04-01", periodEnd: "2024-05-12", unitId: team, caseworkerId: null, caseType: "koersel", complexity: 1, emotionalFlags: [] },
    ]);
    await db.insert(s.competences).values({ employeeId: holder!, caseType: "merudgifter", validFrom: "2024-05-26" });
    // Sweep April (so the week before May is exact again), carry May forward, and compare with a
    // sweep of the same weeks.
    await recompute({ fromWeek: "2024-04-01", toWeek: "2024-04-29" }, false);
    const may: WeekRange = { fromWeek: week, toWeek: "2024-06-03" };
    await recompute(may, false);
    const swept = await loadTables();
    // Carried as one range, and week by week (the competence's Sunday is then the range's last day).
    expect((await recompute(may, true)).carriedForward).toBe(true);
    expect(await loadTables()).toEqual(swept);
    for (const w of weeksBetween(may.fromWeek, may.toWeek)) {
      expect((await recompute({ fromWeek: w, toWeek: w }, true)).carriedForward).toBe(true);
      expect(await loadTables(), `carried ${w}`).toEqual(swept);
    }
    const change = (w: string, k: string) => {
      const find = (t: typeof swept) => t.units.find((r) => r.unit_id === team && r.week_start === w) as Record<string, number>;
      return find(swept)[k] - find(before)[k];
    };
    // Week of 6 May (Sunday 12 May): both open, CF-2 closes that Sunday, CF-1 new and mismatched.
    expect([change(week, "open_cases"), change(week, "closed_cases"), change(week, "new_cases"), change(week, "mismatched_cases")]).toEqual([2, 1, 1, 1]);
    // Week of 13 May: CF-1 alone, still without the competence.
    expect([change("2024-05-13", "open_cases"), change("2024-05-13", "mismatched_cases")]).toEqual([1, 1]);
    // Week of 20 May (Sunday 26 May): the competence holds from that day, for CF-1 and any other such case of the holder.
    expect(change("2024-05-20", "open_cases")).toBe(1);
    expect(change("2024-05-20", "mismatched_cases")).toBeLessThanOrEqual(0);
  });
});

describe("when the stored week may not be carried forward", () => {
  const range: WeekRange = { fromWeek: "2024-06-10", toWeek: "2024-06-24" };

  it("is ready when every change is folded in and the week before is stored for every unit", async () => {
    expect(await ready(range)).toBe(true);
  });

  it("refuses while another recompute request is pending, running or failed, but not for the request itself", async () => {
    const id = await createRecomputeRequest(db, "import:case-periods", { from: "2023-02-01", to: "2023-03-01" });
    expect(await ready(range)).toBe(false);
    expect(await ready(range, id)).toBe(true);
    await db.execute(sql`update recompute_requests set status = 'failed' where id = ${id}`);
    expect(await ready(range)).toBe(false);
    // A full recompute finished after the failure has folded its change in.
    await db.execute(sql`insert into recompute_requests (source, status, started_at, finished_at) values ('cli', 'done', now(), now())`);
    expect(await ready(range)).toBe(true);
  });

  it("refuses when the week before the range is missing for a unit", async () => {
    await db.execute(sql`delete from load_unit_week where week_start = ${addDays(range.fromWeek, -7)}::date and unit_id = ${f.teams[0]}`);
    expect(await ready(range)).toBe(false);
    await recompute({ fromWeek: addDays(range.fromWeek, -7), toWeek: addDays(range.fromWeek, -7) }, false);
    expect(await ready(range)).toBe(true);
  });

  it("carries a short request forward through the job path, and sweeps a full one", async () => {
    const short = await createRecomputeRequest(db, "weekly", { from: "2024-06-17", to: "2024-06-30" });
    expect((await processRecomputeRequest(db, short, TODAY))?.carriedForward).toBe(true);
    const full = await createRecomputeRequest(db, "cli", {});
    expect((await processRecomputeRequest(db, full, TODAY))?.carriedForward).toBe(false);
  });
});
