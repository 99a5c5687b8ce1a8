// The importer's public face: a stored file (CLI, upload page) or rows already in memory (the demo
// seed). Both end in the same validation, all-or-nothing write and import log.
import path from "node:path";
import { createHash } from "node:crypto";
import type { Database } from "../db/client";
import { IMPORT_KINDS, type ImportKind } from "../db/schema";
import { openSheet, readHeader, type OpenedFile, type SheetRow } from "./readers";
import type { FileInspection } from "./readers/sniff";
import { normaliseHeader } from "./parse";
import { KINDS } from "./kinds";
import { defaultLimits, recordHasher, runImport, warning, type ImportSource, type SourceRecord } from "./run";
import type { ImportFileOptions, ImportResult, ImportRowsOptions } from "./types";

export { IMPORT_KINDS, type ImportKind };
export type { ImportResult, ImportIssue, ImportWarning, ImportOutcome, ImportLimits } from "./types";
export { renderMessage, type Lang as MessageLang } from "./messages";
export { MAX_REPORTED_ERRORS } from "./run";

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c === "");

/** Header = the first non-blank row (a title above it is refused); every later non-blank row becomes a record of it. */
async function sheetSource(opened: OpenedFile, kind: ImportKind): Promise<ImportSource> {
  const { inspection, format } = opened;
  const iterator = opened.rows[Symbol.asyncIterator]();
  const { header, lookahead } = await readHeader(iterator, KINDS[kind].columns);
  const warnings = format === "csv" && inspection.encoding === "windows-1252" ? [warning("warning.windows1252")] : [];
  warnings.push(...opened.notes.map((n) => warning(n.key, n.params)));
  if (!header) {
    return { header: null, records: (async function* () {})(), sha256: () => inspection.sha256, warnings };
  }
  const rawHeader = header.cells;
  let width = rawHeader.length;
  while (width > 0 && rawHeader[width - 1] === "") width--;
  const names = rawHeader.slice(0, width).map(normaliseHeader);
  function record({ row, cells }: SheetRow): SourceRecord {
    // A CSV row with more cells than the header row has an extra delimiter, even when the extra
    // cells are empty: with `,` an unquoted decimal comma ("72,5") splits a number, and an empty
    // last column would hide the extra cell while every value after it moved one column left.
    // (An XLSX cell cannot split; stray empty cells right of the header are harmless there.)
    if (format === "csv" && cells.length > rawHeader.length) {
      return { row, values: {}, extraCells: { expected: width, got: cells.length } };
    }
    let used = cells.length;
    while (used > width && cells[used - 1] === "") used--;
    if (used > width) return { row, values: {}, extraCells: { expected: width, got: used } };
    const values: Record<string, string> = {};
    for (let i = 0; i < width; i++) if (names[i]) values[names[i]] = cells[i] ?? "";
    return { row, values };
  }
  async function* records(): AsyncGenerator<SourceRecord> {
    try {
      for (const row of lookahead) yield record(row);
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        if (!isBlank(next.value.cells)) yield record(next.value);
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { header: rawHeader.slice(0, width), records: records(), sha256: () => inspection.sha256, warnings };
}

/** Imports a stored CSV or XLSX file. Never throws for a bad file: the result says what was wrong. */
export async function importFile(db: Database, options: ImportFileOptions): Promise<ImportResult> {
  const fileName = options.fileName ?? path.basename(options.filePath);
  const limits = defaultLimits(options.limits);
  let inspection: FileInspection | null = null;
  return runImport(
    db,
    { kind: options.kind, fileName, userId: options.userId, actor: options.actor, source: options.source, limits },
    async () => {
      const opened = await openSheet(options.filePath, fileName, limits, (i) => (inspection = i));
      return sheetSource(opened, options.kind);
    },
    () => (inspection as FileInspection | null)?.sha256 ?? createHash("sha256").digest("hex"),
    true,
  );
}

/**
 * Imports rows already in memory or streamed from elsewhere, keyed by the contract's column names
 * exactly as a CSV reader would produce them (strings; '' for empty). Row numbers in errors count
 * as in a file with a header row: the first record is row 2.
 */
export async function importRows(db: Database, options: ImportRowsOptions): Promise<ImportResult> {
  const limits = defaultLimits(options.limits);
  let hasher = recordHasher();
  return runImport(
    db,
    { kind: options.kind, fileName: options.fileName, userId: options.userId, actor: options.actor, source: options.source, limits },
    async () => {
      hasher = recordHasher();
      type Row = Record<string, string>;
      const source = options.rows;
      const iterator: AsyncIterator<Row> | Iterator<Row> =
        Symbol.asyncIterator in source ? (source as AsyncIterable<Row>)[Symbol.asyncIterator]() : (source as Iterable<Row>)[Symbol.iterator]();
      const first = await iterator.next();
      if (first.done) return { header: null, records: (async function* () {})(), sha256: () => hasher.digest(), warnings: [] };
      const keyNames = new Map<string, string>();
      const normalise = (record: Record<string, string>): Record<string, string> => {
        const values: Record<string, string> = {};
        for (const key in record) {
          let name = keyNames.get(key);
          if (name === undefined) keyNames.set(key, (name = normaliseHeader(key)));
          const value = record[key];
          values[name] = value === null || value === undefined ? "" : String(value);
        }
        return values;
      };
      async function* records(): AsyncGenerator<SourceRecord> {
        let row = 2;
        try {
          for (let next = first; !next.done; next = await iterator.next()) {
            hasher.update(next.value);
            yield { row: row++, values: normalise(next.value) };
          }
        } finally {
          await iterator.return?.();
        }
      }
      return { header: Object.keys(first.value), records: records(), sha256: () => hasher.digest(), warnings: [] };
    },
    () => hasher.digest(),
    // An array can be read twice; a generator cannot.
    Array.isArray(options.rows),
  );
}
