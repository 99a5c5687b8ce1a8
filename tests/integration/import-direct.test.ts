// Case periods of a file of new cases go straight into case_periods batch by batch while the file
// streams (import/stage.ts). Files longer than one batch, so that earlier batches are already in
// the table when a later one turns out wrong: whatever the reason, nothing of the direct write
// survives, and the result is exactly what the usual path (stage, checks, write) gives.
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { importRows } from "../../import";
import { STAGE_BATCH_ROWS } from "../../import/stage";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { counts, csv, importer, tempDir } from "./import-helpers";

let t: TestDatabase;
let files: ReturnType<typeof tempDir>;
let run: ReturnType<typeof importer>;

const header = "case_id;period_start;period_end;unit_code;caseworker_id;case_type;complexity;emotional_flags";
/** Two periods per case; enough cases for one batch and a part of the next. */
const CASES = Math.ceil((STAGE_BATCH_ROWS * 1.2) / 2);

/** Lines of `count` cases named `${prefix}${n}`, each a closed period in 2023 and an open one from 2024. */
function caseLines(prefix: string, count: number): string[] {
  const lines: string[] = [];
  for (let n = 1; n <= count; n++) {
    const worker = n % 3 === 0 ? "" : `E${1 + (n % 2)}`;
    lines.push(`${prefix}${n};2023-01-01;2023-12-31;${n % 2 ? "TA" : "TB"};${worker};underretning;;`);
    lines.push(`${prefix}${n};01-01-2024;;TA;${worker};anbringelse;2;vold_trusler|hoejkonflikt`);
  }
  return lines;
}

/** The data row number (file line) of case n's first period, header on line 1. */
const rowOf = (n: number) => 2 * n;

beforeAll(async () => {
  t = await createTestDatabase("import_direct");
  files = tempDir();
  run = importer(t.db, files.dir);
  const units = await run("units", "units.csv", csv("unit_code;name;parent_code;kind", "ORG;Kommunen;;organisation", "TA;Team A;ORG;team", "TB;Team B;ORG;team"));
  expect(units.outcome).toBe("accepted");
  const employments = await run("employments", "emp.csv", csv(
    "employee_id;unit_code;role;fte;start_date;end_date;end_reason",
    "E1;TA;caseworker;1;2022-01-01;;",
    "E2;TB;caseworker;1;2022-01-01;;",
  ));
  expect(employments.outcome).toBe("accepted");
});

afterAll(async () => {
  files?.cleanup();
  await t?.drop();
});

const indexes = () => queryRows<{ definition: string }>(t.db, sql`
  select indexdef as definition from pg_indexes where tablename = 'case_periods' order by indexname`);

const periods = (caseId: string) => queryRows<{ start: string; end: string | null; unit: string; worker: string | null; complexity: number; flags: string[] }>(t.db, sql`
  select p.period_start::text as start, p.period_end::text as end, u.code as unit, p.caseworker_id as worker, p.complexity, p.emotional_flags as flags
  from case_periods p join units u on u.id = p.unit_id where p.case_id = ${caseId} order by p.period_start`);

describe("a file of new cases longer than one batch", () => {
  it("is stored row for row, summarised for the recompute, and unchanged when imported again", async () => {
    const file = csv(header, ...caseLines("A", CASES));
    const before = await indexes();
    const r = await run("case-periods", "new.csv", file);
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect(r.rowsChanged).toBe(CASES * 2);
    expect(r.affectedFrom).toBe("2023-01-01");
    expect(r.affectedTo).toBeNull();
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from case_periods where case_id like 'A%'`);
    expect(n).toBe(CASES * 2);
    expect(await periods(`A${CASES}`)).toEqual([
      { start: "2023-01-01", end: "2023-12-31", unit: CASES % 2 ? "TA" : "TB", worker: CASES % 3 === 0 ? null : `E${1 + (CASES % 2)}`, complexity: 1, flags: [] },
      { start: "2024-01-01", end: null, unit: "TA", worker: CASES % 3 === 0 ? null : `E${1 + (CASES % 2)}`, complexity: 2, flags: ["hoejkonflikt", "vold_trusler"] },
    ]);
    // Into an empty table the secondary indexes are built after the load: the same ones come back.
    expect(await indexes()).toEqual(before);
    const again = await run("case-periods", "new.csv", file);
    expect(again.outcome).toBe("unchanged");
  });

  it("with an overlap in its second batch is refused with the rows, and nothing of it is stored", async () => {
    const before = await counts(t.db);
    const lines = caseLines("B", CASES);
    const late = CASES - 10;
    // Case B{late}'s open period now starts inside its closed one.
    lines[rowOf(late) - 1] = `B${late};2023-06-01;;TA;;anbringelse;2;`;
    const r = await run("case-periods", "overlap.csv", csv(header, ...lines));
    expect(r.outcome).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.key])).toEqual([[rowOf(late) + 1, "overlap.case"]]);
    expect(await counts(t.db)).toEqual(before);
  });

  it("with an unknown caseworker in a later batch is refused with that row", async () => {
    const before = await counts(t.db);
    const lines = caseLines("C", CASES);
    const late = Math.ceil(STAGE_BATCH_ROWS / 2) + 7;
    lines[rowOf(late) - 2] = `C${late};2023-01-01;2023-12-31;TA;E404;underretning;;`;
    const r = await run("case-periods", "worker.csv", csv(header, ...lines));
    expect(r.outcome).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.column, e.key, e.value])).toEqual([[rowOf(late), "caseworker_id", "ref.employee", "E404"]]);
    expect(await counts(t.db)).toEqual(before);
  });

  it("with a row that does not parse in a later batch reports every problem of the file", async () => {
    const before = await counts(t.db);
    const lines = caseLines("D", CASES);
    const late = CASES - 3;
    lines[rowOf(late) - 2] = `D${late};31-02-2023;2023-12-31;TA;;underretning;;`;
    lines[rowOf(late) - 1] = `D${late};01-01-2024;;TA;;anbringelse;7;`;
    const r = await run("case-periods", "parse.csv", csv(header, ...lines));
    expect(r.outcome).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.key])).toEqual([
      [rowOf(late), "value.dateImpossible"],
      [rowOf(late) + 1, "value.complexity"],
    ]);
    expect(await counts(t.db)).toEqual(before);
  });

  it("that also holds a stored case replaces that case's history, even when old and new periods do not overlap", async () => {
    const stored = await run("case-periods", "old.csv", csv(header, "OLD1;2015-01-01;2015-06-30;TB;;koersel;1;", "OLD2;2016-01-01;2016-03-31;TB;;koersel;1;"));
    expect(stored.outcome).toBe("accepted");
    const lines = caseLines("F", CASES);
    // OLD1 comes back late in the file with a history from 2020 only: its 2015 period must go.
    lines.push("OLD1;2020-01-01;;TA;;underretning;;");
    const r = await run("case-periods", "mixed.csv", csv(header, ...lines));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect(r.rowsChanged).toBe(CASES * 2 + 2);
    expect(r.affectedFrom).toBe("2015-01-01");
    expect((await periods("OLD1")).map((p) => [p.start, p.end])).toEqual([["2020-01-01", null]]);
    expect((await periods("OLD2")).map((p) => [p.start, p.end])).toEqual([["2016-01-01", "2016-03-31"]]);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from case_periods where case_id like 'F%'`);
    expect(n).toBe(CASES * 2);
  });

  it("given as rows in memory goes the same way as a file", async () => {
    const rows = caseLines("G", CASES).map((line) => {
      const [case_id, period_start, period_end, unit_code, caseworker_id, case_type, complexity, emotional_flags] = line.split(";");
      return { case_id, period_start, period_end, unit_code, caseworker_id, case_type, complexity, emotional_flags };
    });
    rows[rows.length - 1] = { ...rows[rows.length - 1], period_start: "2023-12-31" };
    const bad = await importRows(t.db, { kind: "case-periods", rows, fileName: "rows", actor: "test" });
    expect(bad.outcome).toBe("rejected");
    expect(bad.errors.map((e) => [e.row, e.key])).toEqual([[rows.length + 1, "overlap.case"]]);
    rows[rows.length - 1] = { ...rows[rows.length - 1], period_start: "2024-01-01" };
    const good = await importRows(t.db, { kind: "case-periods", rows, fileName: "rows", actor: "test" });
    expect(good.outcome, JSON.stringify(good.errors)).toBe("accepted");
    expect(good.rowsChanged).toBe(CASES * 2);
  });
});

describe("a first load into an empty table", () => {
  it("keeps every index, without waiting, while another transaction reads case_periods", async () => {
    await t.db.execute(sql`delete from case_periods`);
    const before = await indexes();
    const other = postgres(t.url, { max: 1, onnotice: () => {} });
    const reader = await other.reserve();
    try {
      await reader`begin`;
      await reader`select count(*) from case_periods`;
      const importing = run("case-periods", "first.csv", csv(header, ...caseLines("H", 100)));
      const waited = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 15_000).unref());
      const r = await Promise.race([importing, waited]);
      expect(r === "waited" ? r : r.outcome).toBe("accepted");
      expect(await indexes()).toEqual(before);
      await reader`rollback`;
    } finally {
      reader.release();
      await other.end();
    }
  });
});
