// Shared by the import integration tests: write a file, import it, count every table's rows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { importFile, type ImportKind, type ImportResult } from "../../import";
import type { ImportLimits } from "../../import/types";

export const DATA_TABLES = [
  "units", "unit_closure", "employees", "employments", "competences", "case_periods",
  "survey_rounds", "survey_results", "recompute_requests",
] as const;

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-it-"));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function importer(db: Database, dir: string) {
  return async (kind: ImportKind, name: string, content: string | Buffer, limits?: Partial<ImportLimits>): Promise<ImportResult> => {
    const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
    fs.writeFileSync(file, content);
    return importFile(db, { kind, filePath: file, fileName: name, actor: "test", limits });
  };
}

export async function counts(db: Database, tables: readonly string[] = DATA_TABLES): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`));
    result[table] = row.n;
  }
  return result;
}

/** Lines joined with \n; a trailing newline like every exporter writes. */
export const csv = (...lines: string[]) => lines.join("\n") + "\n";
