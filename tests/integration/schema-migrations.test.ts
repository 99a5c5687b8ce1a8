// The same committed migrations produce the same schema on Postgres and on embedded PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { connectPglite, queryRows, type Database } from "../../db/client";
import { migrateConnection } from "../../db/migrate";

let pg: TestDatabase;
let lite: ReturnType<typeof connectPglite>;

beforeAll(async () => {
  pg = await createTestDatabase("migr");
  lite = connectPglite(undefined); // in memory
  await migrateConnection(lite);
});

afterAll(async () => {
  await lite?.close();
  await pg?.drop();
});

async function describeSchema(db: Database) {
  const columns = await queryRows<{ t: string; c: string; type: string; nullable: string; dflt: string | null }>(
    db,
    sql`select table_name as t, column_name as c, data_type as type, is_nullable as nullable, column_default as dflt
        from information_schema.columns where table_schema = 'public' order by table_name, column_name`,
  );
  const constraints = await queryRows<{ t: string; name: string; type: string }>(
    db,
    sql`select conrelid::regclass::text as t, conname as name, contype::text as type
        from pg_constraint where connamespace = 'public'::regnamespace and contype <> 'n' order by 1, 2`,
  );
  const indexes = await queryRows<{ name: string }>(
    db,
    sql`select indexname as name from pg_indexes where schemaname = 'public' order by 1`,
  );
  const triggers = await queryRows<{ name: string }>(
    db,
    sql`select distinct trigger_name as name from information_schema.triggers where trigger_schema = 'public' order by 1`,
  );
  const catalogue = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from case_types`);
  return { columns, constraints, indexes, triggers, caseTypes: catalogue[0].n };
}

describe("migrations", () => {
  it("give Postgres and PGlite the same tables, columns, constraints, indexes and triggers", async () => {
    const [onPostgres, onPglite] = await Promise.all([describeSchema(pg.db), describeSchema(lite.db)]);
    expect(onPostgres.columns.length).toBeGreaterThan(100);
    expect(onPglite).toEqual(onPostgres);
    expect(onPostgres.constraints.map((c) => c.name)).toEqual(
      expect.arrayContaining(["employments_no_overlap", "survey_results_score_range"]),
    );
    expect(onPostgres.triggers.map((t) => t.name)).toEqual(
      expect.arrayContaining(["units_no_cycle", "audit_log_append_only", "case_periods_no_overlap_insert", "case_periods_references_insert"]),
    );
    expect(onPostgres.caseTypes).toBe(9);
  });

  it("are idempotent: applying them again changes nothing", async () => {
    const before = await describeSchema(lite.db);
    await migrateConnection(lite);
    expect(await describeSchema(lite.db)).toEqual(before);
  });
});
