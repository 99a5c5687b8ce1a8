// The readers' pieces behind the office-file integration tests: the streaming XLSX reader, and the
// rules that tell dates, unusable cells and a title above the header apart.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { ImportFileError } from "../../import/errors";
import { looksLikeCpr } from "../../import/parse";
import { readHeader } from "../../import/readers/header";
import { inspectFile } from "../../import/readers/sniff";
import { cellText, isDateFormat, readXlsx, serialDate } from "../../import/readers/xlsx";
import type { ReaderNote, SheetRow } from "../../import/readers/types";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-office-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function save(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function read(file: string): Promise<{ rows: SheetRow[]; notes: ReaderNote[] }> {
  const notes: ReaderNote[] = [];
  const rows: SheetRow[] = [];
  for await (const row of readXlsx(file, notes)) rows.push(row);
  return { rows, notes };
}

async function refusal(file: string): Promise<ImportFileError> {
  try {
    await read(file);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error("expected the workbook to be refused");
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("XLSX read", () => {
  it("gives a formula's date result as a date, in both date systems", async () => {
    for (const date1904 of [false, true]) {
      const file = await save(`formel-${date1904}.xlsx`, (wb) => {
        wb.properties.date1904 = date1904;
        const sheet = wb.addWorksheet("Ark1");
        sheet.addRow(["start", "slut"]);
        const row = sheet.addRow([utc(2024, 1, 1), { formula: "A2+365", result: date1904 ? 44195 : 45657 }]);
        row.getCell(1).numFmt = "dd-mm-yyyy";
        row.getCell(2).numFmt = "dd-mm-yyyy";
      });
      expect((await read(file)).rows.map((r) => r.cells), `1904: ${date1904}`).toEqual([["start", "slut"], ["2024-01-01", "2024-12-31"]]);
    }
  });

  it("passes over empty and hidden sheets and says which sheet it read", async () => {
    const file = await save("ark.xlsx", (wb) => {
      wb.addWorksheet("Ark1").addRow([]);
      wb.addWorksheet("Lister", { state: "veryHidden" }).addRow(["a", "b"]);
      wb.addWorksheet("Data").addRow(["x", "y"]);
      wb.addWorksheet("Noter").addRow(["not read"]);
    });
    const { rows, notes } = await read(file);
    expect(rows).toEqual([{ row: 1, cells: ["x", "y"] }]);
    expect(notes).toEqual([{ key: "warning.sheetsSkipped", params: { sheet: "Data", skipped: '"Ark1", "Lister"' } }]);
  });

  it("says nothing when the first sheet is read", async () => {
    const file = await save("et-ark.xlsx", (wb) => wb.addWorksheet("Data").addRow(["x"]));
    expect((await read(file)).notes).toEqual([]);
  });

  it("refuses a formula without a result or showing an error, naming at most five cells and the count", async () => {
    const file = await save("fejl.xlsx", (wb) => {
      const sheet = wb.addWorksheet("Ark1");
      sheet.addRow(["a", "b"]);
      for (let i = 0; i < 4; i++) sheet.addRow([{ formula: "1/0", result: { error: "#DIV/0!" } }, { formula: "B1" }]);
    });
    const error = await refusal(file);
    expect(error.key).toBe("file.cellsWithoutValue");
    expect(error.params).toEqual({ sheet: "Ark1", cells: "A2, B2, A3, B3, A4 …", count: 8 });
  });

  it("refuses at once when the header row has such a cell", async () => {
    const file = await save("overskrift.xlsx", (wb) => {
      const sheet = wb.addWorksheet("Ark1");
      sheet.addRow(["a", { formula: 'UPPER("b")' }]);
      sheet.addRow(["1", "2"]);
    });
    expect((await refusal(file)).params).toEqual({ sheet: "Ark1", cells: "B1", count: 1 });
  });
});

describe("cell values", () => {
  it("tells date formats from number formats", () => {
    for (const format of ["mm-dd-yy", "dd-mm-yyyy", "dd.mm.yyyy;@", "[$-406]d. mmmm yyyy;@", "[$-F800]dddd, mmmm dd, yyyy", "yyyy-mm-dd hh:mm"]) {
      expect(isDateFormat(format), format).toBe(true);
    }
    for (const format of [undefined, "", "General", "0.00", "#,##0", '0" dage"', "0\\ \\d\\a\\g\\e", '_-* #,##0.00 "kr."_-', "[Red]0.0", "@", "0%"]) {
      expect(isDateFormat(format), String(format)).toBe(false);
    }
  });

  it("turns serial days into calendar dates in both date systems", () => {
    expect(serialDate(45323, false)).toBe("2024-02-01");
    expect(serialDate(45323.75, false)).toBe("2024-02-01");
    expect(serialDate(45323 - 1462, true)).toBe("2024-02-01");
    expect(serialDate(60, false)).toBe("1900-02-28");
  });

  it("reads each kind of value as a CSV export would hold it, and null for no trustworthy value", () => {
    expect(cellText(utc(2024, 2, 29))).toBe("2024-02-29");
    expect(cellText(0.8)).toBe("0.8");
    expect(cellText(true)).toBe("true");
    expect(cellText("  Team Øst ")).toBe("Team Øst");
    expect(cellText({ richText: [{ text: "Team " }, { text: "Øst " }] })).toBe("Team Øst");
    expect(cellText({ text: "mail@kommune.dk", hyperlink: "mailto:mail@kommune.dk" })).toBe("mail@kommune.dk");
    expect(cellText({ formula: "A1*2", result: 74 })).toBe("74");
    expect(cellText({ formula: "A1+1", result: 45324 }, { numFmt: "dd-mm-yyyy", date1904: false })).toBe("2024-02-02");
    expect(cellText({ formula: "A1", result: "" })).toBe("");
    expect(cellText({ formula: "A1" })).toBeNull();
    expect(cellText({ formula: "1/0", result: { error: "#DIV/0!" } })).toBeNull();
    expect(cellText({ error: "#N/A" })).toBeNull();
    expect(cellText(Number.NaN)).toBeNull();
  });
});

describe("header row", () => {
  const columns = [{ name: "employee_id", required: true }, { name: "unit_code", required: true }, { name: "note", required: false }];
  async function header(rows: string[][]) {
    async function* source() {
      let n = 1;
      for (const cells of rows) yield { row: n++, cells };
    }
    return readHeader(source(), columns);
  }

  it("takes the first non-blank row, even one naming a single known column", async () => {
    expect(await header([["", ""], ["Employee_ID", "x"], ["E1", "T1"]])).toEqual({ header: { row: 2, cells: ["Employee_ID", "x"] }, lookahead: [] });
  });

  it("refuses a title above a header that names every required column", async () => {
    await expect(header([["Rapport"], ["Udtrukket 01-02-2024"], [], ["EMPLOYEE ID", "Unit-Code"], ["E1", "T1"]])).rejects.toMatchObject({
      key: "file.headerNotFirst", params: { row: 4 },
    });
  });

  it("hands back the rows it looked at when no header is below, so none is lost", async () => {
    const result = await header([["medarbejder", "enhed"], ["E1", "T1"], [], ["E2", "T2"]]);
    expect(result.header).toEqual({ row: 1, cells: ["medarbejder", "enhed"] });
    expect(result.lookahead).toEqual([{ row: 2, cells: ["E1", "T1"] }, { row: 4, cells: ["E2", "T2"] }]);
  });

  it("looks no further than ten rows below the first", async () => {
    const rows = [["Rapport"], ...Array.from({ length: 10 }, (_, i) => [`linje ${i}`]), ["employee_id", "unit_code"]];
    expect((await header(rows)).header).toEqual({ row: 1, cells: ["Rapport"] });
  });
});

describe("text encodings", () => {
  it("recognises UTF-16 by its byte-order mark, and refuses UTF-16 holding NUL characters", async () => {
    const le = path.join(dir, "le.txt");
    fs.writeFileSync(le, Buffer.from("\uFEFFa\tb\r\n", "utf16le"));
    expect(await inspectFile(le)).toMatchObject({ shape: "text", encoding: "utf-16le" });
    const nul = path.join(dir, "nul.txt");
    fs.writeFileSync(nul, Buffer.from("\uFEFFa\u0000b\r\n", "utf16le"));
    expect(await inspectFile(nul)).toMatchObject({ shape: "binary" });
  });
});

describe("numbers with a zero-padding format", () => {
  it("read as Excel shows them, so ids keep their leading zeros and a CPR number is seen", () => {
    // A CPR number 0101901234 typed into a cell formatted 0000000000 is stored as 101901234.
    expect(cellText(101901234, { numFmt: "0000000000", date1904: false })).toBe("0101901234");
    expect(looksLikeCpr(cellText(101901234, { numFmt: "0000000000", date1904: false })!)).toBe(true);
    expect(cellText(101901234, { numFmt: "000000-0000", date1904: false })).toBe("010190-1234");
    expect(cellText(123, { numFmt: "00000", date1904: false })).toBe("00123");
    // Other formats and fractions are read as before.
    expect(cellText(123, { numFmt: "General", date1904: false })).toBe("123");
    expect(cellText(0.5, { numFmt: "0000", date1904: false })).toBe("0.5");
  });
});
