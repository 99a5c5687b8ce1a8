// One import from start to end: header, streaming row validation into a staging table, set-based
// checks, the set-based write, the recompute request and the import log. One file = one
// transaction; any problem rolls the whole file back and only the log (and its audit row) remain.
import { createHash } from "node:crypto";
import { maskCpr } from "./cpr";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { recordAudit } from "../db/audit";
import { IMPORT_LOCK } from "../db/locks";
import { IMPORT_KINDS, importLog, type ImportKind } from "../db/schema";
import { createRecomputeRequest } from "../db/recompute-requests";
import { withAncestors } from "../db/unit-tree";
import { env } from "../env";
import { ImportFileError } from "./errors";
import { renderMessage, type MessageKey, type MessageParams } from "./messages";
import { normaliseHeader } from "./parse";
import { KINDS } from "./kinds";
import { loadCatalogues, STAGE, type DirectWrite, type KindContext, type KindModule, type RowProblem, type WriteSummary } from "./kinds/shared";
import { DirectWriteAbandoned, StageWriter } from "./stage";
import { markLedgerKept } from "../db/load-ledger";
import type { ImportIssue, ImportLimits, ImportOutcome, ImportResult, ImportWarning } from "./types";

export const MAX_REPORTED_ERRORS = 200;

export function defaultLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
  const e = env();
  return {
    maxBytes: e.IMPORT_MAX_BYTES,
    maxRows: e.IMPORT_MAX_ROWS,
    maxUncompressedBytes: e.XLSX_MAX_UNCOMPRESSED_BYTES,
    maxEntries: e.XLSX_MAX_ENTRIES,
    maxCompressionRatio: e.XLSX_MAX_COMPRESSION_RATIO,
    ...overrides,
  };
}

/** A data row on its way in: contract column → cell text, plus cells beyond the header. */
export interface SourceRecord {
  row: number;
  values: Record<string, string>;
  extraCells?: { expected: number; got: number };
}

export interface ImportSource {
  /** Column names as given (the header row, or the keys of the first record). */
  header: string[] | null;
  records: AsyncIterable<SourceRecord>;
  sha256(): string;
  warnings: ImportWarning[];
}

export interface RunMeta {
  kind: ImportKind;
  fileName: string;
  userId?: number | null;
  actor: string;
  limits: ImportLimits;
  source?: string | null;
}

class Stop extends Error {
  constructor(readonly outcome: Exclude<ImportOutcome, "accepted">) {
    super(outcome);
  }
}

/** One reported problem; whatever looks like a CPR number is masked here, before it is stored or shown. */
export function issue(file: string, row: number | null, column: string | null, value: string | null, key: MessageKey, params: MessageParams = {}): ImportIssue {
  const masked = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? maskCpr(v) : v])) as MessageParams;
  return { file: maskCpr(file), row, column, value: value === null ? null : maskCpr(value), key, params: masked, reason: maskCpr(renderMessage(key, masked, "da")) };
}

export function warning(key: MessageKey, params: MessageParams = {}): ImportWarning {
  return { key, params, message: renderMessage(key, params, "da") };
}

/** Matches the header against the kind's columns: problems for missing/duplicate, warning for unknown. */
export function matchHeader(module: KindModule, header: string[]): { problems: RowProblem[]; unknown: string[] } {
  const seen = new Set<string>();
  const problems: RowProblem[] = [];
  const known = new Set(module.columns.map((c) => c.name));
  const unknown: string[] = [];
  for (const raw of header) {
    const name = normaliseHeader(raw);
    if (name === "") continue;
    if (seen.has(name)) problems.push({ row: 1, column: name, value: raw, key: "header.duplicate", params: { column: name } });
    seen.add(name);
    if (!known.has(name)) unknown.push(raw.trim());
  }
  for (const column of module.columns) {
    if (column.required && !seen.has(column.name)) {
      problems.push({ row: 1, column: column.name, value: null, key: "header.missing", params: { column: column.name } });
    }
  }
  return { problems, unknown };
}

/**
 * `open` reads the header and returns the rows; a file-level problem it throws is logged like any
 * other rejection. `fingerprint` gives the sha256 even when opening failed. `reopenable`: `open`
 * may be called again for the same rows, which lets a kind write them directly (kinds/shared.ts
 * DirectWrite) and fall back to reading them a second time.
 */
export async function runImport(
  db: Database,
  meta: RunMeta,
  open: () => Promise<ImportSource>,
  fingerprint: () => string,
  reopenable = false,
): Promise<ImportResult> {
  const started = Date.now();
  const module = KINDS[meta.kind];
  const warnings: ImportWarning[] = [];
  let source: ImportSource | null = null;
  const shown: RowProblem[] = [];
  let errorTotal = 0;
  let rowsTotal = 0;
  // The first MAX_REPORTED_ERRORS by row are reported, whichever check found them: the row checks
  // come in file order, but the cross-row checks after them can concern earlier rows. Trimmed
  // whenever twice the limit is held, so a file of a million bad rows keeps a few hundred.
  const byRow = (a: RowProblem, b: RowProblem) => (a.row ?? 0) - (b.row ?? 0);
  const keepFirst = () => {
    shown.sort(byRow);
    if (shown.length > MAX_REPORTED_ERRORS) shown.length = MAX_REPORTED_ERRORS;
  };
  const note = (problems: RowProblem[], total = problems.length) => {
    shown.push(...problems);
    if (shown.length > 2 * MAX_REPORTED_ERRORS) keepFirst();
    errorTotal += total;
  };

  type Written = { importId: number; rowsChanged: number; unitIds: number[]; from: string | null; to: string | null; ledgerMs?: number };
  /** Reads the rows into one transaction; with `direct`, straight into the kind's table. */
  const attempt = async (direct: DirectWrite | null): Promise<Written> => {
    warnings.length = 0;
    shown.length = 0;
    errorTotal = 0;
    rowsTotal = 0;
    source = await open();
    warnings.push(...source.warnings);
    if (source.header === null) throw new ImportFileError("file.empty");
    const header = matchHeader(module, source.header);
    if (header.unknown.length) warnings.push(warning("warning.unknownColumns", { columns: header.unknown.join(", ") }));
    if (header.problems.length) {
      note(header.problems);
      throw new Stop("rejected");
    }
    const records = source.records;
    return db.transaction(async (tx) => {
      // One import of a kind at a time: the set-based checks read what is stored, and case periods'
      // no-overlap rule is checked per statement (migration 0005), not by an exclusion constraint.
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK}, ${IMPORT_KINDS.indexOf(meta.kind)})`);
      // The checks and the comparison sort up to IMPORT_MAX_ROWS rows: in memory, not in temp files.
      await tx.execute(sql`set local work_mem = '64MB'`);
      if (module.keepsLedger) await markLedgerKept(tx);
      const ctx: KindContext = { catalogues: await loadCatalogues(tx), notes: new Map() };
      const stage = await StageWriter.open(tx, module.stageColumns, direct);
      try {
        for await (const record of records) {
          rowsTotal++;
          if (rowsTotal > meta.limits.maxRows) throw new ImportFileError("file.tooManyRows", { limit: meta.limits.maxRows });
          if (record.extraCells) {
            if (direct) throw new DirectWriteAbandoned(`row ${record.row} has a problem`);
            note([{ row: record.row, column: null, value: null, key: "row.fieldCount", params: record.extraCells }]);
            continue;
          }
          const parsed = module.parseRow(record.values, ctx);
          if ("problems" in parsed) {
            if (direct) throw new DirectWriteAbandoned(`row ${record.row} has a problem`);
            note(parsed.problems.map((p) => ({ ...p, row: record.row })));
            continue;
          }
          stage.add(record.row, parsed.stage);
          if (stage.full) await stage.flush();
        }
        await stage.finish();
      } finally {
        await stage.settle();
      }
      if (rowsTotal === 0) throw new ImportFileError("file.headerOnly");
      for (const [key, count] of ctx.notes) warnings.push(warning(key, { count }));

      let summary: WriteSummary;
      if (direct) {
        // Every row is in, and the table's triggers accepted every batch.
        summary = await stage.directSummary();
      } else {
        await tx.execute(sql`analyze ${STAGE}`);
        const checked = await module.check(tx, MAX_REPORTED_ERRORS);
        note(checked.problems, checked.total);
        if (errorTotal > 0) throw new Stop("rejected");
        summary = await module.write(tx);
      }
      if (summary.rowsChanged === 0) throw new Stop("unchanged");
      const unitIds = await withAncestors(tx, summary.unitIds);
      await createRecomputeRequest(tx, `import:${meta.kind}`, { unitIds, from: summary.from, to: summary.to });
      const importId = await writeLog(tx, meta, {
        outcome: "accepted", sha256: source!.sha256(), rowsTotal, rowsChanged: summary.rowsChanged,
        errors: [], errorsTotal: 0, warnings, unitIds, from: summary.from, to: summary.to, durationMs: Date.now() - started,
      });
      return { importId, rowsChanged: summary.rowsChanged, unitIds, from: summary.from, to: summary.to, ledgerMs: summary.ledgerMs };
    });
  };

  let written: Written | null = null;
  let outcome: Exclude<ImportOutcome, "accepted"> = "rejected";
  try {
    const direct = reopenable ? module.direct ?? null : null;
    written = await attempt(direct).catch((error: unknown) => {
      // Nothing of the first attempt is left (its transaction rolled back): read the rows again.
      if (error instanceof DirectWriteAbandoned) return attempt(null);
      throw error;
    });
  } catch (error) {
    if (error instanceof Stop) outcome = error.outcome;
    else if (error instanceof ImportFileError) note([{ row: null, column: null, value: null, key: error.key, params: error.params }]);
    else if (isDatabaseError(error)) {
      // A rule the checks above missed still reaches the user as a rejection, never as half a file.
      note([{ row: null, column: null, value: null, key: "import.databaseRefused", params: { detail: (error as Error).message } }]);
    } else throw error;
  }

  keepFirst();
  const errors = shown
    .map((p) => issue(meta.fileName, p.row, p.column, p.value, p.key, p.params ?? {}));
  const errorsTruncated = Math.max(errorTotal - errors.length, 0);
  if (written) {
    return {
      outcome: "accepted", importId: written.importId, kind: meta.kind, fileName: meta.fileName, rowsTotal,
      rowsChanged: written.rowsChanged, errors: [], warnings, errorsTruncated: 0, affectedUnitIds: written.unitIds,
      affectedFrom: written.from, affectedTo: written.to, durationMs: Date.now() - started,
      ...(written.ledgerMs === undefined ? {} : { ledgerMs: written.ledgerMs }),
    };
  }
  const durationMs = Date.now() - started;
  const importId = await db.transaction((tx) =>
    writeLog(tx, meta, {
      outcome, sha256: source?.sha256() ?? fingerprint(), rowsTotal, rowsChanged: 0, errors, errorsTotal: errorTotal, warnings,
      unitIds: null, from: null, to: null, durationMs,
    }),
  );
  return {
    outcome, importId, kind: meta.kind, fileName: meta.fileName, rowsTotal, rowsChanged: 0, errors, warnings,
    errorsTruncated, affectedUnitIds: [], affectedFrom: null, affectedTo: null, durationMs,
  };
}

function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: unknown; cause?: unknown };
  // postgres.js sets a SQLSTATE code; drizzle may wrap it as the cause; PGlite errors carry one too.
  const code = typeof e.code === "string" ? e.code : (e.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith("08") && !code.startsWith("57");
}

interface LogEntry {
  outcome: ImportOutcome;
  sha256: string;
  rowsTotal: number;
  rowsChanged: number;
  errors: ImportIssue[];
  errorsTotal: number;
  warnings: ImportWarning[];
  unitIds: number[] | null;
  from: string | null;
  to: string | null;
  durationMs: number;
}

async function writeLog(tx: Database, meta: RunMeta, entry: LogEntry): Promise<number> {
  const [row] = await tx
    .insert(importLog)
    .values({
      userId: meta.userId ?? null,
      actor: meta.actor,
      kind: meta.kind,
      fileName: meta.fileName,
      sha256: entry.sha256,
      rowsTotal: entry.rowsTotal,
      rowsChanged: entry.rowsChanged,
      outcome: entry.outcome,
      errors: entry.errorsTotal ? { total: entry.errorsTotal, items: entry.errors } : null,
      warnings: entry.warnings.length ? entry.warnings : null,
      affectedUnitIds: entry.unitIds,
      affectedFrom: entry.from,
      affectedTo: entry.to,
      durationMs: entry.durationMs,
      source: meta.source ?? null,
    })
    .returning({ id: importLog.id });
  await recordAudit(tx, {
    userId: meta.userId ?? null,
    actor: meta.actor,
    action: `import.${entry.outcome}`,
    entity: "import_log",
    entityId: row.id,
    after: {
      kind: meta.kind, fileName: meta.fileName, source: meta.source ?? null, sha256: entry.sha256, rowsTotal: entry.rowsTotal,
      rowsChanged: entry.rowsChanged, errors: entry.errorsTotal,
    },
  });
  return row.id;
}

/** A hash of records handed over in memory, so the log can tell two identical row sets apart. */
export function recordHasher(): { update(values: Record<string, string>): void; digest(): string } {
  const hash = createHash("sha256");
  let digest: string | null = null;
  return {
    update(values) {
      hash.update(JSON.stringify(values));
      hash.update("\n");
    },
    digest() {
      digest ??= hash.digest("hex");
      return digest;
    },
  };
}

/**
 * An upload refused before it could be read (over IMPORT_MAX_BYTES): the import history keeps a
 * rejected row saying so, with its audit row, as for any other refused file.
 */
export async function logRefusedUpload(db: Database, meta: Omit<RunMeta, "limits">, size: number, limit: number): Promise<number> {
  const problem = issue(meta.fileName, null, null, null, "file.tooLarge", { size, limit });
  return db.transaction((tx) => writeLog(tx, { ...meta, limits: defaultLimits() }, {
    outcome: "rejected", sha256: "", rowsTotal: 0, rowsChanged: 0, errors: [problem], errorsTotal: 1, warnings: [],
    unitIds: null, from: null, to: null, durationMs: 0,
  }));
}
