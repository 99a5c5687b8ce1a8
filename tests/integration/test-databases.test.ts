// The setup every integration file stands on (tests/global-setup.ts): its database is a copy of
// the template migrated once for the run, and nobody can connect to the template, so cloning it
// never fails on a stray session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { queryRows } from "../../db/client";
import { MIGRATIONS_FOLDER } from "../../db/migrate";
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from "../helpers/services";

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase("tdb"); });
afterAll(async () => { await t?.drop(); });

describe("test databases", () => {
  it("are cloned from a template that accepts no connections", async () => {
    const template = process.env.TEST_PG_TEMPLATE;
    expect(template).toMatch(/^tpl_/);
    const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      const [row] = await admin`select datallowconn from pg_database where datname = ${template!}`;
      expect(row?.datallowconn).toBe(false);
    } finally {
      await admin.end();
    }
  });

  it("carry every committed migration", async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(n).toBe(journal.entries.length);
  });
});
