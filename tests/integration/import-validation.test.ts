// Every validation rule of DATA-CONTRACT.md with a file that breaks it: the import is rejected,
// names row, column, value and reason, and leaves every data table exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { counts, csv, importer, tempDir } from "./import-helpers";
import type { ImportResult } from "../../import";

let t: TestDatabase;
let files: ReturnType<typeof tempDir>;
let run: ReturnType<typeof importer>;

beforeAll(async () => {
  t = await createTestDatabase("import_val");
  files = tempDir();
  run = importer(t.db, files.dir);
  const units = await run("units", "units.csv", csv(
    "unit_code;name;parent_code;kind",
    "ORG;Kommunen;;organisation",
    "FC;Familiecentret;ORG;centre",
    "TA;Team A;FC;team",
    "TB;Team B;FC;team",
  ));
  expect(units.outcome).toBe("accepted");
  const employments = await run("employments", "emp.csv", csv(
    "employee_id;unit_code;role;fte;start_date;end_date;end_reason",
    "E1;TA;caseworker;1;2022-01-01;;",
    "E2;TB;caseworker;1;2022-01-01;2023-12-31;resignation",
  ));
  expect(employments.outcome).toBe("accepted");
});

afterAll(async () => {
  files?.cleanup();
  await t?.drop();
});

/** Imports a file that must be rejected, checks nothing changed, returns the result. */
async function rejected(kind: Parameters<typeof run>[0], content: string): Promise<ImportResult> {
  const before = await counts(t.db);
  const result = await run(kind, `${kind}.csv`, content);
  expect(result.outcome, JSON.stringify(result.errors)).toBe("rejected");
  expect(await counts(t.db)).toEqual(before);
  return result;
}

const brief = (r: ImportResult) => r.errors.map((e) => ({ row: e.row, column: e.column, key: e.key }));

describe("units", () => {
  const header = "unit_code;name;parent_code;kind;district;rollout_date";

  it("a missing required column is named and nothing is read", async () => {
    const r = await rejected("units", csv("unit_code;name;parent_code", "X;X;ORG"));
    expect(brief(r)).toEqual([
      { row: 1, column: "kind", key: "header.missing" },
    ]);
    expect(r.errors[0].reason).toContain('"kind"');
  });

  it("an unknown kind, an empty name and an impossible rollout date are each reported", async () => {
    const r = await rejected("units", csv(header, "X1;X;ORG;afdeling;;", "X2;;ORG;team;;", "X3;X;ORG;team;;30.02.2024"));
    expect(brief(r)).toEqual([
      { row: 2, column: "kind", key: "value.enum" },
      { row: 3, column: "name", key: "value.required" },
      { row: 4, column: "rollout_date", key: "value.dateImpossible" },
    ]);
    expect(r.errors[0]).toMatchObject({ file: "units.csv", value: "afdeling" });
  });

  it("a parent found neither in the file nor the database is refused", async () => {
    const r = await rejected("units", csv(header, "X1;X;NOPE;team;;"));
    expect(brief(r)).toEqual([{ row: 2, column: "parent_code", key: "ref.parent" }]);
  });

  it("a parent defined later in the same file is accepted as a reference (but the cycle is not)", async () => {
    const r = await rejected("units", csv(header, "X1;X;X2;team;;", "X2;Y;X1;cluster;;"));
    expect(brief(r)).toEqual([{ row: 2, column: "parent_code", key: "tree.cycle" }]);
    expect(r.errors[0].params.path).toBe("X1 → X2 → X1");
  });

  it("a cycle through units already in the database is refused", async () => {
    // ORG is the root; making it a child of TA (under FC under ORG) closes a ring.
    const r = await rejected("units", csv(header, "ORG;Kommunen;TA;organisation;;"));
    expect(brief(r)).toEqual([{ row: 2, column: "parent_code", key: "tree.cycle" }]);
  });

  it("a unit that is its own parent is refused", async () => {
    const r = await rejected("units", csv(header, "X1;X;X1;team;;"));
    expect(brief(r)).toEqual([{ row: 2, column: "parent_code", key: "tree.ownParent" }]);
  });

  it("the same unit_code twice in a file is refused on the second row", async () => {
    const r = await rejected("units", csv(header, "X1;X;ORG;team;;", "X1;Y;ORG;team;;"));
    expect(brief(r)).toEqual([{ row: 3, column: "unit_code", key: "dup.key" }]);
    expect(r.errors[0].params).toEqual({ otherRow: 2 });
  });
});

describe("employments", () => {
  const header = "employee_id;display_name;unit_code;role;is_manager;fte;start_date;end_date;end_reason";

  it("CPR-looking employee ids are refused in both forms", async () => {
    const r = await rejected("employments", csv(header, "010190-1234;;TA;caseworker;;1;2024-01-01;;", "0101901234;;TA;caseworker;;1;2024-01-01;;"));
    expect(brief(r)).toEqual([
      { row: 2, column: "employee_id", key: "value.cpr" },
      { row: 3, column: "employee_id", key: "value.cpr" },
    ]);
  });

  it("never stores or reports the CPR number itself: the import log and the result hold it masked", async () => {
    const r = await rejected("employments", csv(header, "010190-1234;Anna 0101901234;TA;caseworker;;1;2024-01-01;;", "0101901234;;TA;caseworker;;1;2024-01-01;;"));
    expect(r.errors.map((e) => e.value)).toEqual(["XXXXXX-XXXX", "XXXXXX-XXXX"]);
    const { queryRows } = await import("../../db/client");
    const { sql } = await import("drizzle-orm");
    const [log] = await queryRows<{ text: string }>(t.db, sql`select coalesce(errors::text, '') || coalesce(warnings::text, '') || file_name as text from import_log order by id desc limit 1`);
    expect(log.text).toContain("XXXXXX-XXXX");
    for (const cpr of ["010190-1234", "0101901234", "010190"]) {
      expect(log.text).not.toContain(cpr);
      expect(JSON.stringify(r)).not.toContain(cpr);
    }
  });

  it("fte of zero, over 55.5 hours, or not a number is refused", async () => {
    const r = await rejected("employments", csv(header, "N1;;TA;caseworker;;0;2024-01-01;;", "N2;;TA;caseworker;;60;2024-01-01;;", "N3;;TA;caseworker;;fuld tid;2024-01-01;;"));
    expect(brief(r)).toEqual([
      { row: 2, column: "fte", key: "value.fteRange" },
      { row: 3, column: "fte", key: "value.fteRange" },
      { row: 4, column: "fte", key: "value.number" },
    ]);
  });

  it("an end date needs an end reason, an end reason needs an end date, and the end may not precede the start", async () => {
    const r = await rejected("employments", csv(header,
      "N1;;TA;caseworker;;1;2024-01-01;2024-06-30;",
      "N2;;TA;caseworker;;1;2024-01-01;;resignation",
      "N3;;TA;caseworker;;1;2024-01-01;2023-12-31;resignation"));
    expect(brief(r)).toEqual([
      { row: 2, column: "end_reason", key: "value.endReasonRequired" },
      { row: 3, column: "end_reason", key: "value.endReasonWithoutEnd" },
      { row: 4, column: "end_date", key: "value.endBeforeStart" },
    ]);
  });

  it("an unknown role, end reason, boolean or unit is refused", async () => {
    const r = await rejected("employments", csv(header,
      "N1;;TA;chef;;1;2024-01-01;;",
      "N2;;TA;caseworker;;1;2024-01-01;2024-02-01;fyret",
      "N3;;TA;caseworker;måske;1;2024-01-01;;",
      "N4;;T-NOPE;caseworker;;1;2024-01-01;;"));
    expect(brief(r)).toEqual([
      { row: 2, column: "role", key: "value.enum" },
      { row: 3, column: "end_reason", key: "value.enum" },
      { row: 4, column: "is_manager", key: "value.boolean" },
      { row: 5, column: "unit_code", key: "ref.unit" },
    ]);
  });

  it("overlapping periods of one employee in one unit within the file are refused", async () => {
    const r = await rejected("employments", csv(header,
      "N1;;TA;caseworker;;1;2024-01-01;2024-06-30;internal_transfer",
      "N1;;TA;caseworker;;1;2024-06-30;;"));
    expect(brief(r)).toEqual([{ row: 3, column: "start_date", key: "overlap.employmentFile" }]);
  });

  it("a period overlapping one already stored (with another start date) is refused", async () => {
    // E1 is stored in TA from 2022-01-01 with no end; a second TA period from 2023 overlaps it.
    const r = await rejected("employments", csv(header, "E1;;TA;caseworker;;1;2023-01-01;;"));
    expect(brief(r)).toEqual([{ row: 2, column: "start_date", key: "overlap.employmentDb" }]);
    expect(r.errors[0].params).toEqual({ start: "2022-01-01" });
  });

  it("the same key twice in a file is refused", async () => {
    const r = await rejected("employments", csv(header, "N1;;TA;caseworker;;1;2024-01-01;;", "N1;;TA;specialist;;1;01-01-2024;;"));
    expect(brief(r)).toEqual([{ row: 3, column: "start_date", key: "dup.key" }]);
  });
});

describe("competences", () => {
  it("an unknown employee, an unknown case type and a duplicate are refused", async () => {
    const r = await rejected("competences", csv(
      "employee_id;case_type;valid_from",
      "NOBODY;merudgifter;",
      "E1;heksejagt;",
      "E1;merudgifter;2024-01-01",
      "E1;merudgifter;01.01.2024"));
    expect(brief(r)).toEqual([
      { row: 2, column: "employee_id", key: "ref.employee" },
      { row: 3, column: "case_type", key: "ref.caseType" },
      { row: 5, column: "case_type", key: "dup.key" },
    ]);
  });
});

describe("case periods", () => {
  const header = "case_id;period_start;period_end;unit_code;caseworker_id;case_type;complexity;emotional_flags";

  it("unknown unit, caseworker, case type and flag, and a complexity outside 1–3 are refused", async () => {
    const r = await rejected("case-periods", csv(header,
      "K1;2024-01-01;;NOPE;E1;underretning;;",
      "K2;2024-01-01;;TA;E99;underretning;;",
      "K3;2024-01-01;;TA;E1;trolddom;;",
      "K4;2024-01-01;;TA;E1;underretning;;vold_trusler|maaneskin",
      "K5;2024-01-01;;TA;E1;underretning;4;"));
    expect(brief(r)).toEqual([
      { row: 2, column: "unit_code", key: "ref.unit" },
      { row: 3, column: "caseworker_id", key: "ref.employee" },
      { row: 4, column: "case_type", key: "ref.caseType" },
      { row: 5, column: "emotional_flags", key: "ref.flag" },
      { row: 6, column: "complexity", key: "value.complexity" },
    ]);
    expect(r.errors[3].params.flag).toBe("maaneskin");
  });

  it("overlapping periods of one case and a repeated start are refused", async () => {
    const r = await rejected("case-periods", csv(header,
      "K1;2024-01-01;2024-02-10;TA;E1;underretning;;",
      "K1;2024-02-10;;TA;E1;underretning;;",
      "K2;2024-01-01;2024-01-31;TA;E1;underretning;;",
      "K2;2024-01-01;2024-01-31;TA;;underretning;;"));
    expect(brief(r)).toEqual([
      { row: 3, column: "period_start", key: "overlap.case" },
      { row: 5, column: "period_start", key: "dup.key" },
    ]);
  });

  it("a CPR-looking case id or caseworker id is refused", async () => {
    const r = await rejected("case-periods", csv(header, "150805-4321;2024-01-01;;TA;;underretning;;", "K1;2024-01-01;;TA;1508054321;underretning;;"));
    expect(brief(r)).toEqual([
      { row: 2, column: "case_id", key: "value.cpr" },
      { row: 3, column: "caseworker_id", key: "value.cpr" },
    ]);
  });

  it("an end before the start is refused", async () => {
    const r = await rejected("case-periods", csv(header, "K1;2024-02-01;31-01-2024;TA;;underretning;;"));
    expect(brief(r)).toEqual([{ row: 2, column: "period_end", key: "value.endBeforeStart" }]);
  });
});

describe("survey results", () => {
  const header = "survey_round;closed_on;unit_code;dimension;score;respondents;invited";

  it("score outside 0–100, negative or fractional respondents, invited below respondents, unknown dimension and unit are refused", async () => {
    const r = await rejected("survey-results", csv(header,
      "2024-h;2024-11-15;TA;trivsel;100,5;8;10",
      "2024-h;2024-11-15;TA;social_kapital;50;-1;",
      "2024-h;2024-11-15;TA;tillid_ledelse;50;7,5;",
      "2024-h;2024-11-15;TA;retfaerdighed;50;8;6",
      "2024-h;2024-11-15;TA;humoer;50;8;",
      "2024-h;2024-11-15;NOPE;trivsel;50;8;"));
    expect(brief(r)).toEqual([
      { row: 2, column: "score", key: "value.scoreRange" },
      { row: 3, column: "respondents", key: "value.nonNegative" },
      { row: 4, column: "respondents", key: "value.integer" },
      { row: 5, column: "invited", key: "value.invitedBelowRespondents" },
      { row: 6, column: "dimension", key: "ref.dimension" },
      { row: 7, column: "unit_code", key: "ref.unit" },
    ]);
  });

  it("a duplicate key and a second closing date for one round are refused", async () => {
    const r = await rejected("survey-results", csv(header,
      "2024-h;2024-11-15;TA;trivsel;50;8;",
      "2024-h;2024-11-15;TA;trivsel;51;8;",
      "2024-h;2024-11-16;TB;trivsel;50;8;"));
    expect(brief(r)).toEqual([
      { row: 3, column: "dimension", key: "dup.key" },
      { row: 4, column: "closed_on", key: "survey.closedOnConflict" },
    ]);
  });
});

describe("files as a whole", () => {
  it("a header-only file is refused with its own message", async () => {
    const r = await rejected("units", csv("unit_code;name;parent_code;kind"));
    expect(brief(r)).toEqual([{ row: null, column: null, key: "file.headerOnly" }]);
  });

  it("random bytes and an empty file get clear errors and are logged", async () => {
    const before = await counts(t.db);
    const random = await run("units", "random.csv", Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)));
    expect(brief(random)).toEqual([{ row: null, column: null, key: "file.binary" }]);
    const empty = await run("units", "empty.csv", "");
    expect(brief(empty)).toEqual([{ row: null, column: null, key: "file.empty" }]);
    expect(await counts(t.db)).toEqual(before);
    expect(random.importId).toBeGreaterThan(0);
    expect(empty.importId).toBeGreaterThan(random.importId);
  });

  it("a comma-separated row with an unquoted decimal comma is refused as a field-count mismatch", async () => {
    const r = await rejected("employments", csv("employee_id,unit_code,role,fte,start_date", "N1,TA,caseworker,0,8,2024-01-01"));
    expect(brief(r)).toEqual([{ row: 2, column: null, key: "row.fieldCount" }]);
    expect(r.errors[0].params).toEqual({ expected: 5, got: 6 });
  });

  it("the same, when the row's last column is empty and would hide the extra cell", async () => {
    // "72,5" meant score 72.5, respondents 8, invited empty; read as cells it is score 72,
    // respondents 5, invited 8 plus an empty eighth cell: refused, never stored shifted.
    const r = await rejected("survey-results", csv(
      "survey_round,closed_on,unit_code,dimension,score,respondents,invited", "2023-y,2023-11-15,TA,trivsel,72,5,8,"));
    expect(brief(r)).toEqual([{ row: 2, column: null, key: "row.fieldCount" }]);
    expect(r.errors[0].params).toEqual({ expected: 7, got: 8 });
  });

  it("reports the first 200 errors by row, whichever check found them", async () => {
    // Rows 2–51 name an unknown unit (found by the cross-row check after reading), rows 52–301
    // have fte "abc" (found while reading). The first 200 by row are rows 2–201: the 50 unknown
    // units and the bad fte of rows 52–201; 100 more are counted, not listed.
    const unknownUnit = Array.from({ length: 50 }, (_, i) => `X${i};NOPE;caseworker;1;2024-01-01`);
    const badFte = Array.from({ length: 250 }, (_, i) => `Y${i};TA;caseworker;abc;2024-01-01`);
    const r = await rejected("employments", csv("employee_id;unit_code;role;fte;start_date", ...unknownUnit, ...badFte));
    expect(r.errors).toHaveLength(200);
    expect(r.errors.map((e) => e.row)).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    expect(r.errors[0].column).toBe("unit_code");
    expect(r.errors[50].column).toBe("fte");
    expect(r.errorsTruncated).toBe(100);
  });

  it("more rows than IMPORT_MAX_ROWS are refused, stating the limit", async () => {
    const before = await counts(t.db);
    const lines = Array.from({ length: 11 }, (_, i) => `Z${i};Z;ORG;team`);
    const r = await run("units", "many.csv", csv("unit_code;name;parent_code;kind", ...lines), { maxRows: 10 });
    expect(r.outcome).toBe("rejected");
    expect(brief(r)).toEqual([{ row: null, column: null, key: "file.tooManyRows" }]);
    expect(r.errors[0].reason).toContain("10");
    expect(await counts(t.db)).toEqual(before);
  });

  it("reports the first 200 errors in row order and says how many more there were", async () => {
    const lines = Array.from({ length: 250 }, (_, i) => `Q${i};Q;ORG;ukendt`);
    const r = await rejected("units", csv("unit_code;name;parent_code;kind", ...lines));
    expect(r.errors).toHaveLength(200);
    expect(r.errorsTruncated).toBe(50);
    expect(r.errors[0].row).toBe(2);
    expect(r.errors[199].row).toBe(201);
  });
});
