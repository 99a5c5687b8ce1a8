// Applies the committed drizzle-kit migrations, identically on Postgres and PGlite.
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { connectPglite, type DatabaseConnection } from "./client";
import { env } from "../env";

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** On a separate one-connection client, under an advisory lock so parallel starters queue. */
export async function migratePostgresUrl(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(727274)`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(727274)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function migrateConnection(connection: DatabaseConnection): Promise<void> {
  if (connection.kind === "pglite") {
    await migratePglite(connection.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  throw new Error("migrateConnection: use migratePostgresUrl for Postgres (one-connection client)");
}

export async function migrateFromEnv(): Promise<string> {
  const { DATABASE_URL, PGLITE_DIR } = env();
  if (DATABASE_URL) {
    await migratePostgresUrl(DATABASE_URL);
    return "Postgres";
  }
  const connection = connectPglite(PGLITE_DIR);
  try {
    await migrateConnection(connection);
  } finally {
    await connection.close();
  }
  return `PGlite (${PGLITE_DIR})`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  migrateFromEnv()
    .then((where) => console.log(`Migrations applied on ${where}.`))
    .catch((error: unknown) => {
      console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
