import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { openSheet, type ReaderLimits, type SheetRow } from "../../import/readers";
import { ImportFileError } from "../../import/errors";
import yauzl from "yauzl";
import { buildZip } from "../fixtures/import/zip";

/** Every entry of a zip, in its stored order. */
async function unzipAll(buffer: Buffer): Promise<Array<{ name: string; data: Buffer }>> {
  const zip = await (yauzl as unknown as { fromBufferPromise(b: Buffer, o: object): Promise<yauzl.ZipFile> }).fromBufferPromise(buffer, { lazyEntries: true });
  const out: Array<{ name: string; data: Buffer }> = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, async (err, stream) => {
        if (err || !stream) return reject(err);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
        zip.readEntry();
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return out;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-readers-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LIMITS: ReaderLimits = { maxBytes: 10 * 1024 * 1024, maxUncompressedBytes: 10 * 1024 * 1024, maxEntries: 100 };

function write(name: string, content: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function rowsOf(file: string, name = path.basename(file), limits = LIMITS): Promise<SheetRow[]> {
  const opened = await openSheet(file, name, limits);
  const rows: SheetRow[] = [];
  for await (const row of opened.rows) rows.push(row);
  return rows;
}

async function fileError(file: string, name = path.basename(file), limits = LIMITS): Promise<ImportFileError> {
  try {
    await rowsOf(file, name, limits);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

describe("CSV reader", () => {
  it("reads UTF-8 with a BOM, semicolons and quoted fields with separators and line breaks", async () => {
    const file = write("bom.csv", "\uFEFFunit_code;name\r\nFC-1;\"Team; Øst\"\r\nFC-2;\"To\nlinjer\"\r\n");
    expect(await rowsOf(file)).toEqual([
      { row: 1, cells: ["unit_code", "name"] },
      { row: 2, cells: ["FC-1", "Team; Øst"] },
      // A row is numbered by the line it starts on, as the spreadsheet shows it.
      { row: 3, cells: ["FC-2", "To\nlinjer"] },
    ]);
  });

  it("reads UTF-8 without BOM and comma-separated with quoted decimal commas", async () => {
    const file = write("comma.csv", 'employee_id,fte\nE1,"0,8"\n');
    expect((await rowsOf(file)).map((r) => r.cells)).toEqual([["employee_id", "fte"], ["E1", "0,8"]]);
  });

  it("honours Excel's sep= line and numbers rows as Excel shows them", async () => {
    const file = write("sep.csv", "sep=,\r\nunit_code,name\r\nFC-1,Team Øst\r\n");
    expect(await rowsOf(file)).toEqual([
      { row: 1, cells: ["unit_code", "name"] },
      { row: 2, cells: ["FC-1", "Team Øst"] },
    ]);
  });

  it("detects Windows-1252 and converts æøå and € to UTF-8", async () => {
    // 0x80 is € in Windows-1252 (a control character in Latin-1): the proof the right table is used.
    const bytes = Buffer.concat([Buffer.from("name;note\nDøgnafdelingen;Børn og unge ", "latin1"), Buffer.from([0x80]), Buffer.from("\n")]);
    const file = write("ansi.csv", bytes);
    const opened = await openSheet(file, "ansi.csv", LIMITS);
    expect(opened.inspection.encoding).toBe("windows-1252");
    const rows: SheetRow[] = [];
    for await (const row of opened.rows) rows.push(row);
    expect(rows[1].cells).toEqual(["Døgnafdelingen", "Børn og unge €"]);
  });

  it("refuses random bytes as neither CSV nor XLSX", async () => {
    const file = write("random.csv", randomBytes(4096));
    expect((await fileError(file)).key).toBe("file.binary");
  });

  it("refuses an empty file", async () => {
    expect((await fileError(write("empty.csv", ""))).key).toBe("file.empty");
  });

  it("reads UTF-16 text with a byte-order mark (Excel's Unicode-tekst), tab-separated", async () => {
    const file = write("utf16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\tb\r\nø\t\"x\ty\"\r\n", "utf16le")]));
    const opened = await openSheet(file, "utf16.txt", LIMITS);
    expect(opened.inspection.encoding).toBe("utf-16le");
    const rows: SheetRow[] = [];
    for await (const row of opened.rows) rows.push(row);
    expect(rows.map((r) => r.cells)).toEqual([["a", "b"], ["ø", "x\ty"]]);
  });

  it("states the byte limit when a file is too large", async () => {
    const file = write("big.csv", "a;b\n" + "1;2\n".repeat(100));
    const error = await fileError(file, "big.csv", { ...LIMITS, maxBytes: 100 });
    expect(error.key).toBe("file.tooLarge");
    expect(error.params.limit).toBe(100);
  });

  it("refuses an old .xls workbook", async () => {
    const file = write("old.xls", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]));
    expect((await fileError(file)).key).toBe("file.xls");
  });
});

describe("XLSX reader", () => {
  async function workbook(name: string, rows: unknown[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Ark1");
    for (const row of rows) sheet.addRow(row);
    wb.addWorksheet("Noter").addRow(["not read"]);
    const file = path.join(dir, name);
    await wb.xlsx.writeFile(file);
    return file;
  }

  it("reads the first sheet: dates as ISO dates, numbers, booleans and text", async () => {
    const file = await workbook("ok.xlsx", [
      ["employee_id", "fte", "start_date", "is_manager"],
      ["E1", 0.8, new Date(Date.UTC(2024, 1, 29)), true],
      ["E2", 37, "01.03.2024", "nej"],
    ]);
    expect((await rowsOf(file)).map((r) => r.cells)).toEqual([
      ["employee_id", "fte", "start_date", "is_manager"],
      ["E1", "0.8", "2024-02-29", "true"],
      ["E2", "37", "01.03.2024", "nej"],
    ]);
  });

  it("reads dates right when styles.xml comes after the sheet and shared strings before it", async () => {
    // exceljs's own streaming reader read this sheet before knowing which cells are dates.
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Ark1");
    sheet.addRow(["employee_id", "start_date"]);
    sheet.addRow(["E1", new Date(Date.UTC(2024, 1, 29))]);
    const entries = await unzipAll(Buffer.from(await wb.xlsx.writeBuffer()));
    const rank = (name: string) =>
      name === "xl/styles.xml" ? 3 : /^xl\/worksheets\/sheet/.test(name) ? 2 : /sharedStrings|workbook\.xml\.rels|workbook\.xml|Content_Types|^_rels/.test(name) ? 0 : 1;
    const reordered = [...entries].sort((a, b) => rank(a.name) - rank(b.name));
    const file = write("styles-last.xlsx", buildZip(reordered));
    expect((await rowsOf(file)).map((r) => r.cells)).toEqual([["employee_id", "start_date"], ["E1", "2024-02-29"]]);
  });

  it("reads sheet names and strings right when workbook.xml is stored last, after sheets it names", async () => {
    // exceljs's own streaming reader met this sheet before workbook.xml and failed on its name
    // (exceljs #3064); under load its forward pass dropped entries the same way.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Lister", { state: "hidden" }).addRow(["a"]);
    wb.addWorksheet("Data").addRow(["employee_id", "navn"]);
    wb.getWorksheet("Data")!.addRow(["E1", "Åse"]);
    const entries = await unzipAll(Buffer.from(await wb.xlsx.writeBuffer()));
    const rank = (name: string) => (name === "xl/workbook.xml" ? 3 : /^xl\/worksheets\/sheet/.test(name) ? 2 : /sharedStrings|styles|workbook\.xml\.rels/.test(name) ? 0 : 1);
    const file = write("workbook-last.xlsx", buildZip([...entries].sort((a, b) => rank(a.name) - rank(b.name))));
    expect((await rowsOf(file)).map((r) => r.cells)).toEqual([["employee_id", "navn"], ["E1", "Åse"]]);
  });

  it("refuses an XLSX workbook named .csv", async () => {
    const file = await workbook("wb.xlsx", [["a"], ["1"]]);
    const renamed = path.join(dir, "wb.csv");
    fs.copyFileSync(file, renamed);
    expect((await fileError(renamed)).key).toBe("file.zipNamedCsv");
  });

  it("refuses a CSV file named .xlsx", async () => {
    expect((await fileError(write("text.xlsx", "a;b\n1;2\n"))).key).toBe("file.notZip");
  });

  it("refuses a zip whose declared uncompressed size is over the limit before unpacking it", async () => {
    // 4 GB declared for a few bytes of content: the central directory alone condemns it.
    const zip = buildZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.from("<x/>"), declaredSize: 0xfffffff0 }]);
    const error = await fileError(write("declared-bomb.xlsx", zip));
    expect(error.key).toBe("file.zipTooLarge");
    expect(error.params.limit).toBe(LIMITS.maxUncompressedBytes);
  });

  it("refuses a small zip that really inflates beyond the limit", async () => {
    // 20 MB of zeros deflate to about 20 KB; the limit is 10 MB.
    const zip = buildZip([{ name: "xl/sharedStrings.xml", data: Buffer.alloc(20 * 1024 * 1024) }]);
    expect(zip.length).toBeLessThan(100 * 1024);
    expect((await fileError(write("real-bomb.xlsx", zip))).key).toBe("file.zipTooLarge");
  });

  it("refuses a zip that inflates beyond what it declares", async () => {
    // Declares 1 KB per entry, so the declared total passes; inflating stops at the lie.
    const zip = buildZip([{ name: "xl/sharedStrings.xml", data: Buffer.alloc(20 * 1024 * 1024), declaredSize: 1024 }]);
    const error = await fileError(write("lying-bomb.xlsx", zip));
    expect(["file.zipTooLarge", "file.zipCorrupt"]).toContain(error.key);
  });

  it("refuses a part compressed hundreds of times from the central directory, before inflating it", async () => {
    // 8 MB of one repeated row deflates ~1000×: under the size limit, over the ratio of 100.
    const data = Buffer.from("<row><c><v>1</v></c></row>".repeat(300_000));
    const zip = buildZip([{ name: "xl/worksheets/sheet1.xml", data }]);
    const error = await fileError(write("ratio-bomb.xlsx", zip));
    expect(error.key).toBe("file.zipRatio");
    expect(error.params).toMatchObject({ entry: "xl/worksheets/sheet1.xml", limit: 100 });
    // The same part declared small (a lying header) is stopped by the ratio as it inflates.
    const lying = buildZip([{ name: "xl/worksheets/sheet1.xml", data, declaredSize: 1024 }]);
    expect(["file.zipRatio", "file.zipCorrupt"]).toContain((await fileError(write("ratio-lying.xlsx", lying))).key);
  });

  it("refuses a zip with more entries than allowed", async () => {
    const zip = buildZip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.xml`, data: Buffer.from("x") })));
    const error = await fileError(write("many.xlsx", zip), "many.xlsx", { ...LIMITS, maxEntries: 4 });
    expect(error.key).toBe("file.zipTooManyEntries");
    expect(error.params).toEqual({ count: 5, limit: 4 });
  });
});
