// Full re-aggregation as build and swap (docs/decisions/0017): every rollup table is computed
// into a fresh, index-less table of a build schema, its indexes, constraints and triggers are
// made once the rows are in, and the fresh tables replace the old ones by rename at the end of
// the aggregating transaction. Readers keep reading the old tables meanwhile (nothing of them is
// locked until the swap) and never see half a state; the swap itself holds its locks for the
// few catalogue updates before COMMIT.
//
// The recompute steps are unchanged: they write unqualified table names, which the transaction's
// search_path resolves to the build schema first.
//
// Side builds: on Postgres, some tables can be built by transactions of their own on other
// connections of the pool, at the same time as the aggregating transaction builds the rest (two
// cores: HR and wellbeing beside load). Each side transaction reads the aggregating transaction's
// snapshot (pg_export_snapshot: the same facts), builds its tables into a schema of its own,
// indexes them and commits. That schema is on nobody's search_path but the aggregating
// transaction's, which moves its tables into public with the rest at its swap; if anything fails
// the side schemas are dropped, and a leftover of a process that died is dropped by the next run.
import { is, sql } from "drizzle-orm";
import { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { queryRows, type Database } from "../../db/client";

export const BUILD_SCHEMA = "rollup_build";
/**
 * A side build's schema: BUILD_SCHEMA + "_" + its name + "_" + the aggregating transaction's id
 * (committed by its own transaction, dropped by the swap). The id keeps a run from ever meeting a
 * schema that a killed run's side committed, which its own side could not see dropped (the drop
 * is the aggregating transaction's, uncommitted) and would collide with.
 */
const SIDE_SCHEMA_PREFIX = `${BUILD_SCHEMA}_`;

/**
 * Tables whose full recompute does not rewrite every row (risk_signals: only the current week's
 * radar is recomputed, earlier weeks' runs are history): their build starts as a copy.
 */
const CARRIED_OVER = new Set(["risk_signals"]);

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface Definitions {
  constraints: { name: string; definition: string }[];
  indexes: string[];
  triggers: string[];
}

/** Index, key and trigger definitions of a public table, rewritten to `target`. */
async function definitionsOf(db: Database, table: string, target: string): Promise<Definitions> {
  const onTable = new RegExp(`\\bON (ONLY )?(public\\.)?"?${table}"?(?=\\s)`);
  const constraints = await queryRows<{ name: string; definition: string }>(db, sql`
    select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
    where conrelid = ${`public.${table}`}::regclass and contype in ('p', 'u', 'x', 'f') order by conname`);
  const indexes = await queryRows<{ definition: string }>(db, sql`
    select pg_get_indexdef(x.indexrelid) as definition from pg_index x
    where x.indrelid = ${`public.${table}`}::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by x.indexrelid`);
  const triggers = await queryRows<{ definition: string }>(db, sql`
    select pg_get_triggerdef(oid) as definition from pg_trigger
    where tgrelid = ${`public.${table}`}::regclass and not tgisinternal order by tgname`);
  const retarget = (d: string) => {
    if (!onTable.test(d)) throw new Error(`build and swap: cannot retarget ${d}`);
    return d.replace(onTable, (_m, only: string | undefined) => `ON ${only ?? ""}${target}`);
  };
  return {
    constraints,
    indexes: indexes.map((i) => retarget(i.definition)),
    triggers: triggers.map((t) => retarget(t.definition)),
  };
}

/** Definitions by table name. */
type TableDefinitions = Record<string, Definitions>;

/** Fresh, index-less copies of `tables` in `schema` (created): their definitions for finishTables. */
async function createTables(db: Database, schema: string, tables: readonly string[]): Promise<TableDefinitions> {
  const definitions: TableDefinitions = {};
  await db.execute(sql.raw(`create schema ${ident(schema)}`));
  for (const table of tables) {
    const target = `${ident(schema)}.${ident(table)}`;
    definitions[table] = await definitionsOf(db, table, target);
    await db.execute(sql.raw(`create table ${target} (like public.${ident(table)} including defaults including constraints including generated)`));
    if (CARRIED_OVER.has(table)) await db.execute(sql.raw(`insert into ${target} select * from public.${ident(table)}`));
  }
  return definitions;
}

/** The keys, indexes and triggers of the public tables, made on the built ones once their rows are in. */
async function finishTables(db: Database, schema: string, definitions: TableDefinitions): Promise<void> {
  for (const [table, d] of Object.entries(definitions)) {
    const target = `${ident(schema)}.${ident(table)}`;
    for (const c of d.constraints) await db.execute(sql.raw(`alter table ${target} add constraint ${ident(c.name)} ${c.definition}`));
    for (const index of d.indexes) await db.execute(sql.raw(index));
    for (const trigger of d.triggers) await db.execute(sql.raw(trigger));
    await db.execute(sql.raw(`analyze ${target}`));
  }
}

/** Runs `f` with `schemas` first on the transaction's search_path, then puts the path back. */
async function withSearchPath<T>(db: Database, schemas: string[], path: string, f: () => Promise<T>): Promise<T> {
  await db.execute(sql`select set_config('search_path', ${[...schemas, path].join(", ")}, true)`);
  try {
    return await f();
  } finally {
    await db.execute(sql`select set_config('search_path', ${path}, true)`);
  }
}

/**
 * Drops the build schemas of earlier runs: the build schema (only ever this transaction's, so
 * dropped in it), and side schemas a process that died mid-run left committed, dropped on their
 * own connection and committed at once (no side of this run is started yet, and the aggregation
 * lock keeps any other run away).
 */
async function dropBuildSchemas(db: Database, pool: Database | null): Promise<void> {
  const left = await queryRows<{ name: string }>(db, sql`
    select nspname as name from pg_namespace where nspname = ${BUILD_SCHEMA} or starts_with(nspname, ${SIDE_SCHEMA_PREFIX})`);
  for (const { name } of left) {
    const on = name === BUILD_SCHEMA || !pool ? db : pool;
    await on.execute(sql.raw(`drop schema if exists ${ident(name)} cascade`));
  }
}

/**
 * What buildAndSwap hands the build: `run(name, f)` runs `f` for the tables of `sides[name]`, on
 * a transaction of its own on the pool when it can (Postgres), at the same time as what follows;
 * else on the aggregating transaction, in turn. The caller awaits it before reading its tables.
 */
export interface Side {
  /** Whether `run` runs beside the aggregating transaction (else on it, and must be awaited before the next step). */
  concurrent: boolean;
  run<R>(name: string, f: (db: Database) => Promise<R>): Promise<R>;
}

export interface SideBuilds {
  /** The pool the aggregating transaction came from: side transactions take connections of it. */
  pool: Database | null;
  /** Tables (of `tables`) by side name. */
  sides: Record<string, readonly string[]>;
}

/** Whether `pool` can run transactions beside one already open on it (PGlite has one connection). */
export function runsSideTransactions(pool: Database | null): pool is Database {
  return pool !== null && is(pool, PostgresJsDatabase);
}

const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(-[0-9A-F]+)?$/i;

/** One side: its tables built on its own connection, in the snapshot `snapshot`, indexed, committed. */
async function buildAside<R>(pool: Database, snapshot: string, schema: string, tables: readonly string[], path: string, f: (db: Database) => Promise<R>): Promise<R> {
  if (!SNAPSHOT_ID.test(snapshot)) throw new Error(`build and swap: unexpected snapshot id ${snapshot}`);
  return pool.transaction(async (tx) => {
    // Before any query of the transaction (SET TRANSACTION SNAPSHOT's rule): the facts as the aggregating transaction saw them.
    await tx.execute(sql.raw(`set transaction isolation level repeatable read`));
    await tx.execute(sql.raw(`set transaction snapshot '${snapshot}'`));
    const definitions = await createTables(tx, schema, tables);
    const result = await withSearchPath(tx, [schema], path, () => f(tx));
    await finishTables(tx, schema, definitions);
    return result;
  });
}

/**
 * Runs `build` with `tables` resolved to fresh tables of the build schemas, then swaps them in.
 * Inside the caller's transaction: an error anywhere leaves every table as it was.
 */
export async function buildAndSwap<T>(
  db: Database, tables: readonly string[], build: (side: Side) => Promise<T>, ms: Record<string, number> = {},
  sideBuilds: SideBuilds = { pool: null, sides: {} },
): Promise<T> {
  const [{ path }] = await queryRows<{ path: string }>(db, sql`select current_setting('search_path') as path`);
  const pool = runsSideTransactions(sideBuilds.pool) ? sideBuilds.pool : null;
  await dropBuildSchemas(db, pool);
  const aside = new Set(pool ? Object.values(sideBuilds.sides).flat() : []);
  const definitions = await createTables(db, BUILD_SCHEMA, tables.filter((t) => !aside.has(t)));
  // Exported after the build schema is made, so a side never waits on what this transaction holds.
  const [exported] = pool
    ? await queryRows<{ snapshot: string; xid: string }>(db, sql`select pg_export_snapshot() as snapshot, pg_current_xact_id()::text as xid`)
    : [];
  const schemas = [BUILD_SCHEMA];
  const started: Promise<unknown>[] = [];
  /** Side schemas committed, and the schema each of their tables is in. */
  const committed: string[] = [];
  const builtIn = new Map<string, string>();
  const run: Side["run"] = (name, f) => {
    const sideTables = sideBuilds.sides[name];
    if (!sideTables) throw new Error(`build and swap: no side ${name}`);
    if (!pool || !exported) return f(db);
    const schema = `${SIDE_SCHEMA_PREFIX}${name}_${exported.xid}`;
    const built = buildAside(pool, exported.snapshot, schema, sideTables, path, f).then(async (result) => {
      // Its tables come after this transaction's own on the path from now on (set anew: a
      // schema made since the path was set is not looked up otherwise).
      committed.push(schema);
      for (const table of sideTables) builtIn.set(table, schema);
      schemas.push(schema);
      await db.execute(sql`select set_config('search_path', ${[...schemas, path].join(", ")}, true)`);
      return result;
    });
    // Handled from the start: a side that fails while the caller is still in another step is
    // not an unhandled rejection (the caller and the settling below both see its error).
    built.catch(() => {});
    started.push(built);
    return built;
  };
  const side: Side = { concurrent: pool !== null, run };
  let result: T;
  try {
    result = await withSearchPath(db, schemas, path, async () => {
      const value = await build(side);
      await Promise.all(started);
      return value;
    });
  } catch (error) {
    // Every side settled before the error goes on: none is left writing, none's schema is left.
    await Promise.allSettled(started);
    // A committed side's tables are dropped once this transaction has rolled back and let go of
    // them (waiting for that here would wait for ourselves); the next run drops what is left.
    if (pool) {
      for (const schema of committed) void pool.execute(sql.raw(`drop schema if exists ${ident(schema)} cascade`)).catch(() => {});
    }
    throw error;
  }
  const t0 = performance.now();
  await finishTables(db, BUILD_SCHEMA, definitions);
  ms.swapIndexes = Math.round(performance.now() - t0);
  const t1 = performance.now();
  for (const table of tables) {
    const from = aside.has(table) ? builtIn.get(table) : BUILD_SCHEMA;
    if (!from) throw new Error(`build and swap: ${table} was not built`);
    await db.execute(sql.raw(`drop table public.${ident(table)}`));
    await db.execute(sql.raw(`alter table ${ident(from)}.${ident(table)} set schema public`));
  }
  for (const schema of [BUILD_SCHEMA, ...committed]) await db.execute(sql.raw(`drop schema ${ident(schema)}`));
  // The page-data version moves once, at COMMIT (migration 0011): renames fire no statement trigger.
  await db.execute(sql`insert into page_data_writes (xid) values (pg_current_xact_id()) on conflict do nothing`);
  ms.swap = Math.round(performance.now() - t1);
  return result;
}
