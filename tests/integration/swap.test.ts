// Full re-aggregation builds fresh rollup tables and swaps them in: the tables keep every index,
// key, check and trigger; readers see the old rows until COMMIT; the page-data version moves once;
// the same on PGlite (the demo's database).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPglite, queryRows, type Database, type DatabaseConnection } from "../../db/client";
import { migrateConnection } from "../../db/migrate";
import { ROLLUP_TABLES, runAggregation } from "../../jobs/recompute/pipeline";
import { buildAndSwap } from "../../jobs/recompute/swap";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { generateFixture, insertFixture, rollupRows } from "./jobs-fixture";

const TODAY = "2024-06-30";
let pg: TestDatabase;
let lite: DatabaseConnection;

/** Everything of a table's shape a reader or writer relies on, by name and definition. */
async function shape(db: Database) {
  return queryRows<{ item: string }>(db, sql`
    select t.relname || ' index ' || pg_get_indexdef(x.indexrelid) as item from pg_index x join pg_class t on t.oid = x.indrelid
    where t.relname = any(${`{${ROLLUP_TABLES.join(",")}}`}::text[]) and t.relnamespace = 'public'::regnamespace
    union all
    select t.relname || ' constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid) from pg_constraint c join pg_class t on t.oid = c.conrelid
    where t.relname = any(${`{${ROLLUP_TABLES.join(",")}}`}::text[]) and t.relnamespace = 'public'::regnamespace and c.contype <> 'n'
    union all
    select t.relname || ' trigger ' || pg_get_triggerdef(g.oid) from pg_trigger g join pg_class t on t.oid = g.tgrelid
    where t.relname = any(${`{${ROLLUP_TABLES.join(",")}}`}::text[]) and not g.tgisinternal
    union all
    select table_name || ' column ' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
    from information_schema.columns where table_schema = 'public' and table_name = any(${`{${ROLLUP_TABLES.join(",")}}`}::text[])
    order by 1`);
}

const version = async (db: Database) =>
  (await queryRows<{ v: string }>(db, sql`select version::text as v from page_data_version where id = 1`))[0].v;
const count = async (db: Database, table: string) =>
  (await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`)))[0].n;

beforeAll(async () => {
  process.env.APP_TODAY = TODAY;
  const fixture = generateFixture(7, { teamsPerDept: 2, employees: 20, cases: 150 });
  pg = await createTestDatabase("swap");
  lite = connectPglite(undefined);
  await migrateConnection(lite);
  for (const db of [pg.db, lite.db]) await insertFixture(db, fixture);
});

afterAll(async () => {
  await lite?.close();
  await pg?.drop();
});

describe.each([["Postgres", () => pg.db], ["PGlite", () => lite.db]])("build and swap on %s", (_name, database) => {
  it("keeps every index, key, check and trigger, writes the same rows as in place, and moves the page-data version once", async () => {
    const db = database();
    const before = await shape(db);
    expect(before.some((r) => r.item.includes("trigger"))).toBe(true);
    await db.transaction((tx) => runAggregation(tx, {}, TODAY, { inPlace: true }));
    const inPlace = await queryRows<{ r: string }>(db, sql`select x::text as r from load_unit_week x order by 1`);
    const v0 = BigInt(await version(db));
    const summary = await db.transaction((tx) => runAggregation(tx, {}, TODAY));
    expect(summary.ms.swap).toBeGreaterThanOrEqual(0);
    expect(BigInt(await version(db))).toBe(v0 + 1n);
    expect(await shape(db)).toEqual(before);
    expect(await queryRows<{ r: string }>(db, sql`select x::text as r from load_unit_week x order by 1`)).toEqual(inPlace);
    expect(inPlace.length).toBeGreaterThan(100);
    const [{ schemas }] = await queryRows<{ schemas: number }>(db, sql`select count(*)::int as schemas from pg_namespace where nspname = 'rollup_build'`);
    expect(schemas).toBe(0);
  });
});

describe("readers during a build", () => {
  it("see the old rows until the swap commits; a failed build leaves the tables as they were", async () => {
    const rows = await count(pg.db, "load_unit_week");
    expect(rows).toBeGreaterThan(0);
    await pg.db.transaction(async (tx) => {
      await buildAndSwap(tx, ["load_unit_week"], async () => {
        await tx.execute(sql`insert into load_unit_week select * from public.load_unit_week limit 5`);
        expect(await count(tx, "load_unit_week")).toBe(5);
        // Another connection, mid-build: the live table, untouched.
        expect(await count(pg.db, "load_unit_week")).toBe(rows);
      });
    });
    expect(await count(pg.db, "load_unit_week")).toBe(5);
    await expect(pg.db.transaction((tx) => buildAndSwap(tx, ["load_unit_week"], async () => {
      throw new Error("build failed");
    }))).rejects.toThrow("build failed");
    expect(await count(pg.db, "load_unit_week")).toBe(5);
  });
});

describe("side builds (HR and wellbeing on connections of their own)", () => {
  it("write the same rows as a build in turn, keep every index, key and trigger, and leave no build schema", async () => {
    const before = await shape(pg.db);
    expect((await pg.db.transaction((tx) => runAggregation(tx, {}, TODAY))).builtAside).toEqual([]);
    const inTurn = await rollupRows(pg.db);
    const v0 = BigInt(await version(pg.db));
    const summary = await pg.db.transaction((tx) => runAggregation(tx, {}, TODAY, { pool: pg.db }));
    expect(summary.builtAside).toEqual(["hr", "wellbeing"]);
    expect(BigInt(await version(pg.db))).toBe(v0 + 1n);
    expect(await shape(pg.db)).toEqual(before);
    const beside = await rollupRows(pg.db);
    for (const table of ROLLUP_TABLES) expect(beside[table], table).toEqual(inTurn[table]);
    expect(beside.hr_events.length).toBeGreaterThan(0);
    expect(beside.wellbeing_unit_round.length).toBeGreaterThan(0);
    const [{ schemas }] = await queryRows<{ schemas: number }>(pg.db, sql`select count(*)::int as schemas from pg_namespace where nspname like 'rollup_build%'`);
    expect(schemas).toBe(0);
  });

  it("drop, and never meet, the side schemas a killed run left committed", async () => {
    const expected = await rollupRows(pg.db);
    // What a worker killed after its HR side committed, and before the swap, leaves behind.
    for (const schema of ["rollup_build_hr", "rollup_build_hr_1"]) {
      await pg.db.execute(sql.raw(`create schema ${schema}`));
      await pg.db.execute(sql.raw(`create table ${schema}.hr_events (like public.hr_events)`));
    }
    const summary = await pg.db.transaction((tx) => runAggregation(tx, {}, TODAY, { pool: pg.db }));
    expect(summary.builtAside).toEqual(["hr", "wellbeing"]);
    expect(await rollupRows(pg.db)).toEqual(expected);
    const [{ schemas }] = await queryRows<{ schemas: number }>(pg.db, sql`select count(*)::int as schemas from pg_namespace where nspname like 'rollup_build%'`);
    expect(schemas).toBe(0);
  });

  it("run on another connection, in the aggregating transaction's snapshot, beside it", async () => {
    const units = await count(pg.db, "units");
    let sidePid = 0;
    let mainBackend = 0;
    let seenBySide = -1;
    await pg.db.transaction(async (tx) => {
      mainBackend = (await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0].pid;
      await buildAndSwap(tx, ["wellbeing_unit_round", "load_unit_week"], async (side) => {
        expect(side.concurrent).toBe(true);
        // A unit committed after the snapshot was exported: not among the facts the side reads.
        await pg.db.execute(sql`insert into units (id, code, name, kind, parent_id) values (990001, 'SNAP', 'Efter snapshot', 'team', null)`);
        await side.run("w", async (db) => {
          sidePid = (await queryRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid`))[0].pid;
          seenBySide = await count(db, "units");
          await db.execute(sql`insert into wellbeing_unit_round select * from public.wellbeing_unit_round limit 3`);
        });
        // Once the side has committed, this transaction reads its table by the unqualified name.
        expect(await count(tx, "wellbeing_unit_round")).toBe(3);
        await tx.execute(sql`insert into load_unit_week select * from public.load_unit_week limit 4`);
      }, {}, { pool: pg.db, sides: { w: ["wellbeing_unit_round"] } });
    });
    expect(sidePid).not.toBe(mainBackend);
    expect(seenBySide).toBe(units);
    expect(await count(pg.db, "wellbeing_unit_round")).toBe(3);
    expect(await count(pg.db, "load_unit_week")).toBe(4);
    await pg.db.execute(sql`delete from units where id = 990001`);
    await pg.db.transaction((tx) => runAggregation(tx, {}, TODAY, { pool: pg.db }));
  });

  it("a side that fails, or a failure after a side committed, leaves every table as it was and its schema goes", async () => {
    const rows = await rollupRows(pg.db);
    await expect(pg.db.transaction((tx) => buildAndSwap(tx, ["hr_events", "load_unit_week"], async (side) => {
      const failing = side.run("h", async () => {
        throw new Error("side failed");
      });
      await tx.execute(sql`insert into load_unit_week select * from public.load_unit_week limit 4`);
      await failing;
    }, {}, { pool: pg.db, sides: { h: ["hr_events"] } }))).rejects.toThrow("side failed");
    await expect(pg.db.transaction((tx) => buildAndSwap(tx, ["hr_events", "load_unit_week"], async (side) => {
      await side.run("h", (db) => db.execute(sql`insert into hr_events select * from public.hr_events limit 2`));
      // The side's schema is committed by now; this transaction reads its table, then fails.
      expect(await count(tx, "hr_events")).toBe(2);
      throw new Error("main failed");
    }, {}, { pool: pg.db, sides: { h: ["hr_events"] } }))).rejects.toThrow("main failed");
    expect(await rollupRows(pg.db)).toEqual(rows);
    // Dropped once the failed transaction has let go of the side's tables.
    let left = 1;
    for (let i = 0; i < 50 && left > 0; i++) {
      left = (await queryRows<{ n: number }>(pg.db, sql`select count(*)::int as n from pg_namespace where nspname like 'rollup_build%'`))[0].n;
      if (left > 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).toBe(0);
  });
});
