// Excel workbooks as offices make them, built with exceljs the way Excel stores them (dates as
// serial numbers with a date format, formulas with their cached results, an empty "Ark1", a hidden
// sheet of drop-down lists, a title above the header), each imported end to end into a fresh
// database: read right, or refused with a Danish message that says what to do.
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import type { ImportKind, ImportResult } from "../../import";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { counts, csv, importer, tempDir } from "./import-helpers";

let t: TestDatabase;
let files: ReturnType<typeof tempDir>;
let run: ReturnType<typeof importer>;

beforeAll(async () => {
  t = await createTestDatabase("import_office_xlsx");
  files = tempDir();
  run = importer(t.db, files.dir);
  const units = await run("units", "enheder.csv", csv(
    "unit_code;name;parent_code;kind",
    "KBH;Københavns Kommune;;organisation",
    "T1;Team Øst;KBH;team",
    "T2;Team Vest;KBH;team",
  ));
  expect(units.outcome).toBe("accepted");
});

afterAll(async () => {
  files?.cleanup();
  await t?.drop();
});

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.db, query);
const brief = (r: ImportResult) => r.errors.map((e) => ({ row: e.row, column: e.column, value: e.value, key: e.key }));
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

const EMPLOYMENT_HEADER = ["employee_id", "display_name", "unit_code", "role", "fte", "start_date", "end_date", "end_reason"];

/** A workbook whose sheets are filled by `build`; the buffer is what Excel would upload. */
async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function stored(ids: string[]) {
  return rows<{ id: string; name: string | null; unit: string; fte: number; start: string; end: string | null }>(sql`
    select e.employee_id as id, p.display_name as name, u.code as unit, e.fte::float8 as fte,
      e.start_date::text as start, e.end_date::text as end
    from employments e join employees p on p.id = e.employee_id join units u on u.id = e.unit_id
    where e.employee_id = any(${`{${ids.join(",")}}`}::text[]) order by e.employee_id, e.start_date`);
}

/** Imports a workbook that must be refused and checks nothing was written. */
async function refused(kind: ImportKind, name: string, buffer: Buffer): Promise<ImportResult> {
  const before = await counts(t.db);
  const r = await run(kind, name, buffer);
  expect(r.outcome, JSON.stringify(r.errors)).toBe("rejected");
  expect(await counts(t.db)).toEqual(before);
  return r;
}

describe("dates", () => {
  it("real date cells in Excel's short date, Danish custom formats and a long date are read as dates", async () => {
    const r = await run("employments", "datoer.xlsx", await workbook((wb) => {
      const sheet = wb.addWorksheet("Ark1");
      sheet.addRow(EMPLOYMENT_HEADER);
      // numFmtId 14 is Excel's short date: 01-02-2024 on a Danish machine.
      sheet.addRow(["X1", "Kort dato", "T1", "caseworker", 1, utc(2024, 2, 1), null, null]).getCell(6).numFmt = "mm-dd-yy";
      const custom = sheet.addRow(["X2", "Dansk format", "T1", "caseworker", 1, utc(2023, 12, 31), utc(2024, 6, 30), "resignation"]);
      custom.getCell(6).numFmt = "dd-mm-yyyy";
      custom.getCell(7).numFmt = "dd.mm.yyyy;@";
      sheet.addRow(["X3", "Lang dato", "T2", "caseworker", 1, utc(2024, 2, 29), null, null]).getCell(6).numFmt = "[$-406]d. mmmm yyyy;@";
    }));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect(await stored(["X1", "X2", "X3"])).toEqual([
      { id: "X1", name: "Kort dato", unit: "T1", fte: 1, start: "2024-02-01", end: null },
      { id: "X2", name: "Dansk format", unit: "T1", fte: 1, start: "2023-12-31", end: "2024-06-30" },
      { id: "X3", name: "Lang dato", unit: "T2", fte: 1, start: "2024-02-29", end: null },
    ]);
  });

  it("a workbook saved with the 1904 date system gives the same calendar dates", async () => {
    const r = await run("employments", "mac.xlsx", await workbook((wb) => {
      wb.properties.date1904 = true;
      const sheet = wb.addWorksheet("Ark1");
      sheet.addRow(EMPLOYMENT_HEADER);
      sheet.addRow(["X4", "Mac", "T1", "caseworker", 1, utc(2024, 3, 1), null, null]).getCell(6).numFmt = "dd-mm-yyyy";
    }));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect((await stored(["X4"]))[0].start).toBe("2024-03-01");
  });

  it("dates typed as text, 01-02-2024 and 1.2.2024, are read as Danish dates", async () => {
    const r = await run("employments", "tekstdatoer.xlsx", await workbook((wb) => {
      const sheet = wb.addWorksheet("Ark1");
      sheet.addRow(EMPLOYMENT_HEADER);
      sheet.addRow(["X5", "Tekst", "T1", "caseworker", 1, "01-02-2024", "1.2.2025", "retirement"]);
    }));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect(await stored(["X5"])).toEqual([{ id: "X5", name: "Tekst", unit: "T1", fte: 1, start: "2024-02-01", end: "2025-02-01" }]);
  });

  it("a date column of serial numbers (not formatted as dates) is refused with how to fix it", async () => {
    const r = await refused("employments", "serienumre.xlsx", await workbook((wb) => {
      const sheet = wb.addWorksheet("Ark1");
      sheet.addRow(EMPLOYMENT_HEADER);
      // What "paste values" into an unformatted sheet leaves: 45323 is 2024-02-01.
      sheet.addRow(["X6", "Serie", "T1", "caseworker", 1, 45323, null, null]);
    }));
    expect(brief(r)).toEqual([{ row: 2, column: "start_date", value: "45323", key: "value.dateSerial" }]);
    expect(r.errors[0].reason).toContain("Formatér kolonnen som Dato");
  });
});

describe("numbers and formulas", () => {
  it("numbers stored as text (decimal comma, hours, counts) are read as numbers", async () => {
    const r = await run("survey-results", "tal-som-tekst.xlsx", await workbook((wb) => {
      const sheet = wb.addWorksheet("Ark1");
      sheet.addRow(["survey_round", "closed_on", "unit_code", "dimension", "score", "respondents", "invited"]);
      sheet.addRow(["2024-efterår", "15-11-2024", "T1", "trivsel", "62,5", "8", " 10 "]);
      sheet.addRow(["2024-efterår", utc(2024, 11, 15), "T2", "trivsel", 71.25, 9, null]).getCell(2).numFmt = "dd-mm-yyyy";
    }));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    const results = await rows<{ unit: string; score: number; respondents: number; invited: number | null; closed: string }>(sql`
      select u.code as unit, r.score::float8 as score, r.respondents, r.invited, s.closed_on::text as closed
      from survey_results r join units u on u.id = r.unit_id join survey_rounds s on s.key = r.survey_round order by u.code`);
    expect(results).toEqual([
      { unit: "T1", score: 62.5, respondents: 8, invited: 10, closed: "2024-11-15" },
      { unit: "T2", score: 71.25, respondents: 9, invited: null, closed: "2024-11-15" },
    ]);
  });

  it("formulas are read by their cached results: hours, a computed end date, text, a shared formula", async () => {
    const r = await run("employments", "formler.xlsx", await workbook((wb) => {
      const sheet = wb.addWorksheet("Ark1");
      sheet.addRow([...EMPLOYMENT_HEADER, "timer"]);
      const a = sheet.addRow([
        "F1", { formula: 'PROPER("anne hansen")', result: "Anne Hansen" }, "T1", { formula: 'LOWER("CASEWORKER")', result: "caseworker" },
        { formula: "I2", result: 30 }, utc(2024, 1, 1), { formula: "F2+365", result: 45657 }, "fixed_term_end", 30,
      ]);
      a.getCell(6).numFmt = "dd-mm-yyyy";
      a.getCell(7).numFmt = "dd-mm-yyyy";
      const b = sheet.addRow(["F2", "Bo", "T2", "caseworker", { sharedFormula: "E2", result: 37 }, utc(2024, 1, 1), null, null, 37]);
      b.getCell(6).numFmt = "dd-mm-yyyy";
    }));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect(await stored(["F1", "F2"])).toEqual([
      // 30 hours / 37; 45657 is 2024-12-31.
      { id: "F1", name: "Anne Hansen", unit: "T1", fte: 0.8108, start: "2024-01-01", end: "2024-12-31" },
      { id: "F2", name: "Bo", unit: "T2", fte: 1, start: "2024-01-01", end: null },
    ]);
  });

  it("a formula never calculated or showing an error refuses the file, naming the cells, with the other rows' errors", async () => {
    const r = await refused("employments", "uberegnet.xlsx", await workbook((wb) => {
      const sheet = wb.addWorksheet("Personale");
      sheet.addRow([...EMPLOYMENT_HEADER, "opslag"]);
      // A program that writes formulas without results (as exceljs does) and a failed VLOOKUP.
      sheet.addRow(["F3", { formula: 'VLOOKUP("F3",Navne!A:B,2,FALSE)', result: { error: "#N/A" } }, "T1", "caseworker", 1, "2024-01-01", { formula: "F2+365" }, "resignation"]);
      sheet.addRow(["F4", "Cai", "T1", "caseworker", "en", "2024-01-01", null, null]);
    }));
    // Row 2 is held back: its empty end_date would only add a misleading "end_reason without end_date".
    expect(brief(r)).toEqual([
      { row: null, column: null, value: null, key: "file.cellsWithoutValue" },
      { row: 3, column: "fte", value: "en", key: "value.number" },
    ]);
    expect(r.errors[0].params).toEqual({ sheet: "Personale", cells: "B2, G2", count: 2 });
    expect(r.errors[0].reason).toContain("gem filen igen");
  });
});

describe("sheets and header", () => {
  it("an empty first sheet and a hidden sheet of lists are passed over, and the warning names the sheet read", async () => {
    const r = await run("employments", "ark.xlsx", await workbook((wb) => {
      wb.addWorksheet("Ark1");
      const lists = wb.addWorksheet("Lister", { state: "hidden" });
      lists.addRow(["caseworker", "specialist", "manager"]);
      const data = wb.addWorksheet("Ansatte");
      data.addRow(EMPLOYMENT_HEADER);
      data.addRow(["S1", "Sara", "T1", "caseworker", 1, "2024-05-01", null, null]);
    }));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect(r.warnings.map((w) => w.message)).toEqual(['Arket "Ansatte" blev læst; tomme eller skjulte ark foran det blev sprunget over: "Ark1", "Lister".']);
    expect(await stored(["S1"])).toEqual([{ id: "S1", name: "Sara", unit: "T1", fte: 1, start: "2024-05-01", end: null }]);
  });

  it("a workbook whose sheets are all empty or hidden is refused as having no data", async () => {
    const r = await refused("employments", "tom.xlsx", await workbook((wb) => {
      wb.addWorksheet("Ark1");
      wb.addWorksheet("Skjult", { state: "hidden" }).addRow(EMPLOYMENT_HEADER);
    }));
    expect(r.errors.map((e) => e.key)).toEqual(["file.noSheet"]);
  });

  it("a report title above the header is refused, naming the header's row, not misread as the header", async () => {
    const r = await refused("employments", "rapport.xlsx", await workbook((wb) => {
      const sheet = wb.addWorksheet("Rapport");
      sheet.addRow(["Medarbejdere i Familiecentret pr. 01-02-2024"]);
      sheet.mergeCells("A1:H1");
      sheet.addRow(["Udtrukket af HR", null, null, "Side 1"]);
      sheet.addRow([]);
      sheet.addRow(EMPLOYMENT_HEADER.map((h) => h.toUpperCase()));
      sheet.addRow(["R1", "Rie", "T1", "caseworker", 1, "2024-01-01", null, null]);
    }));
    expect(brief(r)).toEqual([{ row: null, column: null, value: null, key: "file.headerNotFirst" }]);
    expect(r.errors[0].reason).toBe("Overskriftsrækken skal være den første række, men den står i række 4. Slet rækkerne over den (fx en titel), og importér igen.");
  });

  it("a CSV report with a title line above the header is refused the same way", async () => {
    const r = await refused("employments", "rapport.csv", Buffer.from(csv(
      "Ansatte pr. 01-02-2024;;;;;",
      "employee_id;unit_code;role;fte;start_date",
      "R2;T1;caseworker;1;2024-01-01",
    )));
    expect(r.errors.map((e) => ({ key: e.key, params: e.params }))).toEqual([{ key: "file.headerNotFirst", params: { row: 2 } }]);
  });

  it("a header naming none of the columns, with no header below, still lists the missing columns", async () => {
    const r = await refused("employments", "forkert.csv", Buffer.from(csv("medarbejder;enhed", "R3;T1")));
    expect(r.errors.map((e) => e.key)).toEqual(["header.missing", "header.missing", "header.missing", "header.missing", "header.missing"]);
  });

  it("header cells with trailing spaces, other case and order, and empty formatted rows below the data", async () => {
    const r = await run("employments", "pynt.xlsx", await workbook((wb) => {
      const sheet = wb.addWorksheet("Ark1");
      sheet.addRow(["Start_Date ", " FTE", "Unit_Code", "ROLE", "Employee_ID  "]);
      sheet.addRow([utc(2024, 6, 1), "0,5", " T2 ", "Caseworker ", "P1"]).getCell(1).numFmt = "dd-mm-yyyy";
      // Formatting left on empty rows below the data, as Excel keeps it.
      for (let i = 0; i < 3; i++) sheet.addRow([null, null, null]).eachCell({ includeEmpty: true }, (c) => { c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } }; });
      sheet.getCell("A5").numFmt = "dd-mm-yyyy";
    }));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
    expect(r.rowsTotal).toBe(1);
    expect(await stored(["P1"])).toEqual([{ id: "P1", name: null, unit: "T2", fte: 0.5, start: "2024-06-01", end: null }]);
  });
});
