// Parsed rows go to the database in batches with COPY: Node parses the next batch while Postgres
// loads the last one, so their times overlap instead of adding up. Usually a batch lands in the
// staging table for the set-based checks and write. A kind with a direct write (DirectWrite) may
// instead insert each batch straight into its own table while the file streams; when that cannot
// finish, the whole import is rolled back and done again the usual way (DirectWriteAbandoned).
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { DIRECT_BATCH, STAGE_TABLE, type DirectWrite, type StageRecord, type WriteSummary } from "./kinds/shared";

/** Rows per COPY: two batches in memory at most (one on its way, one being built). */
export const STAGE_BATCH_ROWS = 50_000;

/** One value in COPY's text format: \N for null, backslash escapes for \, tab, newline, CR. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, escapeChar) : value;
  if (typeof value === "boolean") return value ? "t" : "f";
  return String(value);
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const escapeChar = (c: string) => ESCAPES[c];

/** Column names of a `name type, name type` list, in order. */
export function columnNames(definitions: string): string[] {
  return definitions.split(",").map((d) => d.trim().split(/\s+/)[0]);
}

/**
 * The direct write could not take the whole file (a row with a problem, a key already stored, a
 * batch the table's triggers refused). Thrown out of the transaction, which rolls everything
 * back; the caller imports the file again through the staging table, whose checks name the rows.
 */
export class DirectWriteAbandoned extends Error {
  constructor(reason: string) {
    super(`direct write abandoned: ${reason}`);
  }
}

/** What the batches need from the driver under the transaction. */
interface RawSession {
  /** Resolves when the data is handed to the database, not when it is loaded. */
  copyIn(table: string, columns: string, data: Buffer): Promise<void>;
  /** One statement without parameters; the number of rows it wrote. */
  execute(statement: string): Promise<number>;
}

interface PostgresJsClient {
  unsafe(query: string): PromiseLike<{ count: number }> & { writable(): Promise<NodeJS.WritableStream> };
}

interface PgliteClient {
  query(query: string, params?: unknown[], options?: { blob: Blob }): Promise<{ affectedRows?: number }>;
  exec(query: string): Promise<unknown>;
}

/**
 * The driver's own client under a drizzle transaction (drizzle keeps it as `session.client`):
 * postgres.js streams COPY FROM STDIN; PGlite, having no socket, reads COPY FROM '/dev/blob'.
 */
function rawSession(tx: Database): RawSession {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (client && typeof (client as PgliteClient).exec === "function") {
    const pglite = client as PgliteClient;
    return {
      copyIn: async (table, columns, data) => {
        await pglite.query(`copy ${table} (${columns}) from '/dev/blob'`, [], { blob: new Blob([new Uint8Array(data)]) });
      },
      execute: async (statement) => (await pglite.query(statement)).affectedRows ?? 0,
    };
  }
  if (client && typeof (client as PostgresJsClient).unsafe === "function") {
    const pg = client as PostgresJsClient;
    // A statement queued behind each COPY, awaited before the next COPY starts: postgres.js 3.4
    // destroys a finished COPY stream by sending CopyFail, which the server ignores between
    // statements but which kills a COPY pipelined right behind it. Its failure is the COPY's too.
    let settled: Promise<unknown> = Promise.resolve(null);
    return {
      copyIn: async (table, columns, data) => {
        const failure = await settled;
        if (failure) throw failure;
        const stream = await pg.unsafe(`copy ${table} (${columns}) from stdin`).writable();
        // A COPY refused mid-stream also fails the write below; without a listener the stream's
        // 'error' event would end the process.
        stream.on("error", () => {});
        // Once postgres.js has the bytes on the socket, end() sends CopyDone at once. 'finish' is
        // not awaited: postgres.js 3.4 never emits it when the COPY fails (porsager/postgres#1173).
        await new Promise<void>((resolve, reject) => stream.write(data, (error) => (error ? reject(error) : resolve())));
        stream.end();
        settled = Promise.resolve(pg.unsafe("select 1")).then(() => null, (error: unknown) => error);
      },
      execute: async (statement) => (await pg.unsafe(statement)).count ?? 0,
    };
  }
  throw new Error("import staging: unknown database driver under the transaction");
}

/** Collects parsed rows as COPY text and loads them a batch at a time, to the stage or directly. */
export class StageWriter {
  private readonly raw: RawSession;
  private readonly names: string[];
  private readonly columns: string;
  /** The batch as COPY text, encoded row by row so no row's strings outlive the next collection. */
  private buffer = Buffer.allocUnsafe(1 << 22);
  private length = 0;
  private rows = 0;
  private inflight: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  /** Index definitions the direct write dropped, to build after the last batch. */
  private deferred: string[] = [];

  private constructor(
    private readonly tx: Database,
    stageColumns: string,
    private readonly direct: { write: DirectWrite; mark: string } | null,
  ) {
    this.raw = rawSession(tx);
    this.names = columnNames(stageColumns);
    this.columns = this.names.join(", ");
  }

  /** With `direct`, batches go straight into the kind's table; otherwise into the stage. */
  static async open(tx: Database, stageColumns: string, direct: DirectWrite | null): Promise<StageWriter> {
    const table = direct ? DIRECT_BATCH : STAGE_TABLE;
    await tx.execute(sql.raw(`create temp table ${table} (${stageColumns}) on commit drop`));
    if (!direct) return new StageWriter(tx, stageColumns, null);
    const mark = await direct.mark(tx);
    const writer = new StageWriter(tx, stageColumns, { write: direct, mark });
    writer.deferred = (await direct.deferIndexes?.(tx)) ?? [];
    return writer;
  }

  get full(): boolean {
    return this.rows >= STAGE_BATCH_ROWS;
  }

  add(row: number, record: StageRecord): void {
    let line = String(row);
    const names = this.names;
    for (let i = 1; i < names.length; i++) line += "\t" + copyValue(record[names[i]]);
    line += "\n";
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.length + line.length * 3 > this.buffer.length) {
      const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + line.length * 3));
      this.buffer.copy(larger, 0, 0, this.length);
      this.buffer = larger;
    }
    this.length += this.buffer.write(line, this.length);
    this.rows++;
  }

  /**
   * Waits for the previous batch, then hands this one to the database and returns while the
   * database loads it, so the caller parses the next batch meanwhile.
   */
  async flush(): Promise<void> {
    await this.inflight;
    if (this.failure) throw this.failure;
    if (this.rows === 0) return;
    // copyIn returns once the driver has copied the bytes: the buffer is free for the next batch.
    const data = this.buffer.subarray(0, this.length);
    const rows = this.rows;
    this.length = 0;
    this.rows = 0;
    if (!this.direct) {
      await this.raw.copyIn(STAGE_TABLE, this.columns, data);
      return;
    }
    await this.raw.execute(`truncate ${DIRECT_BATCH}`);
    await this.raw.copyIn(DIRECT_BATCH, this.columns, data);
    this.inflight = this.writeDirect(this.direct, rows).catch((error: unknown) => {
      this.failure = error;
    });
  }

  /** Every row loaded; throws what went wrong on the way. */
  async finish(): Promise<void> {
    await this.flush();
    await this.inflight;
    if (this.failure) throw this.failure;
  }

  /** Waits for work in flight, whatever its outcome: the transaction is being abandoned. */
  async settle(): Promise<void> {
    await this.inflight;
  }

  /** After `finish` of a direct write: builds the deferred indexes; what the rows written since the mark change. */
  async directSummary(): Promise<WriteSummary> {
    if (!this.direct) throw new Error("directSummary: no direct write");
    if (this.deferred.length > 0) {
      // One core per build, like the rest of the import: the server is shared with the web and the jobs.
      await this.tx.execute(sql`set local max_parallel_maintenance_workers = 0`);
      for (const definition of this.deferred) await this.tx.execute(sql.raw(definition));
      this.deferred = [];
    }
    return this.direct.write.summary(this.tx, this.direct.mark);
  }

  private async writeDirect(direct: { write: DirectWrite; mark: string }, rows: number): Promise<void> {
    let written: number;
    try {
      written = await this.raw.execute(direct.write.insert(direct.mark));
    } catch (error) {
      // An overlap or an unknown reference: the transaction is lost, the checks will name the rows.
      if (isDataRefusal(error)) throw new DirectWriteAbandoned((error as Error).message);
      throw error;
    }
    if (written !== rows) throw new DirectWriteAbandoned("the file has keys stored before");
  }
}

/** An integrity violation or an error raised by a trigger: the data was refused, nothing broke. */
function isDataRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("23") || code.startsWith("P0"));
}
