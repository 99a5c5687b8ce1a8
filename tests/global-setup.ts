// Once per `vitest run`, before any test file: migrate one template database, which every
// integration file then clones (tests/helpers/services.ts createTestDatabase: CREATE DATABASE …
// TEMPLATE …, about 0.1 s where the migrations took 0.6 s, queued behind one advisory lock).
// Postgres refuses to clone a database anyone is connected to, so the migration's client is closed
// before the first clone and the template then accepts no connections at all: clones cannot fail
// on a stray session and need no lock between the test workers.
import postgres from "postgres";
import { migratePostgresUrl } from "../db/migrate";
import { PG_ADMIN_URL, reachable } from "./helpers/reachability";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  // Without Postgres, vitest.config.ts has already left out the files that need it (tests/helpers/service-needs.ts).
  if (!(await reachable("postgres"))) return undefined;
  const name = `tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    await migratePostgresUrl(url.toString());
    await admin.unsafe(`alter database "${name}" with allow_connections false`);
  } catch (error) {
    await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
    throw error;
  }
  await admin.end();
  // The test workers start after this and inherit the variable.
  process.env.TEST_PG_TEMPLATE = name;

  return async () => {
    delete process.env.TEST_PG_TEMPLATE;
    const again = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      await again.unsafe(`drop database if exists "${name}"`);
    } finally {
      await again.end();
    }
  };
}
