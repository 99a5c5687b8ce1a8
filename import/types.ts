// What an import reports back: the same shape to the page, the CLI, the demo seed and the log.
import type { ImportKind } from "../db/schema";
import type { MessageKey, MessageParams } from "./messages";

export interface ImportIssue {
  file: string;
  /** Row as a spreadsheet shows it (header = 1); null for a problem with the file as a whole. */
  row: number | null;
  column: string | null;
  value: string | null;
  key: MessageKey;
  params: MessageParams;
  /** The reason in Danish; render `key` + `params` for another language. */
  reason: string;
}

export interface ImportWarning {
  key: MessageKey;
  params: MessageParams;
  /** In Danish; render `key` + `params` for another language. */
  message: string;
}

export type ImportOutcome = "accepted" | "rejected" | "unchanged";

export interface ImportResult {
  outcome: ImportOutcome;
  /** The import_log row. */
  importId: number;
  kind: ImportKind;
  fileName: string;
  rowsTotal: number;
  /** Database rows inserted, updated or deleted. */
  rowsChanged: number;
  /** At most MAX_REPORTED_ERRORS, in row order. */
  errors: ImportIssue[];
  warnings: ImportWarning[];
  /** How many more errors there were than `errors` holds. */
  errorsTruncated: number;
  /** Units touched and all their ancestors. */
  affectedUnitIds: number[];
  affectedFrom: string | null;
  affectedTo: string | null;
  durationMs: number;
  /** Of durationMs, the time spent keeping the load ledger (accepted imports of facts it sums). */
  ledgerMs?: number;
}

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  maxUncompressedBytes: number;
  maxEntries: number;
  maxCompressionRatio: number;
}

export interface ImportActor {
  userId?: number | null;
  /** Who acted: "cli:<user>", "web", "seed"… */
  actor: string;
  /** Where the rows came from, for the import history: "connection:<name>", "mapping:<name>"; absent = the file itself. */
  source?: string | null;
}

export interface ImportRowsOptions extends ImportActor {
  kind: ImportKind;
  rows: AsyncIterable<Record<string, string>> | Iterable<Record<string, string>>;
  fileName: string;
  limits?: Partial<ImportLimits>;
}

export interface ImportFileOptions extends ImportActor {
  kind: ImportKind;
  filePath: string;
  /** The name the user gave the file (an upload is stored under a temporary name). */
  fileName?: string;
  limits?: Partial<ImportLimits>;
}
