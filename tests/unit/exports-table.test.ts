// The generic export writer: what Danish Excel needs from a CSV, and typed cells in the XLSX.
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { formatDecimalComma, neutraliseText, tableToCsv, tableToXlsx, type ExportTable } from "../../exports/table";
import { parseExportArgs } from "../../cli/export";
import { readableError } from "../../cli/error-message";

const TABLE: ExportTable = {
  name: "test",
  columns: [
    { header: "unit_code", kind: "text" },
    { header: "unit_name", kind: "text" },
    { header: "avg_headcount", kind: "number", decimals: 2 },
    { header: "departures", kind: "number" },
    { header: "turnover_pct", kind: "number", decimals: 1 },
  ],
  rows: [
    ["FC-A", 'Team "Nord"; Øst', 12.5, 3, 24],
    ["=HYPERLINK(\"x\")", "-5 minus", 1.005, 0, null],
    ["@SUM", "line\nbreak", -1.25, 7, 12.25],
  ],
};

describe("CSV", () => {
  const text = tableToCsv(TABLE).toString("utf8");

  it("starts with a UTF-8 BOM and ends every record with CRLF", () => {
    const bytes = tableToCsv(TABLE);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.slice(1).split("\r\n")[0]).toBe("unit_code;unit_name;avg_headcount;departures;turnover_pct");
  });

  it("writes numbers with a decimal comma and fixed decimals, an empty cell for null", () => {
    const first = text.slice(1).split("\r\n")[1];
    expect(first).toBe('FC-A;"Team ""Nord""; Øst";12,50;3;24,0');
    // 1.005 → 1,01 (half away from zero); turnover null → empty.
    expect(text).toContain(";1,01;0;\r\n");
    // −1.25 → −1,25 with two decimals; 12.25 → 12,3 with one.
    expect(text).toContain(";-1,25;7;12,3\r\n");
  });

  it("neutralises text cells a spreadsheet would read as a formula, but not numbers", () => {
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain("'-5 minus");
    expect(text).toContain("'@SUM");
    expect(text).toContain(";-1,25;");
  });

  it("quotes fields with separators, quotes and line breaks per RFC 4180", () => {
    expect(text).toContain('"line\nbreak"');
    expect(text).toContain('"Team ""Nord""; Øst"');
  });

  it("neutralises every dangerous first character", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r", "\n", "\0"]) expect(neutraliseText(`${start}x`)).toBe(`'${start}x`);
    expect(neutraliseText("Team 1")).toBe("Team 1");
  });

  it("formats decimal commas from rounded digits", () => {
    expect(formatDecimalComma(0.5, 2)).toBe("0,50");
    expect(formatDecimalComma(2.675, 2)).toBe("2,68");
    expect(formatDecimalComma(1234, 0)).toBe("1234");
    expect(formatDecimalComma(-0.04, 1)).toBe("0,0");
  });
});

describe("XLSX", () => {
  it("holds typed numeric cells, text cells, empty cells and a bold header", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableToXlsx(TABLE)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("test");
    expect(sheet.getRow(1).getCell(1).value).toBe("unit_code");
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(3).value).toBe(12.5);
    expect(sheet.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(2).getCell(3).numFmt).toBe("0.00");
    expect(sheet.getRow(3).getCell(3).value).toBe(1.01);
    expect(sheet.getRow(3).getCell(5).value).toBeNull();
    expect(sheet.getRow(3).getCell(1).value).toBe("'=HYPERLINK(\"x\")");
    expect(sheet.getRow(4).getCell(5).value).toBe(12.3);
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(10);
  });

  it("holds a date column as date cells in XLSX and as ISO text in CSV", async () => {
    const dated: ExportTable = {
      name: "dates",
      columns: [{ header: "unit_code", kind: "text" }, { header: "period_from", kind: "date" }],
      rows: [["FC", "2024-02-29"], ["FC-A", null]],
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableToXlsx(dated)) as unknown as ArrayBuffer);
    const cell = workbook.worksheets[0].getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect((cell.value as Date).toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(cell.numFmt).toBe("yyyy-mm-dd");
    expect(workbook.worksheets[0].getRow(3).getCell(2).value).toBeNull();
    expect(tableToCsv(dated).toString("utf8")).toBe("\uFEFFunit_code;period_from\r\nFC;2024-02-29\r\nFC-A;\r\n");
  });
});

describe("export command line", () => {
  it("accepts the contract's turnover arguments", () => {
    const parsed = parseExportArgs(["turnover", "--from", "2024-01-01", "--to", "2024-12-31", "--unit", "FC", "--format", "xlsx"]);
    expect(parsed).toEqual({ ok: true, args: { kind: "turnover", from: "2024-01-01", to: "2024-12-31", unit: "FC", format: "xlsx" } });
  });

  it("refuses a missing period, a bad date, a reversed period and an unknown kind with readable messages", () => {
    expect(parseExportArgs(["turnover"])).toEqual({ ok: false, problems: ["--from is required for this export", "--to is required for this export"] });
    const bad = parseExportArgs(["turnover", "--from", "2024-02-30", "--to", "2024-01-01"]);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toContain("--from must be a date YYYY-MM-DD");
    const reversed = parseExportArgs(["turnover", "--from", "2024-03-01", "--to", "2024-01-01"]);
    expect(!reversed.ok && reversed.problems).toEqual(["--to must not be before --from"]);
    const unknown = parseExportArgs(["salaries", "--bogus", "1"]);
    expect(!unknown.ok && unknown.problems).toEqual(["unknown option --bogus"]);
    expect(parseExportArgs(["salaries"]).ok).toBe(false);
  });
});

describe("command-line failures", () => {
  it("name the cause of a database error, not the query", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5499"), { code: "ECONNREFUSED" });
    const wrapped = new Error("Failed query: select 1 from units where id = $1\nparams: 7", { cause: refused });
    expect(readableError(wrapped)).toBe("connect ECONNREFUSED 127.0.0.1:5499");
    expect(readableError(new AggregateError([refused, new Error("connect ECONNREFUSED ::1:5499")], ""))).toBe(
      "connect ECONNREFUSED 127.0.0.1:5499; connect ECONNREFUSED ::1:5499");
    expect(readableError(new Error("unit X not found"))).toBe("unit X not found");
  });

  it("call the kind of export by its place, not by an option that does not exist", () => {
    const parsed = parseExportArgs(["nope"]);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual(["the export must be one of: turnover, load, wellbeing"]);
  });
});
