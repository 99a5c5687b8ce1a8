// GDPR retention and erasure on the generated aggregation fixture (transfers, double employments,
// managers stepping down): former employees are replaced by tokens everywhere, their names leave
// free text and the audit trail, and every turnover and load figure is the same before and after,
// both as stored and when recomputed from the pseudonymised facts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows, type Database } from "../../db/client";
import * as s from "../../db/schema";
import { runAggregation } from "../../jobs/recompute/pipeline";
import { EXPORTS } from "../../exports";
import { FIXTURE_END, FIXTURE_START, generateFixture, insertFixture } from "./jobs-fixture";
import { employeesDueForRetention, runRetention } from "../../jobs/privacy/retention";
import { pseudonymiseEmployee, PseudonymisationError, wasPseudonymised } from "../../db/privacy/pseudonymise";
import { collectPersonData } from "../../db/privacy/person-data";
import { recordNameRead } from "../../db/privacy/name-reads";
import { retentionCutoff } from "../../db/privacy/rules";
import { recordAudit } from "../../db/audit";
import { pseudonymisationKey } from "../../db/privacy/key";
import { csv, importer, tempDir } from "./import-helpers";

const KEY = pseudonymisationKey();
const AGGREGATION_TODAY = FIXTURE_END;
// Five years after the fixture's first half-year: everyone who left before 2023-07-04 is due.
const RETENTION_TODAY = "2028-07-05";

let tdb: TestDatabase;
let db: Database;

async function figures() {
  const turnover = await EXPORTS.turnover.build(db, { from: FIXTURE_START, to: FIXTURE_END });
  const byYear = await EXPORTS.turnover.build(db, { from: "2023-01-01", to: "2023-12-31" });
  const load = await EXPORTS.load.build(db, { from: FIXTURE_START, to: FIXTURE_END });
  const caseworkerWeeks = await queryRows<{ n: number; open: number }>(db, sql`
    select count(*)::int as n, coalesce(sum(open_cases), 0)::int as open from load_caseworker_week`);
  return { turnover: turnover.rows, byYear: byYear.rows, load: load.rows, caseworkerWeeks };
}

async function aggregate() {
  await db.transaction((tx) => runAggregation(tx, {}, AGGREGATION_TODAY));
}

/** Every text and JSON cell of the database that contains the value as a whole word. */
async function cellsContaining(value: string): Promise<string[]> {
  const columns = await queryRows<{ table: string; column: string; type: string }>(db, sql`
    select c.table_name as "table", c.column_name as "column", c.data_type as type
      from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type in ('text', 'jsonb', 'ARRAY')`);
  const found: string[] = [];
  for (const { table, column } of columns) {
    const [row] = await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from ${sql.raw(`"${table}"`)} where ${sql.raw(`"${column}"`)}::text ~ ${`\\m${value}\\M`}`);
    if (row.n > 0) found.push(`${table}.${column}`);
  }
  return found;
}

let leaver: string;
let leaverName: string;

beforeAll(async () => {
  tdb = await createTestDatabase("privacy");
  db = tdb.db;
  await insertFixture(db, generateFixture(11));
  await aggregate();
  const due = await employeesDueForRetention(db, retentionCutoff(RETENTION_TODAY, 5));
  expect(due.length).toBeGreaterThan(1);
  leaver = due[0];
  leaverName = `Medarbejder ${leaver}`;
  // The leaver was also a user, owned an item, is named in a review and in the audit trail.
  const [user] = await db.insert(s.users).values({ email: "leaver@example.dk", displayName: leaverName, employeeId: leaver }).returning();
  const [plan] = await db.insert(s.actionPlans).values({ unitId: 1, title: "Plan", sourceKind: "other" }).returning();
  const [focus] = await db.insert(s.focusPoints).values({ planId: plan.id, title: "Roller" }).returning();
  await db.insert(s.actionItems).values({ focusPointId: focus.id, title: "Afklar roller", ownerName: leaverName, ownerUserId: user.id });
  await recordAudit(db, { userId: user.id, action: "item.updated", entity: "action_item", after: { owner: leaverName, employee: leaver } });
  await recordNameRead(db, { userId: user.id, kind: "caseworker_load", unitId: 1, subjects: 3 });
}, 120_000);

afterAll(async () => {
  await tdb?.drop();
});

describe("pseudonymisation", () => {
  it("finds everything held about a person for an access request", async () => {
    const data = await collectPersonData(db, { employeeId: leaver });
    expect(data?.employee?.id).toBe(leaver);
    expect(data!.employments.length).toBeGreaterThan(0);
    expect(data!.users.map((u) => u.email)).toEqual(["leaver@example.dk"]);
    expect(data!.itemsOwned).toHaveLength(1);
    expect(data!.mentions.map((m) => `${m.table}.${m.column}`)).toContain("action_items.owner_name");
    expect(data!.auditByPerson).toHaveLength(1);
    expect(data!.auditAboutPerson.length).toBeGreaterThanOrEqual(1);
    expect(data!.namesRead).toHaveLength(1);
    expect(await collectPersonData(db, { employeeId: "nobody" })).toBeNull();
  });

  it("retention replaces every leaver past the period and leaves every figure unchanged, stored and recomputed", async () => {
    const before = await figures();
    const due = await employeesDueForRetention(db, retentionCutoff(RETENTION_TODAY, 5));
    const result = await runRetention(db, { today: RETENTION_TODAY, yearsAfterEmployment: 5, nameReadLogDays: 3650, digestKey: KEY });
    expect(result.pseudonymised).toBe(due.length);
    expect(await employeesDueForRetention(db, retentionCutoff(RETENTION_TODAY, 5))).toEqual([]);
    expect(await figures()).toEqual(before);
    await aggregate();
    expect(await figures()).toEqual(before);

    // Nothing left of the person: not their id, not their name, not their e-mail.
    expect(await cellsContaining(leaver)).toEqual([]);
    expect(await cellsContaining(leaverName)).toEqual([]);
    expect(await cellsContaining("leaver@example\\.dk")).toEqual([]);
    const [user] = await db.select().from(s.users).where(sql`display_name like 'Tidligere medarbejder anon-%'`);
    expect(user.active).toBe(false);
    expect(user.passwordHash).toBeNull();
    expect(await wasPseudonymised(db, leaver, KEY)).toBe(true);
    expect(await wasPseudonymised(db, "never-employed", KEY)).toBe(false);
    const trail = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where action = 'privacy.pseudonymised'`);
    expect(trail[0].n).toBe(due.length);
  });

  it("refuses an old HR file that would bring a pseudonymised person back, without keeping the id", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const result = await importer(db, dir)("employments", "gammel.csv", csv(
        "employee_id;display_name;unit_code;role;fte;start_date;end_date;end_reason",
        `${leaver};${leaverName};D0-T0;caseworker;1;2020-01-01;2020-12-31;resignation`,
        "NEW-PERSON;Ny Person;D0-T0;caseworker;1;2024-01-01;;",
      ));
      expect(result.outcome).toBe("rejected");
      expect(result.errors).toEqual([expect.objectContaining({ row: 2, column: "employee_id", value: null })]);
      expect(result.errors[0].reason).toContain("pseudonymiseret");
      expect(await cellsContaining(leaver)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it("keeps the audit trail append-only outside a pseudonymisation", async () => {
    const refusal = (query: Promise<unknown>) => query.then(() => "accepted", (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(await refusal(db.execute(sql`update audit_log set action = 'x'`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    // The pseudonymisation switch allows rewriting an entry's data, never its action.
    expect(await refusal(db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.gdpr_pseudonymise', 'on', true)`);
      await tx.execute(sql`update audit_log set action = 'x'`);
    }))).toMatch(/append-only/);
  });

  it("erases a current employee on request with the reason recorded, and refuses twice", async () => {
    const [current] = await queryRows<{ id: string }>(db, sql`
      select employee_id as id from employments where end_date is null and employee_id not like 'anon-%' order by 1 limit 1`);
    const before = await figures();
    const { token } = await pseudonymiseEmployee(db, current.id, { reason: "erasure_request", note: "Anmodning af 1. december", actorUserId: null, digestKey: KEY });
    expect(await figures()).toEqual(before);
    const [row] = await db.select().from(s.pseudonymisations).where(sql`token = ${token}`);
    expect(row.reason).toBe("erasure_request");
    expect(row.note).toBe("Anmodning af 1. december");
    await expect(pseudonymiseEmployee(db, token, { reason: "erasure_request", digestKey: KEY })).rejects.toThrow(PseudonymisationError);
    await expect(pseudonymiseEmployee(db, current.id, { reason: "erasure_request", digestKey: KEY })).rejects.toThrow(PseudonymisationError);
  });

  it("cuts the name-read log to its period", async () => {
    const result = await runRetention(db, { today: "2100-01-01", yearsAfterEmployment: 50, nameReadLogDays: 30, digestKey: KEY });
    expect(result.purgedNameReads).toBe(1);
  });
});
