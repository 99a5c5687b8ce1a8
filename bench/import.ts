// Import throughput: generates a case-periods CSV on disk (1,000,000 rows by default), imports it
// into Postgres through the same path the CLI uses, and reports rows per second and peak memory.
// Then the same file again (nothing changes) and a second file as long of other, new cases into the
// table the first filled: a first load into an empty table builds its secondary indexes after the
// rows are in, every later load inserts into them, so the second figure is the one for later files.
// Alone: `npx tsx bench/import.ts [rows]` (a scratch database on BENCH_PG_ADMIN_URL, dropped after).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { connectPostgres, queryRows, type Database } from "../db/client";
import { rebuildLedger } from "../db/load-ledger";
import { migratePostgresUrl } from "../db/migrate";
import { importFile, importRows } from "../import";
import { processCpuSeconds, withCpu } from "./cpu";

export interface ImportBenchOptions {
  rows?: number;
  /** A Postgres database to import into (migrated here); unset = a scratch database, dropped after. */
  databaseUrl?: string;
  log?: (line: string) => void;
}

export interface ImportBenchResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Highest resident set size sampled during the three imports. */
  peakRssMb: number;
  /** Resident set size just before the import started. */
  baselineRssMb: number;
  fileMb: number;
  reimportSeconds: number;
  /** A second file of as many new cases into the table the first file filled. */
  append: FilledImport;
  /** Of the first file's time, the load ledger's share (db/load-ledger.ts). */
  ledgerMs: number | null;
  ledgerShare: number | null;
  /**
   * A weekly-sized file into the filled table: WEEKLY_ROWS rows replacing the histories of cases
   * the second file stored (changed periods, closed cases, new ones): the usual weekly delivery.
   */
  weekly: WeeklyImport;
  outcome: string;
  /** CPU seconds the import used in this process and in its Postgres backend (same machine). */
  cpuSeconds: { node: number; postgres: number | null };
  /** Rows per CPU second (node + Postgres): comparable between a busy and an idle machine. */
  rowsPerCpuSecond: number | null;
  /** One-minute load average when the import started: wall-clock figures depend on it. */
  loadAverage: number;
}

const TEAMS = 200;
/** A weekly delivery: a few thousand changed case periods. */
const WEEKLY_ROWS = 5_000;
const share = (ms: number | undefined, seconds: number) => ms === undefined ? null : Math.round((ms / 1000 / seconds) * 1000) / 1000;
const EMPLOYEES = 2_000;
const TYPES = ["underretning", "boernefaglig_undersoegelse", "forebyggende_indsats", "anbringelse", "eftervaern", "koersel", "aflastning"];
const FLAGS = ["", "", "", "vold_trusler", "hoejkonflikt|overgreb", "selvmordsrisiko"];

/** Deterministic pseudo-random numbers, so every run imports the same file. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function isoDay(day: number): string {
  return new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

/** Writes `rows` case periods (cases of 1–5 periods, Danish dates, `;`, decimal-free) to `file`. */
export async function writeCasePeriodsCsv(file: string, rows: number, casePrefix = "K", seed = 42): Promise<void> {
  const out = fs.createWriteStream(file);
  const random = generator(seed);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write("case_id;period_start;period_end;unit_code;caseworker_id;case_type;complexity;emotional_flags\n");
  let written = 0;
  for (let c = 1; written < rows; c++) {
    const periods = Math.min(1 + Math.floor(random() * 5), rows - written);
    let day = Math.floor(random() * 1500);
    const team = 1 + Math.floor(random() * TEAMS);
    let lines = "";
    for (let p = 0; p < periods; p++) {
      const length = 10 + Math.floor(random() * 120);
      const last = p === periods - 1 && random() < 0.4;
      const end = last ? "" : isoDay(day + length);
      const start = isoDay(day);
      const danishStart = `${start.slice(8, 10)}-${start.slice(5, 7)}-${start.slice(0, 4)}`;
      const worker = random() < 0.1 ? "" : `E${1 + Math.floor(random() * EMPLOYEES)}`;
      const complexity = random() < 0.5 ? "" : String(1 + Math.floor(random() * 3));
      lines += `${casePrefix}${c};${danishStart};${end};T${team};${worker};${TYPES[Math.floor(random() * TYPES.length)]};${complexity};${FLAGS[Math.floor(random() * FLAGS.length)]}\n`;
      day += length + 1;
    }
    await write(lines);
    written += periods;
  }
  out.end();
  await once(out, "finish");
}

async function seedReferences(url: string): Promise<void> {
  const connection = connectPostgres(url, { max: 1 });
  try {
    const units = [{ unit_code: "ORG", name: "Kommunen", parent_code: "", kind: "organisation" }];
    for (let t = 1; t <= TEAMS; t++) units.push({ unit_code: `T${t}`, name: `Team ${t}`, parent_code: "ORG", kind: "team" });
    const first = await importRows(connection.db, { kind: "units", rows: units, fileName: "bench-units", actor: "bench" });
    const employments = Array.from({ length: EMPLOYEES }, (_, i) => ({
      employee_id: `E${i + 1}`, unit_code: `T${1 + (i % TEAMS)}`, role: "caseworker", fte: "1", start_date: "2019-01-01",
    }));
    const second = await importRows(connection.db, { kind: "employments", rows: employments, fileName: "bench-employments", actor: "bench" });
    for (const r of [first, second]) {
      if (r.outcome === "rejected") throw new Error(`bench seed rejected: ${JSON.stringify(r.errors.slice(0, 3))}`);
    }
    // A new database has no ledger yet (stale until the first aggregation builds it): built here,
    // so the imports measured below keep it, as they do in a running installation.
    await connection.db.transaction((tx) => rebuildLedger(tx));
  } finally {
    await connection.close();
  }
}

/** Runs `work` and measures its wall time and the CPU time of this process and of backend `pid`. */
async function measured<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; seconds: number; cpu: { node: number; postgres: number | null } }> {
  const { result, ms, cpu } = await withCpu(work, () => processCpuSeconds(pid));
  return { value: result, seconds: ms / 1000, cpu };
}

/** A second file of as many new cases into a table already filled. */
export interface FilledImport {
  /** Case periods stored before the file. */
  tableRows: number;
  seconds: number;
  rowsPerSecond: number;
  cpuSeconds: { node: number; postgres: number | null };
  ledgerMs: number | null;
  ledgerShare: number | null;
}

export interface WeeklyImport { rows: number; rowsChanged: number; seconds: number; rowsPerSecond: number; ledgerMs: number | null }

/**
 * The second file (`rows` rows of new cases N1…) and then the weekly-sized file into the database
 * `db` is connected to, whose case_periods are already filled; `pid` is its backend. The files
 * name teams T1–T200 and employees E1–E2000, which the database must hold.
 */
async function filledImports(db: Database, pid: number, dir: string, rows: number, log: (line: string) => void): Promise<{ append: FilledImport; weekly: WeeklyImport }> {
  const [{ n: tableRows }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from case_periods`);
  log(`importing ${rows} rows of other cases into the filled table (${tableRows} case periods)…`);
  const otherFile = path.join(dir, "other-case-periods.csv");
  await writeCasePeriodsCsv(otherFile, rows, "N");
  const append = await measured(pid, () => importFile(db, { kind: "case-periods", filePath: otherFile, actor: "bench" }));
  if (append.value.outcome !== "accepted" || append.value.rowsChanged !== rows) {
    throw new Error(`bench second file ${append.value.outcome} (${append.value.rowsChanged} rows): ${JSON.stringify(append.value.errors.slice(0, 3))}`);
  }
  log(`importing a weekly-sized file (${WEEKLY_ROWS} rows, replaced histories) into the filled table…`);
  const weeklyFile = path.join(dir, "weekly-case-periods.csv");
  await writeCasePeriodsCsv(weeklyFile, WEEKLY_ROWS, "N", 7);
  const weekly = await measured(pid, () => importFile(db, { kind: "case-periods", filePath: weeklyFile, actor: "bench" }));
  if (weekly.value.outcome !== "accepted") throw new Error(`bench weekly file ${weekly.value.outcome}: ${JSON.stringify(weekly.value.errors.slice(0, 3))}`);
  return {
    append: {
      tableRows, seconds: append.seconds, rowsPerSecond: Math.round(rows / append.seconds), cpuSeconds: append.cpu,
      ledgerMs: append.value.ledgerMs ?? null, ledgerShare: share(append.value.ledgerMs, append.seconds),
    },
    weekly: {
      rows: WEEKLY_ROWS, rowsChanged: weekly.value.rowsChanged, seconds: Math.round(weekly.seconds * 1000) / 1000,
      rowsPerSecond: Math.round(WEEKLY_ROWS / weekly.seconds), ledgerMs: weekly.value.ledgerMs ?? null,
    },
  };
}

/**
 * The second file and the weekly file into an existing database (the national bench data:
 * 10,000,000 stored case periods, its ledger kept): the figure for a later file into a filled
 * table, which the scratch table the first file filled (1,000,000 rows, its indexes all in
 * memory) flatters. Leaves the rows in; the caller drops the database.
 */
export async function benchFilledImport(options: { databaseUrl: string; rows?: number; log?: (line: string) => void }): Promise<{ append: FilledImport; weekly: WeeklyImport; loadAverage: number }> {
  const rows = options.rows ?? 1_000_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const connection = connectPostgres(options.databaseUrl, { max: 1 });
  try {
    const [{ pid }] = await queryRows<{ pid: number }>(connection.db, sql`select pg_backend_pid() as pid`);
    const loadAverage = Math.round(os.loadavg()[0] * 10) / 10;
    return { ...(await filledImports(connection.db, pid, dir, rows, options.log ?? (() => {}))), loadAverage };
  } finally {
    await connection.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchImport(options: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const rows = options.rows ?? 1_000_000;
  const log = options.log ?? (() => {});
  const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  let url = options.databaseUrl;
  let scratch: string | null = null;
  if (!url) {
    scratch = `bench_import_${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${scratch}"`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${scratch}`;
    url = u.toString();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const file = path.join(dir, "case-periods.csv");
  try {
    await migratePostgresUrl(url);
    await seedReferences(url);
    log(`generating ${rows} case-period rows…`);
    await writeCasePeriodsCsv(file, rows);
    const fileMb = fs.statSync(file).size / 1024 / 1024;
    // One connection, so one Postgres backend does all the work and its CPU time can be read.
    const connection = connectPostgres(url, { max: 1 });
    try {
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 25);
      const [{ pid }] = await queryRows<{ pid: number }>(connection.db, sql`select pg_backend_pid() as pid`);
      log(`importing ${fileMb.toFixed(1)} MB…`);
      const loadAverage = os.loadavg()[0];
      const first = await measured(pid, () => importFile(connection.db, { kind: "case-periods", filePath: file, actor: "bench" }));
      const { value: result, seconds, cpu } = first;
      if (result.outcome !== "accepted") throw new Error(`bench import ${result.outcome}: ${JSON.stringify(result.errors.slice(0, 3))}`);
      log(`re-importing the same file…`);
      const again = await measured(pid, () => importFile(connection.db, { kind: "case-periods", filePath: file, actor: "bench" }));
      const reimportSeconds = again.seconds;
      if (again.value.outcome !== "unchanged") throw new Error(`bench re-import was ${again.value.outcome}, expected unchanged`);
      const { append, weekly } = await filledImports(connection.db, pid, dir, rows, log);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      return {
        rows,
        seconds,
        rowsPerSecond: Math.round(rows / seconds),
        peakRssMb: Math.round(peak / 1024 / 1024),
        baselineRssMb: Math.round(baseline / 1024 / 1024),
        fileMb: Math.round(fileMb * 10) / 10,
        reimportSeconds,
        append,
        ledgerMs: result.ledgerMs ?? null,
        ledgerShare: share(result.ledgerMs, seconds),
        weekly,
        outcome: result.outcome,
        cpuSeconds: cpu,
        rowsPerCpuSecond: cpu.postgres === null ? null : Math.round(rows / (cpu.node + cpu.postgres)),
        loadAverage: Math.round(loadAverage * 10) / 10,
      };
    } finally {
      await connection.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (scratch) {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${scratch}" with (force)`);
      await admin.end();
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.env.TZ = "UTC";
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
  benchImport({ rows, log: (line) => console.error(line) })
    .then((result) => {
      console.log(JSON.stringify(result, null, 2));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.stack ?? error.message : error);
      process.exit(1);
    });
}
