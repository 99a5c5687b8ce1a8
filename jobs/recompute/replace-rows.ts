// Writing a recomputed range as a difference: the stages compute their rows into a temp table of
// the target's columns, and only the rows that differ are deleted and inserted. A recompute that
// changes little writes little (the weekly run of a week the nightly runs already computed), and
// re-inserting a key deleted in the same transaction (which makes every unique check visit the
// heap) happens only for changed rows.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";

export interface ReplaceSpec {
  /** Table names and columns are constants of the calling stage, never input. */
  target: string;
  source: string;
  keys: readonly string[];
  values: readonly string[];
  /** The target's rows the source replaces (e.g. the range's weeks); every source row lies within it. */
  scope: SQL;
  /**
   * Analyse both sides first (default): keeps the anti-joins hash joins when the source is large
   * (stale statistics pick index probes). A source of a few thousand rows is better probed by key.
   */
  analyze?: boolean;
  /** The target is a full run's empty build table (jobs/recompute/swap.ts): the source is copied in as it is. */
  fresh?: boolean;
}

/**
 * Makes target's rows within scope exactly the rows of source: deletes the rows with no identical
 * row in source, inserts the source rows whose key is missing. Returns the rows in scope afterwards.
 */
export async function replaceRows(tx: Database, spec: ReplaceSpec): Promise<number> {
  const target = sql.raw(spec.target);
  const source = sql.raw(spec.source);
  const columns = [...spec.keys, ...spec.values];
  const count = async () => (await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${source}`))[0]?.n ?? 0;
  if (spec.fresh) {
    await tx.execute(sql`insert into ${target} (${sql.raw(columns.join(", "))}) select ${sql.raw(columns.join(", "))} from ${source}`);
    return count();
  }
  const keyMatch = sql.raw(spec.keys.map((k) => `s.${k} = t.${k}`).join(" and "));
  const valueMatch = sql.raw(spec.values.map((v) => `s.${v} is not distinct from t.${v}`).join(" and "));
  if (spec.analyze !== false) {
    await tx.execute(sql`analyze ${source}`);
    await tx.execute(sql`analyze ${target}`);
  }
  await tx.execute(sql`
    delete from ${target} t
    where ${spec.scope} and not exists (select 1 from ${source} s where ${keyMatch} and ${valueMatch})`);
  // The source is the scope's new state, so a stored row with a source row's key lies in the
  // scope too: the check reads only the scope's rows (one week of holder weeks: 11,500 rows, not
  // the 299,000 of all 26 kept weeks at national scale). Unqualified, the scope's columns are t's.
  await tx.execute(sql`
    insert into ${target} (${sql.raw(columns.join(", "))})
    select ${sql.raw(columns.map((c) => `s.${c}`).join(", "))} from ${source} s
    where not exists (select 1 from ${target} t where ${keyMatch} and ${spec.scope})
    order by ${sql.raw(spec.keys.map((k) => `s.${k}`).join(", "))}`);
  return count();
}

/** Where a stage writes a recomputed range: the target, its key and values, the stage table and the scope replaced. */
export type WriteSpec = Omit<ReplaceSpec, "source" | "fresh"> & { stage: string; fresh: boolean };

/**
 * Writes the rows that `insert(into)` inserts into the table it is given (a statement returning
 * one row `n`, the rows inserted) as the target's rows within scope. Into a fresh build table
 * they go straight in; otherwise into the temp table `stage` (the target's columns), and then only
 * the difference is written (replaceRows). Returns the rows and the table holding them, which
 * later statements of the stage read (the target itself when fresh).
 */
export async function writeInserted(tx: Database, spec: WriteSpec, insert: (into: string) => SQL): Promise<{ rows: number; table: string }> {
  const inserted = async (into: string) => (await queryRows<{ n: number }>(tx, insert(into)))[0]?.n ?? 0;
  if (spec.fresh) return { rows: await inserted(spec.target), table: spec.target };
  await tx.execute(sql.raw(`drop table if exists ${spec.stage}`));
  await tx.execute(sql.raw(`create temp table ${spec.stage} (like ${spec.target}) on commit drop`));
  await inserted(spec.stage);
  return { rows: await replaceRows(tx, { ...spec, source: spec.stage }), table: spec.stage };
}

/** writeInserted for a select whose columns are named as the target's keys and values. */
export function writeRows(tx: Database, spec: WriteSpec, select: SQL): Promise<{ rows: number; table: string }> {
  const columns = sql.raw([...spec.keys, ...spec.values].join(", "));
  return writeInserted(tx, spec, (into) => sql`
    with inserted as (insert into ${sql.raw(into)} (${columns}) select ${columns} from (${select}) s returning 1)
    select count(*)::int as n from inserted`);
}
