// Real Postgres and Redis for integration tests: a fresh database per test file, never mocks.
import postgres from "postgres";
import { connectPostgres, type DatabaseConnection } from "../../db/client";
import { migratePostgresUrl } from "../../db/migrate";
import { PG_ADMIN_URL, reachable, startAdvice } from "./reachability";

export { PG_ADMIN_URL, TEST_REDIS_URL } from "./reachability";

export async function requireService(name: "postgres" | "redis"): Promise<void> {
  if (!(await reachable(name))) throw new Error(startAdvice(name));
}

export interface TestDatabase extends DatabaseConnection {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh database of its own for one test file; drop() removes it. Under vitest it is a copy of
 * the template tests/global-setup.ts migrated once for the run (TEST_PG_TEMPLATE); elsewhere (a
 * bench, a script) there is no template and the migrations run on it from scratch.
 */
export async function createTestDatabase(prefix = "t"): Promise<TestDatabase> {
  await requireService("postgres");
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
  const template = process.env.TEST_PG_TEMPLATE;
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(template ? `create database "${name}" template "${template}"` : `create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  if (!template) await migratePostgresUrl(url.toString());
  const connection = connectPostgres(url.toString(), { max: 5 });
  return {
    ...connection,
    url: url.toString(),
    name,
    async drop() {
      await connection.close();
      const adminAgain = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
      await adminAgain.unsafe(`drop database if exists "${name}" with (force)`);
      await adminAgain.end();
    },
  };
}
