// Reading a CSV/XLSX for a column mapping: its header and a sample (for the mapping form), and
// the import of the whole file through a mapping into the importer's public entry point.
import path from "node:path";
import type { Database } from "../../db/client";
import { importRows, type ImportKind, type ImportResult } from "../../import";
import { KINDS } from "../../import/kinds";
import { openSheet, type SheetRow } from "../../import/readers";
import { defaultLimits } from "../../import/run";
import { applyMapping, type ColumnMapping } from "./mapping";

export interface FilePreview {
  header: string[];
  /** Up to `sample` rows after the header, column → cell. */
  rows: Record<string, string>[];
  /** Per column, its distinct non-empty values among the first 1,000 rows (at most 30), for value mappings. */
  distinct: Record<string, string[]>;
}

async function* records(filePath: string, fileName: string): AsyncGenerator<{ header: string[] } | { row: number; values: Record<string, string> }> {
  const opened = await openSheet(filePath, fileName, defaultLimits());
  let header: string[] | null = null;
  for await (const { row, cells } of opened.rows as AsyncIterable<SheetRow>) {
    if (cells.every((c) => c === "")) continue;
    if (!header) {
      header = cells.map((c) => c.replace(/^\uFEFF/, "").trim());
      while (header.length && header[header.length - 1] === "") header.pop();
      yield { header };
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, i) => { if (h) values[h] = cells[i] ?? ""; });
    yield { row, values };
  }
}

export async function previewFile(filePath: string, fileName: string, sample = 5): Promise<FilePreview> {
  let header: string[] = [];
  const rows: Record<string, string>[] = [];
  const distinct = new Map<string, Set<string>>();
  let seen = 0;
  for await (const item of records(filePath, fileName)) {
    if ("header" in item) {
      header = item.header;
      continue;
    }
    if (rows.length < sample) rows.push(item.values);
    for (const [column, value] of Object.entries(item.values)) {
      const set = distinct.get(column) ?? new Set<string>();
      if (value.trim() !== "" && set.size < 30) set.add(value.trim());
      distinct.set(column, set);
    }
    if (++seen >= 1000) break;
  }
  return { header, rows, distinct: Object.fromEntries([...distinct].map(([k, v]) => [k, [...v].sort()])) };
}

/** The kind's fields, required first. */
export function kindFields(kind: ImportKind): { name: string; required: boolean }[] {
  return KINDS[kind].columns.map((c) => ({ name: c.name, required: c.required }));
}

/** Every row of the file through the mapping into importRows, recorded with the mapping as its source. */
export async function importWithMapping(db: Database, options: {
  filePath: string; fileName?: string; mapping: ColumnMapping; actor: string; userId?: number | null; source?: string;
}): Promise<ImportResult> {
  const fileName = options.fileName ?? path.basename(options.filePath);
  const mapping = options.mapping;
  async function* mapped(): AsyncGenerator<Record<string, string>> {
    for await (const item of records(options.filePath, fileName)) {
      if ("header" in item) continue;
      yield applyMapping(mapping, item.values);
    }
  }
  return importRows(db, { kind: mapping.kind, rows: mapped(), fileName, actor: options.actor, userId: options.userId, source: options.source ?? `mapping:${mapping.name}` });
}
