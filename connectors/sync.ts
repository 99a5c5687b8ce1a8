// One sync of one connection: pull from the source, translate to contract rows, and hand them to
// the importer's public entry point (importRows): the same validation, one all-or-nothing
// transaction for the units and the employments together, recorded in the import history with the
// connection as its source. Nothing new → "unchanged" with no import at all. A failure changes
// nothing and says why (connection, auth, a bad record with its id).
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { connectionRuns, connections, importLog, type SyncOutcome } from "../db/schema";
import { importFile, importRows, type ImportResult } from "../import";
import { pseudonymisedAmong } from "../db/privacy/pseudonymise";
import { pseudonymisationKey } from "../db/privacy/key";
import { importWithMapping } from "./mapping/file";
import { ConnectorError, type ProblemKind } from "./contract";
import { ADAPTERS } from "./registry";

export interface SyncOptions {
  full?: boolean;
  actor: string;
  userId?: number | null;
  today: string;
  /** The connection_runs row a queued sync already has ("queued"): this sync marks it running and finishes it. */
  runId?: number;
}

export interface SyncProblem {
  kind: ProblemKind | "rejected";
  detail: string;
  recordId?: string | null;
}

export interface SyncResult {
  connection: string;
  outcome: SyncOutcome;
  problem: SyncProblem | null;
  imports: ImportResult[];
  rowsRead: number;
  rowsChanged: number;
  notes: Record<string, number>;
  runId: number;
}

interface StoredState {
  fingerprint: string | null;
  adapter: unknown;
}

class Rejected extends Error {
  constructor(readonly result: ImportResult) {
    super("rejected");
  }
}

export function fingerprintOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

/** The first errors of a rejected import as one line (they name rows, columns and values; no CPR reaches them). */
function describeRejection(result: ImportResult): string {
  const first = result.errors.slice(0, 3).map((e) => `${e.row === null ? "" : `row ${e.row} `}${e.column ?? ""} ${e.value ?? ""}: ${e.reason}`.trim());
  const more = result.errors.length + result.errorsTruncated - first.length;
  return `the importer rejected the ${result.kind}: ${first.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}`;
}

export async function syncConnection(db: Database, name: string, options: SyncOptions): Promise<SyncResult> {
  const [connection] = await db.select().from(connections).where(eq(connections.name, name));
  if (!connection) throw new ConnectorError("config", `no connection named "${name}"`);
  const adapter = ADAPTERS[connection.source];
  const full = options.full ?? false;
  const stored = (connection.state ?? null) as StoredState | null;
  const source = `connection:${connection.name}`;
  const imports: ImportResult[] = [];
  let notes: Record<string, number> = {};
  let rowsRead = 0;

  if (options.runId !== undefined) {
    await db.update(connectionRuns).set({ outcome: "running" }).where(eq(connectionRuns.id, options.runId));
  }
  const finish = async (outcome: SyncOutcome, problem: SyncProblem | null, nextState?: StoredState): Promise<SyncResult> => {
    const rowsChanged = outcome === "accepted" ? imports.reduce((n, r) => n + r.rowsChanged, 0) : 0;
    const values = {
      connectionId: connection.id, full, actor: options.actor, outcome, problem, finishedAt: new Date(),
      importIds: imports.map((r) => r.importId), rowsRead, rowsChanged,
    };
    const [run] = options.runId !== undefined
      ? await db.update(connectionRuns).set(values).where(eq(connectionRuns.id, options.runId)).returning({ id: connectionRuns.id })
      : await db.insert(connectionRuns).values(values).returning({ id: connectionRuns.id });
    if (nextState) {
      await db.update(connections).set({ state: nextState, lastSuccessAt: new Date() }).where(eq(connections.id, connection.id));
    }
    return { connection: connection.name, outcome, problem, imports, rowsRead, rowsChanged, notes, runId: run.id };
  };

  try {
    const parsed = adapter.settings.safeParse(connection.settings);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConnectorError("config", `setting ${issue?.path.join(".") || "?"}: ${issue?.message ?? "invalid"}`);
    }
    const pulled = await adapter.pull({ db, settings: parsed.data, state: full ? null : stored?.adapter ?? null, full, today: options.today });
    notes = pulled.notes ?? {};
    const file = pulled.file;
    if (!file && pulled.batch === null) return await finish("unchanged", null, { fingerprint: stored?.fingerprint ?? null, adapter: pulled.state });
    const fingerprint = file ? file.sha256 : fingerprintOf(pulled.batch);
    if (!full && stored?.fingerprint === fingerprint) return await finish("unchanged", null, { fingerprint, adapter: pulled.state });

    try {
      if (file) {
        const common = { fileName: file.fileName, actor: options.actor, userId: options.userId, source };
        const result = file.mapping
          ? await importWithMapping(db, { ...common, filePath: file.path, mapping: file.mapping })
          : await importFile(db, { ...common, kind: file.kind, filePath: file.path });
        imports.push(result);
        rowsRead = result.rowsTotal;
        // One file, one import: its own transaction, and its own log row, accepted or rejected.
        if (result.outcome === "rejected") return await finish("failed", { kind: "rejected", detail: describeRejection(result) });
      } else {
        const batch = pulled.batch!;
        rowsRead = batch.units.length + batch.employments.length;
        // A person pseudonymised under GDPR is still in the source system: leave them out, or the
        // importer refuses the whole sync for them (ref.pseudonymised) night after night.
        const erased = await pseudonymisedAmong(db, [...new Set(batch.employments.map((e) => String(e.employee_id)))], pseudonymisationKey());
        const employments = erased.size ? batch.employments.filter((e) => !erased.has(String(e.employee_id))) : batch.employments;
        const steps = [
          { kind: "units" as const, rows: batch.units as unknown as Record<string, string>[], fileName: `${connection.name}: units` },
          { kind: "employments" as const, rows: employments as unknown as Record<string, string>[], fileName: `${connection.name}: employments` },
        ];
        await db.transaction(async (tx) => {
          for (const step of steps) {
            if (step.rows.length === 0) continue;
            // The importer's staging tables live until the end of the (outer) transaction: clear
            // them so the next kind can stage its rows.
            if (imports.length) await tx.execute(sql`discard temp`);
            const result = await importRows(tx, { kind: step.kind, rows: step.rows, fileName: step.fileName, actor: options.actor, userId: options.userId, source });
            imports.push(result);
            if (result.outcome === "rejected") throw new Rejected(result);
          }
        });
      }
    } catch (error) {
      if (!(error instanceof Rejected)) throw error;
      // Everything rolled back, the importer's own log row with it: write the rejection again.
      const result = error.result;
      const [row] = await db.insert(importLog).values({
        userId: options.userId ?? null, actor: options.actor, kind: result.kind, fileName: result.fileName,
        sha256: fingerprint, rowsTotal: result.rowsTotal, rowsChanged: 0, outcome: "rejected",
        errors: { total: result.errors.length + result.errorsTruncated, items: result.errors },
        warnings: result.warnings.length ? result.warnings : null, durationMs: result.durationMs, source,
      }).returning({ id: importLog.id });
      imports.length = 0;
      imports.push({ ...result, importId: row.id });
      return await finish("failed", { kind: "rejected", detail: describeRejection(result) });
    }
    const changed = imports.some((r) => r.outcome === "accepted");
    return await finish(changed ? "accepted" : "unchanged", null, { fingerprint, adapter: pulled.state });
  } catch (error) {
    if (error instanceof ConnectorError) {
      imports.length = 0;
      return finish("failed", { kind: error.kind, detail: error.detail, recordId: error.recordId });
    }
    throw error;
  }
}

/** Every enabled, scheduled connection, one after the other (the nightly job). */
export async function syncScheduled(db: Database, options: SyncOptions): Promise<SyncResult[]> {
  const rows = await db.select({ name: connections.name }).from(connections)
    .where(sql`${connections.enabled} and ${connections.scheduled}`).orderBy(connections.name);
  const results: SyncResult[] = [];
  for (const row of rows) results.push(await syncConnection(db, row.name, options));
  return results;
}

export async function testConnection(db: Database, name: string): Promise<{ ok: boolean; message: string; kind?: ProblemKind }> {
  const [connection] = await db.select().from(connections).where(eq(connections.name, name));
  if (!connection) return { ok: false, message: `no connection named "${name}"`, kind: "config" };
  const adapter = ADAPTERS[connection.source];
  const parsed = adapter.settings.safeParse(connection.settings);
  if (!parsed.success) return { ok: false, kind: "config", message: `setting ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}` };
  try {
    return { ok: true, message: await adapter.test(parsed.data) };
  } catch (error) {
    if (error instanceof ConnectorError) return { ok: false, message: error.message, kind: error.kind };
    throw error;
  }
}
