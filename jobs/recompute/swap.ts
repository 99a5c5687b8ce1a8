// Full re-aggregation as build and swap (docs/decisions/0017): every rollup table is computed
// into a fresh, index-less table of a build schema, its indexes, constraints and triggers are
// made once the rows are in, and the fresh tables replace the old ones by rename at the end of
// the aggregating transaction. Readers keep reading the old tables meanwhile (nothing of them is
// locked until the swap) and never see half a state; the swap itself holds its locks for the
// few catalogue updates before COMMIT.
//
// The recompute steps are unchanged: they write unqualified table names, which the transaction's
// search_path resolves to the build schema first.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";

export const BUILD_SCHEMA = "rollup_build";

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

/**
 * Runs `build` with `tables` resolved to fresh tables of the build schema, then swaps them in.
 * Inside the caller's transaction: an error anywhere leaves every table as it was.
 */
export async function buildAndSwap<T>(db: Database, tables: readonly string[], build: () => Promise<T>, ms: Record<string, number> = {}): Promise<T> {
  const schema = ident(BUILD_SCHEMA);
  const [{ path }] = await queryRows<{ path: string }>(db, sql`select current_setting('search_path') as path`);
  await db.execute(sql.raw(`drop schema if exists ${schema} cascade`));
  await db.execute(sql.raw(`create schema ${schema}`));
  const definitions = new Map<string, Definitions>();
  for (const table of tables) {
    const target = `${schema}.${ident(table)}`;
    definitions.set(table, await definitionsOf(db, table, target));
    await db.execute(sql.raw(`create table ${target} (like public.${ident(table)} including defaults including constraints including generated)`));
    if (CARRIED_OVER.has(table)) await db.execute(sql.raw(`insert into ${target} select * from public.${ident(table)}`));
  }
  await db.execute(sql`select set_config('search_path', ${`${BUILD_SCHEMA}, ${path}`}, true)`);
  let result: T;
  try {
    result = await build();
  } finally {
    await db.execute(sql`select set_config('search_path', ${path}, true)`);
  }
  const t0 = performance.now();
  for (const table of tables) {
    const target = `${schema}.${ident(table)}`;
    const d = definitions.get(table)!;
    for (const c of d.constraints) await db.execute(sql.raw(`alter table ${target} add constraint ${ident(c.name)} ${c.definition}`));
    for (const index of d.indexes) await db.execute(sql.raw(index));
    for (const trigger of d.triggers) await db.execute(sql.raw(trigger));
    await db.execute(sql.raw(`analyze ${target}`));
  }
  ms.swapIndexes = Math.round(performance.now() - t0);
  const t1 = performance.now();
  for (const table of tables) {
    await db.execute(sql.raw(`drop table public.${ident(table)}`));
    await db.execute(sql.raw(`alter table ${schema}.${ident(table)} set schema public`));
  }
  await db.execute(sql.raw(`drop schema ${schema}`));
  // The page-data version moves once, at COMMIT (migration 0011): renames fire no statement trigger.
  await db.execute(sql`insert into page_data_writes (xid) values (pg_current_xact_id()) on conflict do nothing`);
  ms.swap = Math.round(performance.now() - t1);
  return result;
}
