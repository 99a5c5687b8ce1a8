// Hand-made edge cases of the weekly load sweep that generated data does not reach: a team whose
// only case opens and closes between two Sundays (it is open on no snapshot day, so it adds no
// delta, but it is one new and one closed case of its week).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows } from "../../db/client";
import { recomputeLoad } from "../../jobs/recompute/stages/load/recompute";
import { insertFixture, type Fixture } from "./jobs-fixture";

const TODAY = "2024-03-24";
let t: TestDatabase;

// ORG ⊃ D ⊃ {T1, T3}. T1 has staff and a case open on every Sunday; T3 has no staff and one case,
// C3, open Tuesday 2024-03-05 to Wednesday 2024-03-06 (ISO week 2024-W10, Monday 2024-03-04).
const FIXTURE: Fixture = {
  units: [
    { id: 1, parentId: null, code: "ORG", kind: "organisation" },
    { id: 2, parentId: 1, code: "D", kind: "department" },
    { id: 3, parentId: 2, code: "T1", kind: "team" },
    { id: 5, parentId: 2, code: "T3", kind: "team" },
  ],
  teams: [3, 5],
  employments: [
    { employeeId: "E1", unitId: 3, role: "caseworker", fte: 1, startDate: "2023-01-02", endDate: null, isManager: false, endReason: null },
  ],
  competences: [],
  periods: [
    { caseId: "C1", periodStart: "2023-01-02", periodEnd: null, unitId: 3, caseworkerId: "E1", caseType: "underretning", complexity: 1, emotionalFlags: [] },
    // Opens Monday and closes Saturday of W10: new and closed in W10, open on no Sunday.
    { caseId: "C2", periodStart: "2024-03-04", periodEnd: "2024-03-09", unitId: 3, caseworkerId: "E1", caseType: "underretning", complexity: 1, emotionalFlags: [] },
    { caseId: "C3", periodStart: "2024-03-05", periodEnd: "2024-03-06", unitId: 5, caseworkerId: null, caseType: "underretning", complexity: 1, emotionalFlags: [] },
  ],
  extraRoles: new Map(),
  thresholds: new Map(),
  // insertFixture writes at least one survey row; it plays no part here.
  surveys: [{ round: "r", closedOn: "2024-01-01", unitId: 3, dimension: "trivsel", score: 50, respondents: 5, invited: 5 }],
};

beforeAll(async () => {
  t = await createTestDatabase("jobs_load_edges");
  await insertFixture(t.db, FIXTURE);
});

afterAll(async () => {
  await t?.drop();
});

async function sweep(fromWeek: string, toWeek: string) {
  await t.db.transaction(async (tx) => {
    await recomputeLoad(tx, { fromWeek, toWeek }, TODAY, { carryForward: false });
  });
  return queryRows<{ code: string; open: number; n: number; c: number }>(t.db, sql`
    select u.code, l.open_cases as open, l.new_cases as n, l.closed_cases as c
    from load_unit_week l join units u on u.id = l.unit_id
    where l.week_start = '2024-03-04' order by u.code`);
}

// W10 by hand: T1 has C1 open on Sunday 03-10 (C2 closed Saturday), new C2, closed C2; T3 nothing
// open, new C3, closed C3; D and ORG sum both teams: open 1, new 2, closed 2.
const W10 = [
  { code: "D", open: 1, n: 2, c: 2 },
  { code: "ORG", open: 1, n: 2, c: 2 },
  { code: "T1", open: 1, n: 1, c: 1 },
  { code: "T3", open: 0, n: 1, c: 1 },
];

describe("the load sweep counts new and closed cases of a team with nothing open on a Sunday", () => {
  it("over a short range (cases probed one by one)", async () => {
    expect(await sweep("2024-02-26", "2024-03-18")).toEqual(W10);
  });

  it("over a range longer than 26 weeks (every case read once)", async () => {
    expect(await sweep("2023-01-02", "2024-03-18")).toEqual(W10);
  });
});
