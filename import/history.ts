// What the upload page shows: the import history (paginated) and one import's result, with its
// messages rendered in the reader's language.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client";
import type { ImportKind } from "../db/schema";
import { isMessageKey, renderMessage, type Lang, type MessageParams } from "./messages";
import type { ImportIssue, ImportOutcome, ImportWarning } from "./types";

export const HISTORY_PAGE_SIZE = 20;

export interface HistoryRow {
  id: number;
  at: string;
  who: string;
  kind: ImportKind;
  fileName: string;
  outcome: ImportOutcome;
  rowsTotal: number;
  rowsChanged: number;
  errorCount: number;
  durationMs: number | null;
}

export async function importHistory(db: Database, page: number): Promise<{ rows: HistoryRow[]; total: number; page: number; pages: number }> {
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from import_log`);
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await queryRows<HistoryRow>(db, sql`
    select l.id::int as id, to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
      coalesce(u.display_name, l.actor, '–') as who, l.kind, l.file_name as "fileName", l.outcome,
      l.rows_total as "rowsTotal", l.rows_changed as "rowsChanged",
      coalesce((l.errors->>'total')::int, 0) as "errorCount", l.duration_ms as "durationMs"
    from import_log l left join users u on u.id = l.user_id
    order by l.at desc, l.id desc
    limit ${HISTORY_PAGE_SIZE} offset ${(current - 1) * HISTORY_PAGE_SIZE}`);
  return { rows, total, page: current, pages };
}

export interface ImportDetail extends HistoryRow {
  errors: Array<{ row: number | null; column: string | null; value: string | null; reason: string }>;
  moreErrors: number;
  /** A required column was missing from the header: the file may fit by a column mapping. */
  headerMismatch: boolean;
  warnings: string[];
  affectedUnits: number;
  affectedFrom: string | null;
  affectedTo: string | null;
}

function render(key: string, params: MessageParams | undefined, lang: Lang, fallback: string): string {
  return isMessageKey(key) ? renderMessage(key, params ?? {}, lang) : fallback;
}

export async function importDetail(db: Database, id: number, lang: Lang): Promise<ImportDetail | null> {
  const [row] = await queryRows<HistoryRow & { errors: unknown; warnings: unknown; units: number | null; from: string | null; to: string | null }>(db, sql`
    select l.id::int as id, to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
      coalesce(u.display_name, l.actor, '–') as who, l.kind, l.file_name as "fileName", l.outcome,
      l.rows_total as "rowsTotal", l.rows_changed as "rowsChanged",
      coalesce((l.errors->>'total')::int, 0) as "errorCount", l.duration_ms as "durationMs",
      l.errors::text as errors, l.warnings::text as warnings, cardinality(l.affected_unit_ids) as units,
      l.affected_from::text as from, l.affected_to::text as to
    from import_log l left join users u on u.id = l.user_id where l.id = ${id}`);
  if (!row) return null;
  const errors = row.errors ? (JSON.parse(String(row.errors)) as { total: number; items: ImportIssue[] }) : { total: 0, items: [] };
  const warnings = row.warnings ? (JSON.parse(String(row.warnings)) as ImportWarning[]) : [];
  return {
    id: row.id, at: row.at, who: row.who, kind: row.kind, fileName: row.fileName, outcome: row.outcome,
    rowsTotal: row.rowsTotal, rowsChanged: row.rowsChanged, errorCount: row.errorCount, durationMs: row.durationMs,
    errors: errors.items.map((e) => ({ row: e.row, column: e.column, value: e.value, reason: render(e.key, e.params, lang, e.reason) })),
    moreErrors: Math.max(errors.total - errors.items.length, 0),
    headerMismatch: errors.items.some((e) => e.key === "header.missing"),
    warnings: warnings.map((w) => render(w.key, w.params, lang, w.message)),
    affectedUnits: row.units ?? 0,
    affectedFrom: row.from,
    affectedTo: row.to,
  };
}
