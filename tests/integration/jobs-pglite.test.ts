// The embedded database (PGlite, used by npm run demo without DATABASE_URL) runs the same SQL:
// the rollups it computes equal those Postgres computes from the same facts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { connectPglite, queryRows, type Database, type DatabaseConnection } from "../../db/client";
import { migrateConnection } from "../../db/migrate";
import { runAggregation } from "../../jobs/recompute/pipeline";
import { generateFixture, insertFixture } from "./jobs-fixture";

const TODAY = "2024-06-30";
const TABLES = ["load_unit_week", "load_caseworker_week", "unit_week_status", "wellbeing_unit_round", "risk_signals"];
let pg: TestDatabase;
let lite: DatabaseConnection;

async function dump(db: Database) {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    // Text form of each row: the two drivers return numerics and json in different JS types.
    const rows = await queryRows<{ r: string }>(db, sql.raw(`select x::text as r from ${t} x order by x::text`));
    out[t] = rows.map((row) => row.r);
  }
  return out;
}

beforeAll(async () => {
  process.env.APP_TODAY = TODAY;
  const fixture = generateFixture(5, { teamsPerDept: 2, employees: 25, cases: 250 });
  pg = await createTestDatabase("jobs_lite");
  lite = connectPglite(undefined);
  await migrateConnection(lite);
  for (const db of [pg.db, lite.db]) {
    await insertFixture(db, fixture);
    await db.transaction((tx) => runAggregation(tx, {}, TODAY));
  }
});

afterAll(async () => {
  await lite?.close();
  await pg?.drop();
});

describe("aggregation on the embedded database", () => {
  it("writes exactly the rows Postgres writes", async () => {
    const [a, b] = [await dump(pg.db), await dump(lite.db)];
    expect(a.load_unit_week.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
