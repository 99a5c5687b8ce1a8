// Load and wellbeing exports on a small hand-computed organisation, through the aggregation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import type { Database } from "../../db/client";
import * as s from "../../db/schema";
import { runAggregation } from "../../jobs/recompute/pipeline";
import { EXPORTS, writeTable, ExportError } from "../../exports";

let tdb: TestDatabase;
let db: Database;

const csvLines = async (table: Parameters<typeof writeTable>[0]) =>
  (await writeTable(table, "csv")).toString("utf8").replace(/^\uFEFF/, "").trimEnd().split("\r\n");

beforeAll(async () => {
  tdb = await createTestDatabase("jobs_exp");
  db = tdb.db;
  // ORG (1) → T1 (2), T2 (3).
  await db.insert(s.units).values([
    { id: 1, code: "ORG", name: "Kommunen", parentId: null, kind: "organisation" },
    { id: 2, code: "T1", name: "Team 1", parentId: 1, kind: "team" },
    { id: 3, code: "T2", name: "Team; \"to\"", parentId: 1, kind: "team" },
  ]);
  await db.insert(s.unitClosure).values([
    { ancestorId: 1, descendantId: 1, depth: 0 }, { ancestorId: 2, descendantId: 2, depth: 0 }, { ancestorId: 3, descendantId: 3, depth: 0 },
    { ancestorId: 1, descendantId: 2, depth: 1 }, { ancestorId: 1, descendantId: 3, depth: 1 },
  ]);
  await db.insert(s.employees).values([{ id: "A" }, { id: "B" }]);
  await db.insert(s.employments).values([
    { employeeId: "A", unitId: 2, role: "caseworker", isManager: false, fte: 1, startDate: "2023-01-01" },
    { employeeId: "B", unitId: 2, role: "caseworker", isManager: false, fte: 0.5, startDate: "2023-01-01" },
  ]);
  // Week 2024-W07 = 2024-02-12 … 2024-02-18 (snapshot Sunday 18th).
  const p = { periodEnd: null, caseworkerId: "A", caseType: "underretning", emotionalFlags: [] as string[] };
  await db.insert(s.casePeriods).values([
    { ...p, caseId: "c1", periodStart: "2024-01-01", unitId: 2, complexity: 3, emotionalFlags: ["overgreb"] },
    { ...p, caseId: "c2", periodStart: "2024-02-14", unitId: 2, complexity: 1 }, // new in W07
    { ...p, caseId: "c3", periodStart: "2024-01-01", unitId: 2, complexity: 2, caseworkerId: null },
    { ...p, caseId: "c4", periodStart: "2024-01-01", unitId: 3, complexity: 1, caseworkerId: null },
    { ...p, caseId: "c5", periodStart: "2024-01-01", periodEnd: "2024-02-13", unitId: 2, complexity: 1 }, // closed in W07
  ]);
  await db.insert(s.surveyRounds).values({ key: "2024-foraar", closedOn: "2024-05-15" });
  await db.insert(s.surveyResults).values([
    { round: "2024-foraar", unitId: 2, dimension: "trivsel", score: 50, respondents: 4 },
    { round: "2024-foraar", unitId: 3, dimension: "trivsel", score: 70, respondents: 10 },
  ]);
  await db.transaction((tx) => runAggregation(tx, {}, "2024-06-30"));
});

afterAll(async () => {
  await tdb?.drop();
});

describe("load export", () => {
  it("has the contract's columns and hand-computed figures with decimal commas", async () => {
    const lines = await csvLines(await EXPORTS.load.build(db, { from: "2024-02-12", to: "2024-02-18" }));
    expect(lines[0]).toBe("unit_code;unit_name;week;open_cases;caseworker_fte;cases_per_fte;weighted_load_per_fte;emotional_share_pct;mismatched_cases;new_cases;closed_cases");
    // ORG: 4 open (c1–c4), FTE 1.5 → 2.67/FTE; weights 2 + 1 + 1.5 + 1 = 5.5 → 3.67; 1 of 4 flagged = 25.0 %.
    // T1: 3 open, 1.5 FTE → 2.00; 4.5 / 1.5 = 3.00; 1 of 3 = 33.3 %; c2 new, c5 closed.
    // T2: 1 open, no caseworker FTE → the ratios are empty cells; the name is quoted (it holds ; and ").
    expect(lines.slice(1)).toEqual([
      "ORG;Kommunen;2024-W07;4;1,50;2,67;3,67;25,0;0;1;1",
      "T1;Team 1;2024-W07;3;1,50;2,00;3,00;33,3;0;1;1",
      'T2;"Team; ""to""";2024-W07;1;0,00;;;0,0;0;0;0',
    ]);
  });

  it("limits rows to a unit's subtree, and names an unknown unit in the error", async () => {
    const table = await EXPORTS.load.build(db, { from: "2024-02-05", to: "2024-02-18", unitCode: "T1" });
    expect(table.rows.map((r) => `${r[0]} ${r[2]}`)).toEqual(["T1 2024-W06", "T1 2024-W07"]);
    await expect(EXPORTS.load.build(db, { from: "2024-02-05", to: "2024-02-18", unitCode: "NOPE" })).rejects.toThrow(ExportError);
  });

  it("writes typed numbers into the workbook", async () => {
    const xlsx = await writeTable(await EXPORTS.load.build(db, { from: "2024-02-12", to: "2024-02-18", unitCode: "T1" }), "xlsx");
    const ExcelJS = (await import("exceljs")).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const row = book.worksheets[0].getRow(2);
    expect(row.getCell(4).value).toBe(3);
    expect(row.getCell(6).value).toBe(2);
  });
});

describe("wellbeing export", () => {
  it("keeps a row with an empty score and empty respondents for every hidden figure", async () => {
    const table = await EXPORTS.wellbeing.build(db, {});
    const lines = await csvLines(table);
    expect(lines[0]).toBe("unit_code;unit_name;survey_round;dimension;score;respondents");
    // T1 has 4 (< 5): hidden. T2 would then reveal T1 through ORG: hidden too (complementary).
    // ORG = (50×4 + 70×10) / 14 = 64.2857 → 64,3, shown with both children hidden. The hidden
    // rows stay, with neither score nor size: T2's 10 beside ORG's 14 would give T1's 4.
    expect(lines.slice(1)).toEqual([
      "ORG;Kommunen;2024-foraar;trivsel;64,3;14",
      "T1;Team 1;2024-foraar;trivsel;;",
      'T2;"Team; ""to""";2024-foraar;trivsel;;',
    ]);
    expect(table.rows.map((r) => r.slice(4))).toEqual([[64.3, 14], [null, null], [null, null]]); // 900/14 = 64.2857…, sent rounded as displayed
  });
});
