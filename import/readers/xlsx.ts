// XLSX: a zip, so its central directory is checked BEFORE anything is unpacked (entry count and
// declared uncompressed size), then every entry is inflated once through yauzl, which refuses an
// entry that inflates beyond what it declared, so a lying zip bomb stops at the limit too. Only
// then does exceljs's streaming reader read the first worksheet.
import yauzl from "yauzl";
import ExcelJS from "exceljs";
import { ImportFileError } from "../errors";
import type { SheetRow } from "./types";

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxEntries: number;
}

function zipError(error: unknown): ImportFileError {
  if (error instanceof ImportFileError) return error;
  return new ImportFileError("file.zipCorrupt", { detail: error instanceof Error ? error.message : String(error) });
}

/**
 * exceljs's streaming reader reads a worksheet at once when shared strings and relations came
 * before it, but takes number formats (which cells are dates) from styles.xml: a workbook that
 * stores styles after the sheet would have its dates read as serial numbers. Such a workbook is
 * read whole instead (its size is already bounded by the zip limits).
 */
export function streamable(entryNames: readonly string[]): boolean {
  const firstSheet = entryNames.findIndex((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const styles = entryNames.indexOf("xl/styles.xml");
  const strings = entryNames.indexOf("xl/sharedStrings.xml");
  const rels = entryNames.indexOf("xl/_rels/workbook.xml.rels");
  const sheetReadAtOnce = strings !== -1 && strings < firstSheet && rels !== -1 && rels < firstSheet;
  return !(sheetReadAtOnce && styles > firstSheet);
}

/** Checks the limits; returns whether the streaming reader will read the workbook right. */
export async function checkZip(filePath: string, limits: ZipLimits): Promise<{ streamable: boolean }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await (yauzl as unknown as { openPromise(p: string, o: yauzl.Options): Promise<yauzl.ZipFile> })
      .openPromise(filePath, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    throw zipError(error);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ImportFileError("file.zipTooManyEntries", { count: zip.entryCount, limit: limits.maxEntries });
    }
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => {
        entries.push(entry);
        declared += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.on("end", resolve);
      zip.on("error", reject);
      zip.readEntry();
    });
    const names = entries.map((e) => e.fileName);
    if (declared > limits.maxUncompressedBytes) {
      throw new ImportFileError("file.zipTooLarge", { size: declared, limit: limits.maxUncompressedBytes });
    }
    let inflated = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s!))),
      );
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limits.maxUncompressedBytes) {
          (stream as unknown as { destroy(): void }).destroy();
          throw new ImportFileError("file.zipTooLarge", { size: `> ${inflated}`, limit: limits.maxUncompressedBytes });
        }
      }
    }
    return { streamable: streamable(names) };
  } catch (error) {
    throw zipError(error);
  } finally {
    zip.close();
  }
}

function isoDateOf(value: Date): string {
  // exceljs gives Excel dates as UTC midnights.
  return value.toISOString().slice(0, 10);
}

/** A cell as the text a CSV export of it would hold. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoDateOf(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return value.trim();
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("").trim();
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("formula" in value || "sharedFormula" in value) return "";
    if ("text" in value) return cellText((value as { text: ExcelJS.CellValue }).text);
    if ("error" in value) return String(value.error);
  }
  return String(value);
}

function rowCells(row: ExcelJS.Row): string[] {
  // row.values is 1-based: index 0 is always empty.
  const values = row.values as ExcelJS.CellValue[];
  const cells: string[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
  return cells;
}

export async function* readXlsx(filePath: string, stream = true): AsyncGenerator<SheetRow> {
  if (!stream) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.readFile(filePath);
    } catch (error) {
      throw new ImportFileError("file.zipCorrupt", { detail: error instanceof Error ? error.message : String(error) });
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new ImportFileError("file.noSheet");
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => rows.push({ row: row.number, cells: rowCells(row) }));
    yield* rows;
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "emit",
  });
  let sawSheet = false;
  try {
    for await (const worksheet of reader) {
      sawSheet = true;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        yield { row: row.number, cells: rowCells(row) };
      }
      // The first sheet only: the contract says so, and the rest may be notes.
      break;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("file.zipCorrupt", { detail: error instanceof Error ? error.message : String(error) });
  }
  if (!sawSheet) throw new ImportFileError("file.noSheet");
}
