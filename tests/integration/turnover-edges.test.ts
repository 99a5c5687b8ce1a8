// Two edges of the HR rollups: periods after the last month hr_unit_month holds (the recompute
// fills months only up to today's month or the last date in the data), and a range recompute whose
// range starts on a 1st or ends on a month's last day (the events of the day before / after depend
// on it). Every expected figure is worked out by hand from METRICS.md in the comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows, type Database } from "../../db/client";
import { employees, employments, units } from "../../db/schema";
import { rebuildUnitClosure } from "../../db/unit-tree";
import { recomputeHr } from "../../jobs/recompute/stages/hr/recompute";
import { rollingTurnoverSeries, splitPeriod, turnoverTable } from "../../db/presenters/turnover";
import { buildTurnoverExport } from "../../exports/turnover";
import { tableToCsv } from "../../exports/table";
import type { IsoDate } from "../../domain/calendar";

const ORG = 1, CA = 2, TA1 = 4, TA2 = 5;
const TREE = [
  { id: ORG, code: "ORG", name: "Kommunen", parentId: null, kind: "organisation" as const },
  { id: CA, code: "CA", name: "Center A", parentId: ORG, kind: "centre" as const },
  { id: TA1, code: "TA1", name: "Team A1", parentId: CA, kind: "team" as const },
  { id: TA2, code: "TA2", name: "Team A2", parentId: CA, kind: "team" as const },
];

type Job = typeof employments.$inferInsert;
const job = (employeeId: string, unitId: number, startDate: IsoDate, endDate: IsoDate | null, endReason: string | null, isManager = false): Job =>
  ({ employeeId, unitId, role: isManager ? "manager" : "caseworker", isManager, fte: 1, startDate, endDate, endReason } as Job);

async function load(db: Database, jobs: Job[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(units).values(TREE);
    await rebuildUnitClosure(tx);
    await tx.insert(employees).values([...new Set(jobs.map((j) => j.employeeId))].map((id) => ({ id })));
    await tx.insert(employments).values(jobs);
  });
}

/** The export's lines for the whole organisation (header dropped), as `npm run export` writes them. */
async function exportLines(db: Database, from: IsoDate, to: IsoDate): Promise<string[]> {
  return tableToCsv(await buildTurnoverExport(db, { from, to })).toString("utf8").slice(1).trimEnd().split("\r\n").slice(1);
}

describe("splitting a period past the last month hr_unit_month holds", () => {
  it("a period wholly after it is one piece counted from that month's opening", () => {
    expect(splitPeriod("2027-01-01", "2027-12-31", "2026-11-01")).toEqual({
      wholeMonths: null, pieces: [{ month: "2026-11-01", from: "2027-01-01", to: "2027-12-31" }],
    });
  });

  it("the held months stay whole, the days after them are one piece from the last held month", () => {
    expect(splitPeriod("2026-01-01", "2026-12-31", "2026-11-01")).toEqual({
      wholeMonths: { first: "2026-01-01", last: "2026-11-01" },
      pieces: [{ month: "2026-11-01", from: "2026-12-01", to: "2026-12-31" }],
    });
  });

  it("a cut last held month runs on into the days after it", () => {
    expect(splitPeriod("2026-11-20", "2027-01-05", "2026-11-01")).toEqual({
      wholeMonths: null, pieces: [{ month: "2026-11-01", from: "2026-11-20", to: "2027-01-05" }],
    });
    expect(splitPeriod("2026-10-20", "2027-01-05", "2026-11-01")).toEqual({
      wholeMonths: { first: "2026-11-01", last: "2026-11-01" },
      pieces: [{ month: "2026-10-01", from: "2026-10-20", to: "2026-10-31" }, { month: "2026-11-01", from: "2026-12-01", to: "2027-01-05" }],
    });
  });

  it("inside the held months nothing changes", () => {
    expect(splitPeriod("2023-03-15", "2023-05-10", "2026-11-01")).toEqual(splitPeriod("2023-03-15", "2023-05-10"));
  });
});

describe("periods after the last recomputed month keep their headcount", () => {
  // Today 2026-11-23. Everyone at ORG itself:
  //   P from 2024-01-01, open-ended                 (staff)
  //   T 2024-01-01 – 2026-11-15, dismissal          (staff; departure 15 Nov, step −1 on 16 Nov)
  //   S from 2026-11-10, open-ended, as manager     (staff and manager; hire 10 Nov, a step after 1 Nov)
  // Last date in the data is 2026-11-16 < today, so the recompute fills months up to November 2026.
  let database: TestDatabase;
  const savedToday = process.env.APP_TODAY;

  beforeAll(async () => {
    process.env.APP_TODAY = "2026-11-23";
    database = await createTestDatabase("turnover_edges_future");
    await load(database.db, [
      job("P", ORG, "2024-01-01", null, null),
      job("T", ORG, "2024-01-01", "2026-11-15", "dismissal"),
      job("S", ORG, "2026-11-10", null, null, true),
    ]);
    const result = await recomputeHr(database.db);
    expect(result.to).toBe("2026-11-30");
  }, 120_000);

  afterAll(async () => {
    if (savedToday === undefined) delete process.env.APP_TODAY;
    else process.env.APP_TODAY = savedToday;
    await database?.drop();
  });

  const orgFigures = async (from: IsoDate, to: IsoDate) => (await turnoverTable(database.db, null, from, to)).rows.find((r) => r.unit.id === ORG)!.current;

  it("a calendar year that runs past the last month counts every day", async () => {
    // 2026 (365 days): P 365; T 1 Jan – 15 Nov = 319; S 10 Nov – 31 Dec = 21 + 31 = 52 → 736.
    // 736 / 365 = 2.016… → 2,02; 1 departure (T) → 1 × 100 × 365 / 736 = 49.59… → 49,6; 1 hire (S).
    // Manager: S 52 days → 0.142… → 0,14; no manager departures → 0,0.
    const f = await orgFigures("2026-01-01", "2026-12-31");
    expect([f.headcountDays, f.departures, f.hires, f.managerHeadcountDays, f.managerHires]).toEqual([736, 1, 1, 52, 1]);
    expect(await exportLines(database.db, "2026-01-01", "2026-12-31")).toEqual([
      "ORG;Kommunen;2026-01-01;2026-12-31;2,02;1;49,6;0,14;0;0,0;0;0;1",
      "CA;Center A;2026-01-01;2026-12-31;0,00;0;;0,00;0;;0;0;0",
      "TA1;Team A1;2026-01-01;2026-12-31;0,00;0;;0,00;0;;0;0;0",
      "TA2;Team A2;2026-01-01;2026-12-31;0,00;0;;0,00;0;;0;0;0",
    ]);
  });

  it("a year wholly after it counts the people still employed", async () => {
    // 2027 (365 days): P and S every day → 730 → 2,00, no departures → 0,0; S as manager 365 → 1,00, 0,0.
    const f = await orgFigures("2027-01-01", "2027-12-31");
    expect([f.headcountDays, f.departures, f.hires, f.managerHeadcountDays]).toEqual([730, 0, 0, 365]);
    expect((await exportLines(database.db, "2027-01-01", "2027-12-31"))[0]).toBe("ORG;Kommunen;2027-01-01;2027-12-31;2,00;0;0,0;1,00;0;0,0;0;0;0");
  });

  it("a period cut inside the last month and running past it", async () => {
    // 20 Nov 2026 – 5 Jan 2027 = 11 + 31 + 5 = 47 days, P and S every day (T left 15 Nov) → 94.
    const f = await orgFigures("2026-11-20", "2027-01-05");
    expect([f.headcountDays, f.departures, f.managerHeadcountDays]).toEqual([94, 0, 47]);
    // 10 Oct 2026 – 20 Dec 2026 = 22 + 30 + 20 = 72 days: P 72; T 10 Oct – 15 Nov = 22 + 15 = 37;
    // S 10 Nov – 20 Dec = 21 + 20 = 41 → 150.
    const g = await orgFigures("2026-10-10", "2026-12-20");
    expect([g.headcountDays, g.departures, g.hires, g.managerHeadcountDays]).toEqual([150, 1, 1, 41]);
  });

  it("the rolling 12-month series counts the months after it too", async () => {
    const series = await rollingTurnoverSeries(database.db, ORG, 3, "2027-02-01");
    expect(series.map((p) => p.month)).toEqual(["2026-12-01", "2027-01-01", "2027-02-01"]);
    // Ending Feb 2027: 1 Mar 2026 – 28 Feb 2027, 365 days. P 365; T 1 Mar – 15 Nov 2026 =
    // 31+30+31+30+31+31+30+31 + 15 = 260; S 10 Nov 2026 – 28 Feb 2027 = 21+31+31+28 = 111 → 736.
    // 736 / 365 = 2.0164…; 1 departure → 1 × 100 × 365 / 736 = 49.59…; manager S 111 / 365.
    const last = series[2];
    expect(last.avgHeadcount).toBeCloseTo(736 / 365, 12);
    expect(last.departures).toBe(1);
    expect(last.turnoverPct).toBeCloseTo((100 * 365) / 736, 12);
    expect(last.managerAvgHeadcount).toBeCloseTo(111 / 365, 12);
    // Ending Dec 2026: calendar 2026, the 736 headcount-days above.
    expect(series[0].avgHeadcount).toBeCloseTo(736 / 365, 12);
  });
});

describe("a range recompute next to unchanged days gives the rows of a full recompute", () => {
  // ORG > CA > TA1, TA2. P in TA1 2023-01-01 – 2024-02-29 (resignation); Q in TA1 2023-01-01 –
  // 2024-03-31 and again from 2024-04-01, open (one merged span: no events in 2024).
  let database: TestDatabase;

  const dump = async (db: Database) => ({
    events: await queryRows(db, sql`select * from hr_events order by unit_id, population, kind, event_date, employee_id`),
    steps: await queryRows(db, sql`select * from hr_headcount_steps order by unit_id, population, change_date`),
    months: await queryRows(db, sql`select * from hr_unit_month order by unit_id, month`),
  });
  const figures2024 = async (db: Database) => {
    const report = await turnoverTable(db, null, "2024-01-01", "2024-12-31", { withPrevious: false });
    return Object.fromEntries(report.rows.map((r) => [r.unit.code, {
      departures: r.current.departures, voluntary: r.current.voluntaryDepartures, internal: r.current.internalTransfersOut, hires: r.current.hires,
    }]));
  };

  /** The rows the range recompute left are exactly those a full recompute writes. */
  const expectSameAsFullRecompute = async (db: Database) => {
    const afterRange = await dump(db);
    await recomputeHr(db);
    expect(afterRange).toEqual(await dump(db));
  };

  beforeAll(async () => {
    database = await createTestDatabase("turnover_edges_range");
    await load(database.db, [
      job("P", TA1, "2023-01-01", "2024-02-29", "resignation"),
      job("Q", TA1, "2023-01-01", "2024-03-31", "other"),
      job("Q", TA1, "2024-04-01", null, null),
    ]);
    await recomputeHr(database.db);
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  it("a job imported from the 1st turns the departure the day before into an internal transfer", async () => {
    const db = database.db;
    // The import adds P's TA2 job from 2024-03-01 and asks for [2024-03-01, open].
    await db.insert(employments).values(job("P", TA2, "2024-03-01", null, null));
    await recomputeHr(db, { from: "2024-03-01" });
    // P is employed in ORG and CA on 1 March, so 29 Feb is no departure there; for TA1 it is a
    // departure to a unit outside TA1 while still employed: internal, hence not voluntary.
    // TA2: P's span there starts 1 March → a hire. Q: one span, nothing in 2024.
    expect(await figures2024(db)).toEqual({
      ORG: { departures: 0, voluntary: 0, internal: 0, hires: 0 },
      CA: { departures: 0, voluntary: 0, internal: 0, hires: 0 },
      TA1: { departures: 1, voluntary: 0, internal: 1, hires: 0 },
      TA2: { departures: 0, voluntary: 0, internal: 0, hires: 1 },
    });
    await expectSameAsFullRecompute(db);
  });

  it("a job shortened to mid-month turns the next job's start on the 1st after the range into a hire", async () => {
    const db = database.db;
    // The import shortens Q's first job to 2024-03-15 and asks for [2023-01-01, 2024-03-31].
    await db.execute(sql`update employments set end_date = '2024-03-15' where employee_id = 'Q' and start_date = '2023-01-01'`);
    await recomputeHr(db, { from: "2023-01-01", to: "2024-03-31" });
    // Q is gone 16–31 March: a departure on 15 March ("other", external) and a hire on 1 April in
    // ORG, CA and TA1. P as in the test before (TA1 internal departure, TA2 hire).
    expect(await figures2024(db)).toEqual({
      ORG: { departures: 1, voluntary: 0, internal: 0, hires: 1 },
      CA: { departures: 1, voluntary: 0, internal: 0, hires: 1 },
      TA1: { departures: 2, voluntary: 0, internal: 1, hires: 1 },
      TA2: { departures: 0, voluntary: 0, internal: 0, hires: 1 },
    });
    await expectSameAsFullRecompute(db);
  });
});
