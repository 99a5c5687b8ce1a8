// Opens a stored upload as rows: checks size, extension against content, encoding and (for XLSX)
// the zip limits, then hands back a row stream. File-level problems throw ImportFileError.
import path from "node:path";
import { ImportFileError } from "../errors";
import { inspectFile, type FileInspection } from "./sniff";
import { readCsv } from "./csv";
import { checkZip, readXlsx } from "./xlsx";
import type { ReaderNote, SheetRow } from "./types";

export type { ReaderNote, SheetRow } from "./types";
export { readHeader } from "./header";

export interface ReaderLimits {
  maxBytes: number;
  maxUncompressedBytes: number;
  maxEntries: number;
  maxCompressionRatio?: number;
}

export interface OpenedFile {
  inspection: FileInspection;
  format: "csv" | "xlsx";
  rows: AsyncIterable<SheetRow>;
  /** What the reader noticed (e.g. which sheet it read); complete once the first row has been read. */
  notes: ReaderNote[];
}

/** Inspects the file and returns its rows; `inspection` is there even when it throws (for the log). */
export async function openSheet(
  filePath: string,
  fileName: string,
  limits: ReaderLimits,
  onInspected: (inspection: FileInspection) => void = () => {},
): Promise<OpenedFile> {
  const inspection = await inspectFile(filePath);
  onInspected(inspection);
  if (inspection.size > limits.maxBytes) {
    throw new ImportFileError("file.tooLarge", { size: inspection.size, limit: limits.maxBytes });
  }
  const extension = path.extname(fileName).toLowerCase();
  if (inspection.shape === "empty") throw new ImportFileError("file.empty");
  if (inspection.shape === "xls") throw new ImportFileError("file.xls");
  if (extension === ".xlsx" || extension === ".xlsm") {
    if (inspection.shape !== "zip") throw new ImportFileError("file.notZip");
    await checkZip(filePath, { maxUncompressedBytes: limits.maxUncompressedBytes, maxEntries: limits.maxEntries, maxCompressionRatio: limits.maxCompressionRatio });
    const notes: ReaderNote[] = [];
    return { inspection, format: "xlsx", rows: readXlsx(filePath, notes), notes };
  }
  if (extension === ".xls") throw new ImportFileError("file.xls");
  if (extension !== ".csv" && extension !== ".txt" && extension !== "") {
    throw new ImportFileError("file.extension", { extension });
  }
  if (inspection.shape === "zip") throw new ImportFileError("file.zipNamedCsv");
  if (inspection.shape === "binary") throw new ImportFileError("file.binary");
  // Decoding such a file either way garbles one kind of row ("Ærø" stored as "Ã†rÃ¸"): refuse it.
  if (inspection.mixed) {
    throw new ImportFileError("file.mixedEncoding", { utf8Lines: inspection.mixed.utf8Lines.join(", "), otherLines: inspection.mixed.otherLines.join(", ") });
  }
  return { inspection, format: "csv", rows: readCsv(filePath, inspection.encoding), notes: [] };
}
