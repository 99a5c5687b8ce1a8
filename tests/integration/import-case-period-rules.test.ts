// Case periods' rules in the database itself (migrations 0005 and 0006): no overlap within a case
// and references to units, employees and case types, checked once per statement, in both directions.
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/services";

let t: TestDatabase;
let unitId: number;

beforeAll(async () => {
  t = await createTestDatabase("import_rules");
  const [u] = await queryRows<{ id: number }>(t.db, sql`insert into units (code, name, kind) values ('T1', 'Team 1', 'team') returning id`);
  unitId = u.id;
  await t.db.execute(sql`insert into units (code, name, kind) values ('T2', 'Team 2', 'team')`);
  await t.db.execute(sql`insert into employees (id) values ('E1'), ('E2')`);
});

afterAll(async () => {
  await t?.drop();
});

async function refused(statement: SQL, pattern: RegExp): Promise<void> {
  await expect(t.db.execute(statement)).rejects.toSatisfy((e: unknown) => {
    const error = e as Error & { cause?: Error };
    return pattern.test(`${error.message} ${error.cause?.message ?? ""}`);
  });
}

const period = (caseId: string, start: string, end: string | null, extra: { unit?: number; worker?: string | null; type?: string } = {}) => sql`
  insert into case_periods (case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity)
  values (${caseId}, ${start}, ${end}, ${extra.unit ?? unitId}, ${extra.worker ?? null}, ${extra.type ?? "underretning"}, 1)`;

describe("references", () => {
  it("an unknown unit, caseworker or case type is refused as a foreign-key violation", async () => {
    await refused(period("C1", "2024-01-01", null, { unit: 999_999 }), /case_periods_unit_id_units_id_fk/);
    await refused(period("C1", "2024-01-01", null, { worker: "NOBODY" }), /case_periods_caseworker_id_employees_id_fk/);
    await refused(period("C1", "2024-01-01", null, { type: "ukendt" }), /foreign key constraint "case_periods_case_type_case_types_key_fk"/);
    await t.db.execute(period("C1", "2024-01-01", null, { worker: "E1" }));
  });

  it("a unit, employee or case type still referenced cannot be deleted; an unreferenced one can", async () => {
    await refused(sql`delete from units where id = ${unitId}`, /foreign key/);
    await refused(sql`delete from employees where id = 'E1'`, /foreign key/);
    await refused(sql`delete from case_types where key = 'underretning'`, /foreign key/);
    await refused(sql`update employees set id = 'E1-renamed' where id = 'E1'`, /foreign key/);
    await t.db.execute(sql`delete from employees where id = 'E2'`);
    await t.db.execute(sql`update employees set display_name = 'Anne' where id = 'E1'`);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from employees`);
    expect(n).toBe(1);
  });

  it("changing a period to an unknown unit is refused", async () => {
    await refused(sql`update case_periods set unit_id = 999999 where case_id = 'C1'`, /case_periods_unit_id_units_id_fk/);
  });
});

describe("no overlap within a case", () => {
  it("refuses an overlapping period inserted later, in the same statement, or by an update", async () => {
    await t.db.execute(period("C2", "2024-01-01", "2024-01-31"));
    await refused(period("C2", "2024-01-31", null), /case_periods_no_overlap/);
    await refused(sql`
      insert into case_periods (case_id, period_start, period_end, unit_id, case_type, complexity)
      values ('C3', '2024-01-01', '2024-01-10', ${unitId}, 'underretning', 1), ('C3', '2024-01-05', null, ${unitId}, 'underretning', 1)`,
      /case_periods_no_overlap/);
    await t.db.execute(period("C2", "2024-02-01", null));
    await refused(sql`update case_periods set period_end = '2024-02-01' where case_id = 'C2' and period_start = '2024-01-01'`, /case_periods_no_overlap/);
    // Another case may overlap freely.
    await t.db.execute(period("C4", "2024-01-15", null));
  });
});
