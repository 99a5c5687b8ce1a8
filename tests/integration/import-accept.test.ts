// Files made the way Danish offices make them are accepted and stored exactly; re-importing
// changes nothing; case histories are replaced per case; every import is logged and audited.
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { importRows } from "../../import";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { counts, csv, importer, tempDir } from "./import-helpers";

let t: TestDatabase;
let files: ReturnType<typeof tempDir>;
let run: ReturnType<typeof importer>;

beforeAll(async () => {
  t = await createTestDatabase("import_acc");
  files = tempDir();
  run = importer(t.db, files.dir);
});

afterAll(async () => {
  files?.cleanup();
  await t?.drop();
});

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.db, query);

describe("units", () => {
  it("UTF-8 with BOM, upper-case headers and a Danish date build the tree and its closure", async () => {
    const r = await run("units", "enheder.csv", "\uFEFF" + csv(
      "UNIT_CODE;Name;Parent_Code;KIND;District;Rollout_Date",
      "KBH;Københavns Kommune;;organisation;;",
      "FC;Familiecentret;KBH;centre;;",
      "FC-DOGN;Døgnafdelingen;FC;department;;",
      "T1;Team Øst;FC-DOGN;team;Amager Øst;01-03-2023",
      "T2;Team Vest;FC-DOGN;team;Valby;15.09.2023",
    ));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect(r.rowsChanged).toBe(5);
    const t1 = await rows<{ name: string; district: string; rollout_date: string; parent: string }>(sql`
      select u.name, u.district, u.rollout_date::text, p.code as parent from units u join units p on p.id = u.parent_id where u.code = 'T1'`);
    expect(t1).toEqual([{ name: "Team Øst", district: "Amager Øst", rollout_date: "2023-03-01", parent: "FC-DOGN" }]);
    // KBH is an ancestor of all 5 units (depths 0–3): closure has 5 + 4 + 3 + 2×… = 1+2+3+4+4 = 14 pairs.
    const [{ n }] = await rows<{ n: number }>(sql`select count(*)::int as n from unit_closure`);
    expect(n).toBe(14);
  });

  it("re-importing the same file changes nothing and is logged as unchanged", async () => {
    const before = await counts(t.db);
    const r = await run("units", "enheder.csv", "\uFEFF" + csv(
      "UNIT_CODE;Name;Parent_Code;KIND;District;Rollout_Date",
      "KBH;Københavns Kommune;;organisation;;",
      "FC;Familiecentret;KBH;centre;;",
      "FC-DOGN;Døgnafdelingen;FC;department;;",
      "T1;Team Øst;FC-DOGN;team;Amager Øst;2023-03-01",
      "T2;Team Vest;FC-DOGN;team;Valby;2023-09-15",
    ));
    expect(r.outcome).toBe("unchanged");
    expect(await counts(t.db)).toEqual(before);
    const [log] = await rows<{ outcome: string }>(sql`select outcome from import_log where id = ${r.importId}`);
    expect(log.outcome).toBe("unchanged");
  });

  it("swapping two units' parents moves them without a transient cycle and rebuilds the closure", async () => {
    const setup = await run("units", "swap1.csv", csv("unit_code;name;parent_code;kind", "A;A;FC;department", "B;B;A;cluster"));
    expect(setup.outcome).toBe("accepted");
    const swap = await run("units", "swap2.csv", csv("unit_code;name;parent_code;kind", "B;B;FC;department", "A;A;B;cluster"));
    expect(swap.outcome, JSON.stringify(swap.errors)).toBe("accepted");
    const pairs = await rows<{ a: string; d: string; depth: number }>(sql`
      select a.code as a, d.code as d, c.depth from unit_closure c join units a on a.id = c.ancestor_id join units d on d.id = c.descendant_id
      where d.code = 'A' order by c.depth`);
    expect(pairs).toEqual([
      { a: "A", d: "A", depth: 0 }, { a: "B", d: "A", depth: 1 }, { a: "FC", d: "A", depth: 2 }, { a: "KBH", d: "A", depth: 3 },
    ]);
  });
});

describe("employments", () => {
  it("comma-separated with quoted decimal commas, hours, ja/nej and DD.MM.YYYY; extra columns warned about", async () => {
    const r = await run("employments", "hr.csv", csv(
      "employee_id,display_name,unit_code,role,is_manager,fte,start_date,end_date,end_reason,Lønnummer",
      'E1,"Hansen, Anne",T1,caseworker,,"0,8",01.02.2022,,,123',
      "E2,Bo Berg,T1,manager,,37,2021-01-01,31.12.2023,resignation,124",
      "E3,Cai,T2,specialist,ja,30,01-06-2023,,,125",
      "E4,Dina,T2,manager,nej,1.0,2023-01-01,,,126",
    ));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect(r.warnings.map((w) => w.key).sort()).toEqual(["warning.hoursConverted", "warning.unknownColumns"]);
    expect(r.warnings.find((w) => w.key === "warning.unknownColumns")!.params.columns).toBe("Lønnummer");
    expect(r.warnings.find((w) => w.key === "warning.hoursConverted")!.params.count).toBe(2);
    const stored = await rows<{ employee_id: string; name: string; is_manager: boolean; fte: number; start: string; end: string | null }>(sql`
      select e.employee_id, p.display_name as name, e.is_manager, e.fte::float8 as fte, e.start_date::text as start, e.end_date::text as end
      from employments e join employees p on p.id = e.employee_id order by e.employee_id`);
    expect(stored).toEqual([
      { employee_id: "E1", name: "Hansen, Anne", is_manager: false, fte: 0.8, start: "2022-02-01", end: null },
      // is_manager empty + role manager → true; 37 hours → 1.0.
      { employee_id: "E2", name: "Bo Berg", is_manager: true, fte: 1, start: "2021-01-01", end: "2023-12-31" },
      // 30 hours / 37 = 0.8108.
      { employee_id: "E3", name: "Cai", is_manager: true, fte: 0.8108, start: "2023-06-01", end: null },
      { employee_id: "E4", name: "Dina", is_manager: false, fte: 1, start: "2023-01-01", end: null },
    ]);
  });

  it("an XLSX export with typed cells is read from its first sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Medarbejdere");
    sheet.addRow(["Employee_ID", "Unit_Code", "Role", "FTE", "Start_Date", "End_Date", "End_Reason"]);
    sheet.addRow(["E5", "T2", "caseworker", 0.5, new Date(Date.UTC(2024, 0, 15)), new Date(Date.UTC(2024, 5, 30)), "fixed_term_end"]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await run("employments", "hr.xlsx", buffer);
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    const [e5] = await rows<{ fte: number; start: string; end: string; reason: string }>(sql`
      select fte::float8 as fte, start_date::text as start, end_date::text as end, end_reason as reason from employments where employee_id = 'E5'`);
    expect(e5).toEqual({ fte: 0.5, start: "2024-01-15", end: "2024-06-30", reason: "fixed_term_end" });
  });

  it("a Windows-1252 file is converted and says so", async () => {
    const bytes = Buffer.from(csv("employee_id;display_name;unit_code;role;fte;start_date", "E6;Søren Ærø;T1;caseworker;1;2024-03-01"), "latin1");
    const r = await run("employments", "ansi.csv", bytes);
    expect(r.outcome).toBe("accepted");
    expect(r.warnings.map((w) => w.key)).toContain("warning.windows1252");
    const [e6] = await rows<{ display_name: string }>(sql`select display_name from employees where id = 'E6'`);
    expect(e6.display_name).toBe("Søren Ærø");
  });

  it("a changed end date updates the period in place under the same key", async () => {
    const r = await run("employments", "hr2.csv", csv(
      "employee_id;unit_code;role;fte;start_date;end_date;end_reason",
      "E1;T1;caseworker;0,8;2022-02-01;2024-08-31;internal_transfer",
      "E1;T2;caseworker;0,8;2024-09-01;;",
    ));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    // One period updated, one inserted; the display name is kept (empty column = no change).
    expect(r.rowsChanged).toBe(2);
    const e1 = await rows<{ start: string; end: string | null; name: string }>(sql`
      select e.start_date::text as start, e.end_date::text as end, p.display_name as name
      from employments e join employees p on p.id = e.employee_id where e.employee_id = 'E1' order by e.start_date`);
    expect(e1).toEqual([
      { start: "2022-02-01", end: "2024-08-31", name: "Hansen, Anne" },
      { start: "2024-09-01", end: null, name: "Hansen, Anne" },
    ]);
  });
});

describe("employments with more decimals than stored", () => {
  it("a re-import of an FTE of 0,33333 (stored 0.3333) is unchanged", async () => {
    const file = csv("employee_id;unit_code;role;fte;start_date", "F1;T1;caseworker;0,33333;01-01-2023");
    expect((await run("employments", "fte.csv", file)).outcome).toBe("accepted");
    expect((await run("employments", "fte.csv", file)).outcome).toBe("unchanged");
    expect(await rows(sql`select fte::text from employments where employee_id = 'F1'`)).toEqual([{ fte: "0.3333" }]);
  });
});

describe("competences and survey results", () => {
  it("competences are inserted once and a re-import is unchanged", async () => {
    const file = csv("employee_id;case_type;valid_from", "E3;tabt_arbejdsfortjeneste;", "E3;merudgifter;01-01-2024");
    expect((await run("competences", "komp.csv", file)).outcome).toBe("accepted");
    expect((await run("competences", "komp.csv", file)).outcome).toBe("unchanged");
    const [{ n }] = await rows<{ n: number }>(sql`select count(*)::int as n from competences where employee_id = 'E3'`);
    expect(n).toBe(2);
  });

  it("survey results with decimal comma create the round, and a corrected score updates in place", async () => {
    const header = "survey_round;closed_on;unit_code;dimension;score;respondents;invited";
    const first = await run("survey-results", "trivsel.csv", csv(header, "2024-efteraar;15.11.2024;T1;trivsel;62,5;8;10", "2024-efteraar;15.11.2024;T1;social_kapital;55;8;"));
    expect(first.outcome, JSON.stringify(first.errors)).toBe("accepted");
    expect(first.affectedFrom).toBe("2024-11-15");
    const second = await run("survey-results", "trivsel.csv", csv(header, "2024-efteraar;15.11.2024;T1;trivsel;63;8;10", "2024-efteraar;15.11.2024;T1;social_kapital;55;8;"));
    expect(second.rowsChanged).toBe(1);
    const stored = await rows<{ dimension: string; score: number; invited: number | null; closed: string }>(sql`
      select r.dimension, r.score::float8 as score, r.invited, s.closed_on::text as closed
      from survey_results r join survey_rounds s on s.key = r.survey_round order by r.dimension`);
    expect(stored).toEqual([
      { dimension: "social_kapital", score: 55, invited: null, closed: "2024-11-15" },
      { dimension: "trivsel", score: 63, invited: 10, closed: "2024-11-15" },
    ]);
  });
});

describe("case periods", () => {
  const header = "case_id;period_start;period_end;unit_code;caseworker_id;case_type;complexity;emotional_flags";

  it("stores periods with the case type's default complexity and sorted flags, keys matched case-insensitively", async () => {
    const r = await run("case-periods", "sager.csv", csv(header,
      "S1;01-01-2024;31-01-2024;T1;E1;Anbringelse;;Vold_Trusler | overgreb",
      "S1;01-02-2024;;T1;;underretning;2;",
      "S2;2024-01-05;;T2;E3;koersel;;",
    ));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect(r.rowsChanged).toBe(3);
    const stored = await rows<{ case_id: string; start: string; complexity: number; flags: string[]; worker: string | null }>(sql`
      select case_id, period_start::text as start, complexity, emotional_flags as flags, caseworker_id as worker
      from case_periods order by case_id, period_start`);
    expect(stored).toEqual([
      { case_id: "S1", start: "2024-01-01", complexity: 3, flags: ["overgreb", "vold_trusler"], worker: "E1" },
      { case_id: "S1", start: "2024-02-01", complexity: 2, flags: [], worker: null },
      { case_id: "S2", start: "2024-01-05", complexity: 1, flags: [], worker: "E3" },
    ]);
  });

  it("the same periods with flags in another order are unchanged", async () => {
    const r = await run("case-periods", "sager.csv", csv(header,
      "S2;2024-01-05;;T2;E3;koersel;1;",
      "S1;2024-02-01;;T1;;underretning;2;",
      "S1;2024-01-01;2024-01-31;T1;E1;anbringelse;3;overgreb|vold_trusler",
    ));
    expect(r.outcome).toBe("unchanged");
  });

  it("a file replaces the whole history of its cases and leaves other cases alone", async () => {
    const [s2Before] = await rows<{ id: number }>(sql`select id::int from case_periods where case_id = 'S2'`);
    const r = await run("case-periods", "sager2.csv", csv(header, "S1;2024-01-01;2024-03-31;T2;E3;anbringelse;;"));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    // Two old S1 periods deleted, one inserted.
    expect(r.rowsChanged).toBe(3);
    const stored = await rows<{ id: number; case_id: string; start: string; end: string | null }>(sql`
      select id::int, case_id, period_start::text as start, period_end::text as end from case_periods order by case_id, period_start`);
    expect(stored.map(({ case_id, start, end }) => ({ case_id, start, end }))).toEqual([
      { case_id: "S1", start: "2024-01-01", end: "2024-03-31" },
      { case_id: "S2", start: "2024-01-05", end: null },
    ]);
    expect(stored[1].id).toBe(s2Before.id);
    // S1 moved from T1 to T2: both teams and their ancestors are affected, from the first period on.
    const codes = await rows<{ code: string }>(sql`
      select code from units where id = any(${`{${r.affectedUnitIds.join(",")}}`}::int[]) order by code`);
    expect(codes.map((c) => c.code)).toEqual(["FC", "FC-DOGN", "KBH", "T1", "T2"]);
    expect(r.affectedFrom).toBe("2024-01-01");
    // The old history had an open period (from 2024-02-01): closing it changes every week since, so open-ended.
    expect(r.affectedTo).toBeNull();
  });

  it("an accepted import records a pending recompute request, the log and an audit row in its transaction", async () => {
    const r = await run("case-periods", "sager3.csv", csv(header, "S3;2024-05-01;2024-05-31;T1;;underretning;;"));
    expect(r.outcome).toBe("accepted");
    const [log] = await rows<{ outcome: string; sha256: string; rows_total: number; actor: string; affected_from: string }>(sql`
      select outcome, sha256, rows_total, actor, affected_from::text from import_log where id = ${r.importId}`);
    expect(log).toMatchObject({ outcome: "accepted", rows_total: 1, actor: "test", affected_from: "2024-05-01" });
    expect(log.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [request] = await rows<{ source: string; status: string; unit_ids: number[]; from: string; to: string }>(sql`
      select source, status, unit_ids, from_date::text as from, to_date::text as to from recompute_requests order by id desc limit 1`);
    expect(request).toMatchObject({ source: "import:case-periods", status: "pending", from: "2024-05-01", to: "2024-05-31" });
    expect([...request.unit_ids].sort()).toEqual([...r.affectedUnitIds].sort());
    const audits = await rows<{ action: string }>(sql`select action from audit_log where entity = 'import_log' and entity_id = ${String(r.importId)}`);
    expect(audits).toEqual([{ action: "import.accepted" }]);
  });

  it("a rejected import is logged with its errors and audited, and writes no recompute request", async () => {
    const before = await counts(t.db, ["recompute_requests", "case_periods"]);
    const r = await run("case-periods", "bad.csv", csv(header, "S4;2024-05-01;;T1;;ukendt;;"));
    expect(r.outcome).toBe("rejected");
    expect(await counts(t.db, ["recompute_requests", "case_periods"])).toEqual(before);
    const [log] = await rows<{ outcome: string; errors: { total: number; items: Array<{ row: number; key: string }> } }>(sql`
      select outcome, errors from import_log where id = ${r.importId}`);
    expect(log.outcome).toBe("rejected");
    expect(log.errors.total).toBe(1);
    expect(log.errors.items[0]).toMatchObject({ row: 2, key: "ref.caseType" });
    const audits = await rows<{ action: string }>(sql`select action from audit_log where entity = 'import_log' and entity_id = ${String(r.importId)}`);
    expect(audits).toEqual([{ action: "import.rejected" }]);
  });
});

describe("importRows", () => {
  it("takes rows in memory keyed by contract columns and numbers errors from row 2", async () => {
    const ok = await importRows(t.db, {
      kind: "units",
      rows: [{ unit_code: "T3", name: "Team Nord", parent_code: "FC-DOGN", kind: "team", district: "", rollout_date: "" }],
      fileName: "seed:units",
      actor: "seed",
    });
    expect(ok.outcome).toBe("accepted");
    async function* stream() {
      yield { unit_code: "T4", name: "Team Syd", parent_code: "FC-DOGN", kind: "team" };
      yield { unit_code: "T5", name: "", parent_code: "FC-DOGN", kind: "team" };
    }
    const bad = await importRows(t.db, { kind: "units", rows: stream(), fileName: "seed:units", actor: "seed" });
    expect(bad.outcome).toBe("rejected");
    expect(bad.errors.map((e) => ({ row: e.row, column: e.column, key: e.key }))).toEqual([{ row: 3, column: "name", key: "value.required" }]);
  });
});
