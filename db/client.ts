// One database handle per process: postgres.js when DATABASE_URL is set, otherwise an embedded
// PGlite kept on disk so demo data survives a restart. Both speak through the same drizzle API.
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import * as schema from "./schema";
import { env } from "../env";

/** A database or a transaction handle: queries take it as a parameter so tests can wrap them. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseConnection {
  db: Database;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

export function connectPostgres(url: string, options: { max?: number } = {}): DatabaseConnection {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Calendar dates stay 'YYYY-MM-DD' strings everywhere (drizzle's date columns use mode string).
    types: { date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v } },
  });
  const db = drizzlePostgres(client, { schema });
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

export function connectPglite(dataDir: string | undefined): DatabaseConnection & { pglite: PGlite } {
  if (dataDir) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const pglite = new PGlite({ dataDir, extensions: { btree_gist } });
  const db = drizzlePglite(pglite, { schema });
  return { db, kind: "pglite", pglite, close: () => pglite.close() };
}

export function connectFromEnv(): DatabaseConnection {
  const { DATABASE_URL, PGLITE_DIR } = env();
  return DATABASE_URL ? connectPostgres(DATABASE_URL) : connectPglite(PGLITE_DIR);
}

// The Remix server bundle and tsx-loaded modules can each hold a copy of this file; both must see
// the same connection (two PGlite instances on one directory would corrupt it), hence globalThis.
const globalKey = Symbol.for("belastning.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: DatabaseConnection };

export function getConnection(): DatabaseConnection {
  const g = globalThis as GlobalWithDb;
  g[globalKey] ??= connectFromEnv();
  return g[globalKey]!;
}

export function getDb(): Database {
  return getConnection().db;
}

/** Replace the process connection (tests, the demo launcher). */
export function setConnection(connection: DatabaseConnection): void {
  (globalThis as GlobalWithDb)[globalKey] = connection;
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const connection = g[globalKey];
  g[globalKey] = undefined;
  await connection?.close();
}

/**
 * Rows of a raw query on either driver (postgres.js returns an array, PGlite an object with rows).
 * Numbers from numeric/sum come back as strings: cast in SQL (::int, ::float8) or convert.
 */
export async function queryRows<T = Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
