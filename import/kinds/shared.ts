// What every kind shares: the kind interface, a field parser that collects cell problems, the
// catalogues rows refer to, and a helper for set-based checks on the staging table.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import type { ImportKind } from "../../db/schema";
import type { MessageKey, MessageParams } from "../messages";
import { looksLikeCpr, parseBoolean, parseDate, parseDecimal, parseInteger } from "../parse";

export interface ColumnSpec {
  name: string;
  required: boolean;
}

export interface CellProblem {
  column: string | null;
  value: string | null;
  key: MessageKey;
  params?: MessageParams;
}

export interface RowProblem extends CellProblem {
  row: number | null;
}

export interface Catalogues {
  caseTypes: Map<string, { defaultComplexity: number }>;
  flags: Set<string>;
  dimensions: Set<string>;
  /** unit_code → id of the units already stored (thousands at most). */
  units: Map<string, number>;
}

export interface KindContext {
  catalogues: Catalogues;
  /** Counts of things worth a warning (e.g. fte given as hours), by message key. */
  notes: Map<MessageKey, number>;
}

export interface WriteSummary {
  rowsChanged: number;
  /** Units whose figures the change touches (ancestors are added by the caller). */
  unitIds: number[];
  /** Date range touched; null from = from the beginning, null to = open-ended. */
  from: string | null;
  to: string | null;
  /** Milliseconds the write spent keeping the load ledger (db/load-ledger.ts). */
  ledgerMs?: number;
}

export type StageRecord = Record<string, string | number | boolean | null>;

export interface KindModule {
  kind: ImportKind;
  columns: readonly ColumnSpec[];
  /** Column definitions of the staging table, in the order COPY loads them (row_no first). */
  stageColumns: string;
  parseRow(values: Record<string, string>, ctx: KindContext): { stage: StageRecord } | { problems: CellProblem[] };
  /** Set-based checks across rows and against the database; at most `limit` problems, plus the total. */
  check(tx: Database, limit: number): Promise<{ problems: RowProblem[]; total: number }>;
  write(tx: Database): Promise<WriteSummary>;
  /**
   * The kind's write keeps the load ledger itself (db/load-ledger.ts): its transaction is marked
   * so the facts' statement triggers do not mark the ledger stale.
   */
  keepsLedger?: boolean;
  /** Rows that can go straight into the kind's table while the file still streams. */
  direct?: DirectWrite;
}

/**
 * A kind whose rows can go straight into their table while the file streams (import/stage.ts),
 * for files that only add new keys, the usual first load. The table's own constraints and
 * triggers judge each batch; any refusal, or a key stored before the import, sends the whole file
 * the usual way instead, whose checks name the rows at fault.
 */
export interface DirectWrite {
  /**
   * One INSERT, without parameters, of the rows in DIRECT_BATCH into the kind's table; it writes
   * nothing when any of their keys has rows stored before `mark`.
   */
  insert(mark: string): string;
  /** Taken before the first batch: tells the rows this import writes from those stored before. */
  mark(tx: Database): Promise<string>;
  /** After the last batch: what the rows written since `mark` change. */
  summary(tx: Database, mark: string): Promise<WriteSummary>;
  /**
   * Before the first batch: indexes the kind's table can do without during the load, dropped in
   * this transaction; their definitions come back, to be built again after the last batch.
   */
  deferIndexes?(tx: Database): Promise<string[]>;
}

export async function loadCatalogues(db: Database): Promise<Catalogues> {
  const types = await queryRows<{ key: string; c: number }>(db, sql`select key, default_complexity::int as c from case_types`);
  const flags = await queryRows<{ key: string }>(db, sql`select key from emotional_flags`);
  const dims = await queryRows<{ key: string }>(db, sql`select key from wellbeing_dimensions`);
  const units = await queryRows<{ code: string; id: number }>(db, sql`select code, id from units`);
  return {
    caseTypes: new Map(types.map((t) => [t.key, { defaultComplexity: t.c }])),
    flags: new Set(flags.map((f) => f.key)),
    dimensions: new Set(dims.map((d) => d.key)),
    units: new Map(units.map((u) => [u.code, u.id])),
  };
}

const MAX_TEXT = 500;

/** Reads one row's fields, collecting a problem per bad cell instead of stopping at the first. */
export class FieldReader {
  readonly problems: CellProblem[] = [];
  constructor(private readonly values: Record<string, string>) {}

  raw(column: string): string {
    return (this.values[column] ?? "").trim();
  }

  problem(column: string | null, key: MessageKey, params?: MessageParams): void {
    this.problems.push({ column, value: column === null ? null : this.raw(column), key, params });
  }

  text(column: string, required: boolean): string | null {
    const value = this.raw(column);
    if (value === "") {
      if (required) this.problem(column, "value.required");
      return null;
    }
    if (value.length > MAX_TEXT) {
      this.problem(column, "value.tooLong", { max: MAX_TEXT });
      return null;
    }
    return value;
  }

  /** An identifier from another system: never a CPR number. */
  id(column: string, required: boolean): string | null {
    const value = this.text(column, required);
    if (value !== null && looksLikeCpr(value)) {
      this.problem(column, "value.cpr");
      return null;
    }
    return value;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[], required: boolean): T | null {
    const value = this.text(column, required);
    if (value === null) return null;
    const found = allowed.find((a) => a === value.toLowerCase());
    if (!found) this.problem(column, "value.enum", { allowed: allowed.join(", ") });
    return found ?? null;
  }

  date(column: string, required: boolean): string | null {
    const parsed = parseDate(this.raw(column));
    if (!parsed.ok) {
      this.problem(column, parsed.key);
      return null;
    }
    if (parsed.value === null && required) this.problem(column, "value.required");
    return parsed.value;
  }

  decimal(column: string, required: boolean): number | null {
    const parsed = parseDecimal(this.raw(column));
    if (!parsed.ok) {
      this.problem(column, parsed.key);
      return null;
    }
    if (parsed.value === null && required) this.problem(column, "value.required");
    return parsed.value;
  }

  integer(column: string, required: boolean): number | null {
    const parsed = parseInteger(this.raw(column));
    if (!parsed.ok) {
      this.problem(column, parsed.key);
      return null;
    }
    if (parsed.value === null && required) this.problem(column, "value.required");
    return parsed.value;
  }

  boolean(column: string): boolean | null {
    const parsed = parseBoolean(this.raw(column));
    if (!parsed.ok) {
      this.problem(column, parsed.key);
      return null;
    }
    return parsed.value;
  }
}

/**
 * Runs a check whose query yields (row, value, params) for each offending staged row and turns
 * the first `limit` into problems of one column and message key, with the total count.
 */
export async function sqlProblems(
  tx: Database,
  query: SQL,
  column: string | null,
  key: MessageKey,
  limit: number,
  /** The query yields a `key` column naming the problem per row (two checks in one pass). */
  keyed = false,
): Promise<{ problems: RowProblem[]; total: number }> {
  const rows = await queryRows<{ row: number; value: string | null; params: unknown; key: string | null; total: number }>(tx, sql`
    select q.row::int as row, q.value::text as value, q.params::text as params, ${keyed ? sql`q.key::text` : sql`null::text`} as key, count(*) over ()::int as total
    from (${query}) q order by q.row limit ${Math.max(limit, 1)}`);
  const total = rows[0]?.total ?? 0;
  const problems = rows.slice(0, limit).map((r) => ({
    row: r.row,
    column,
    value: r.value,
    // A query that finds two kinds of problem in one pass names the key per row.
    key: (r.key ?? key) as MessageKey,
    params: r.params ? (JSON.parse(String(r.params)) as MessageParams) : undefined,
  }));
  return { problems, total };
}

/** Runs several checks in order, sharing the limit, adding up totals. */
export async function runChecks(
  checks: Array<(limit: number) => Promise<{ problems: RowProblem[]; total: number }>>,
  limit: number,
): Promise<{ problems: RowProblem[]; total: number }> {
  const problems: RowProblem[] = [];
  let total = 0;
  for (const check of checks) {
    const result = await check(Math.max(limit - problems.length, 0));
    problems.push(...result.problems.slice(0, Math.max(limit - problems.length, 0)));
    total += result.total;
  }
  return { problems, total };
}

/** Count of rows a statement with `returning 1` touched, on either driver. */
export async function countReturning(tx: Database, statement: SQL): Promise<number> {
  const rows = await queryRows(tx, sql`with done as (${statement}) select count(*)::int as n from done`);
  return Number((rows[0] as { n: number }).n);
}

/** The staging table every kind writes its parsed rows into; dropped when the transaction ends. */
export const STAGE_TABLE = "import_stage";
export const STAGE = sql.raw(STAGE_TABLE);

/** Where a batch waits between COPY and a direct write (same columns as the stage). */
export const DIRECT_BATCH = "import_batch";

/** int[] comes back as an array from postgres.js and PGlite, or as '{1,2}' text from some paths. */
export function parseIntArray(value: number[] | string | null): number[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.map(Number);
  return value.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);
}
