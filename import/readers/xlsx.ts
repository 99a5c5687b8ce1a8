// XLSX: a zip, so its central directory is checked BEFORE anything is unpacked (entry count and
// declared uncompressed size), then every entry is inflated once through yauzl, which refuses an
// entry that inflates beyond what it declared, so a lying zip bomb stops at the limit too. Only
// then are the sheets streamed, by the zip's central directory (xlsx-stream.ts).
import yauzl from "yauzl";
import ExcelJS from "exceljs";
import { ImportFileError } from "../errors";
import type { ReaderNote, SheetRow } from "./types";
import { streamSheets } from "./xlsx-stream";

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Uncompressed ÷ compressed size allowed for an entry above RATIO_FLOOR_BYTES (XLSX_MAX_COMPRESSION_RATIO). */
  maxCompressionRatio?: number;
}

/** A real workbook's sheets deflate 5–30×; a zip bomb's by hundreds or thousands. */
export const DEFAULT_COMPRESSION_RATIO = 100;
/** Small entries (a tiny styles.xml of zeros) may compress far better without being a threat. */
export const RATIO_FLOOR_BYTES = 1024 * 1024;
function zipError(error: unknown): ImportFileError {
  if (error instanceof ImportFileError) return error;
  return new ImportFileError("file.zipCorrupt", { detail: error instanceof Error ? error.message : String(error) });
}

/** Checks the limits, from the central directory and then by inflating every entry once. */
export async function checkZip(filePath: string, limits: ZipLimits): Promise<void> {
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
    if (declared > limits.maxUncompressedBytes) {
      throw new ImportFileError("file.zipTooLarge", { size: declared, limit: limits.maxUncompressedBytes });
    }
    const maxRatio = limits.maxCompressionRatio ?? DEFAULT_COMPRESSION_RATIO;
    const ratioError = (entry: yauzl.Entry, size: number) =>
      new ImportFileError("file.zipRatio", { entry: entry.fileName, ratio: Math.round(size / Math.max(1, entry.compressedSize)), limit: maxRatio });
    // From the central directory first: a bomb is refused without inflating a byte of it.
    for (const entry of entries) {
      if (entry.uncompressedSize > RATIO_FLOOR_BYTES && entry.uncompressedSize > maxRatio * entry.compressedSize) throw ratioError(entry, entry.uncompressedSize);
    }
    let inflated = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s!))),
      );
      let entryBytes = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        entryBytes += chunk.length;
        if (inflated > limits.maxUncompressedBytes) {
          (stream as unknown as { destroy(): void }).destroy();
          throw new ImportFileError("file.zipTooLarge", { size: `> ${inflated}`, limit: limits.maxUncompressedBytes });
        }
        // An entry that lied about its size is held to the ratio as it inflates.
        if (entryBytes > RATIO_FLOOR_BYTES && entryBytes > maxRatio * entry.compressedSize) {
          (stream as unknown as { destroy(): void }).destroy();
          throw ratioError(entry, entryBytes);
        }
      }
    }
  } catch (error) {
    throw zipError(error);
  } finally {
    zip.close();
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
// Day 0 of Excel's two calendars as Unix milliseconds: 1899-12-30, and 1904-01-01 for workbooks
// saved with "1904 date system" (old Mac Excel).
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function isoDateOf(value: Date): string {
  // exceljs gives Excel dates as UTC midnights.
  return value.toISOString().slice(0, 10);
}

/**
 * Whether a number format shows a date, by the rule exceljs applies to plain cells (a d, m, y, h or
 * s outside quotes and brackets), also skipping backslash-escaped and padding characters.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const codes = format.replace(/\[[^\]]*\]/g, "").replace(/"[^"]*"/g, "").replace(/[\\_*]./g, "");
  return /[dmyhs]/i.test(codes);
}

/** An Excel serial day number as the calendar date it shows. */
export function serialDate(serial: number, date1904: boolean): string {
  return isoDateOf(new Date(Math.round((date1904 ? EPOCH_1904 : EPOCH_1900) + serial * DAY_MS)));
}

export interface CellFormat {
  numFmt?: string;
  date1904: boolean;
}

/**
 * A whole number as a zero-padding format shows it ("0000000000", "000000-0000"): Excel keeps ids
 * such as 00123, or a CPR number typed as 0101901234, as numbers and only displays the zeros. Read
 * as shown, the id matches the case system's CSV files, and a CPR number is recognised and refused.
 */
export function numberText(value: number, numFmt: string | undefined): string {
  const padding = numFmt ? /^(0+)(?:(-)(0+))?$/.exec(numFmt.trim()) : null;
  if (!padding || !Number.isInteger(value) || value < 0) return String(value);
  const tail = padding[3] ?? "";
  const digits = String(value).padStart(padding[1].length + tail.length, "0");
  return tail ? `${digits.slice(0, digits.length - tail.length)}-${digits.slice(-tail.length)}` : digits;
}

/**
 * A cell as the text a CSV export of it would hold, or null when it shows no value the import can
 * trust: an error (#I/T, #DIVISION/0!) or a formula whose result was never calculated and stored.
 */
export function cellText(value: ExcelJS.CellValue, format: CellFormat = { date1904: false }): string | null {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoDateOf(value);
  if (typeof value === "number") return Number.isFinite(value) ? numberText(value, format.numFmt) : null;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return value.trim();
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("").trim();
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || result === null) return null;
      // exceljs's streaming reader leaves a formula's date result as its serial number.
      if (typeof result === "number" && isDateFormat(format.numFmt)) return serialDate(result, format.date1904);
      return cellText(result, format);
    }
    if ("error" in value) return null;
    if ("text" in value) return cellText((value as { text: ExcelJS.CellValue }).text, format);
  }
  return String(value);
}

/** Cells that show no trustworthy value, collected per sheet so one message names them all. */
class UnusableCells {
  readonly addresses: string[] = [];
  add(address: string): void {
    this.addresses.push(address);
  }
  error(sheet: string): ImportFileError {
    const shown = this.addresses.slice(0, 5).join(", ") + (this.addresses.length > 5 ? " …" : "");
    return new ImportFileError("file.cellsWithoutValue", { sheet, cells: shown, count: this.addresses.length });
  }
}

function rowCells(row: ExcelJS.Row, date1904: boolean, unusable: UnusableCells): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    while (cells.length < column - 1) cells.push("");
    const text = cellText(cell.value, { numFmt: cell.numFmt, date1904 });
    if (text === null) unusable.add(cell.address);
    cells.push(text ?? "");
  });
  return cells;
}

/**
 * The rows of the first visible sheet that holds data: a workbook often starts with an empty
 * "Ark1" or a hidden sheet of drop-down lists. `notes` says which sheet was read when it was not
 * the first. A cell showing an error or an uncalculated formula refuses the file, naming the
 * cells, since reading it as empty could store a wrong "none". Its row is held back, so the other
 * rows' errors come with that message and none of them is an effect of the missing value.
 */
export async function* readXlsx(filePath: string, notes: ReaderNote[] = []): AsyncGenerator<SheetRow> {
  const passed: string[] = [];
  try {
    for await (const sheet of streamSheets(filePath)) {
      const unusable = new UnusableCells();
      let hasData = false;
      // A hidden sheet is never opened, so never inflated.
      if (sheet.hidden) {
        passed.push(`"${sheet.name}"`);
        continue;
      }
      for await (const row of sheet.rows()) {
        const before = unusable.addresses.length;
        const cells = rowCells(row, sheet.date1904, unusable);
        if (unusable.addresses.length > before) {
          // Without its header row nothing else in the sheet can be read.
          if (!hasData) throw unusable.error(sheet.name);
          continue;
        }
        if (!hasData) {
          if (cells.every((c) => c === "")) continue;
          hasData = true;
          if (passed.length) notes.push({ key: "warning.sheetsSkipped", params: { sheet: sheet.name, skipped: passed.join(", ") } });
        }
        yield { row: row.number, cells };
      }
      if (unusable.addresses.length) throw unusable.error(sheet.name);
      if (hasData) return;
      passed.push(`"${sheet.name}"`);
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("file.zipCorrupt", { detail: error instanceof Error ? error.message : String(error) });
  }
  throw new ImportFileError("file.noSheet");
}
