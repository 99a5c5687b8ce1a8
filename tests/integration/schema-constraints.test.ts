// The database itself refuses impossible rows, whatever code writes them (issue 2, point 2).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows } from "../../db/client";
import { recordAudit } from "../../db/audit";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase("schema");
  await t.db.execute(sql`insert into units (code, name, kind) values ('ORG', 'Kommunen', 'organisation')`);
  await t.db.execute(sql`insert into units (code, name, kind, parent_id) select 'T1', 'Team 1', 'team', id from units where code = 'ORG'`);
  await t.db.execute(sql`insert into units (code, name, kind, parent_id) select 'T2', 'Team 2', 'team', id from units where code = 'T1'`);
  await t.db.execute(sql`insert into employees (id, display_name) values ('E1', 'Anna')`);
});

afterAll(async () => {
  await t?.drop();
});

/** drizzle wraps the driver's error; the constraint name and message are on its cause. */
async function rejects(statement: ReturnType<typeof sql>, expected: RegExp) {
  const error = await t.db.execute(statement).then(() => null, (e: unknown) => e);
  expect(error, "the statement should have been refused").not.toBeNull();
  const cause = (error as { cause?: { message?: string; constraint_name?: string } }).cause;
  expect(`${cause?.constraint_name ?? ""} ${cause?.message ?? String(error)}`).toMatch(expected);
}

const unit = (code: string) => sql`(select id from units where code = ${code})`;

describe("the database refuses impossible rows", () => {
  it("refuses a survey score outside 0–100", async () => {
    await t.db.execute(sql`insert into survey_rounds (key, closed_on) values ('2024-efteraar', '2024-11-01')`);
    await rejects(
      sql`insert into survey_results values ('2024-efteraar', ${unit("T1")}, 'trivsel', 101, 10, 12)`,
      /survey_results_score_range/,
    );
    await rejects(
      sql`insert into survey_results values ('2024-efteraar', ${unit("T1")}, 'trivsel', 70, 10, 8)`,
      /survey_results_invited/,
    );
  });

  it("refuses fte of zero or above 1.5 and an end before the start", async () => {
    await rejects(
      sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date) values ('E1', ${unit("T1")}, 'caseworker', false, 0, '2024-01-01')`,
      /employments_fte_range/,
    );
    await rejects(
      sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date) values ('E1', ${unit("T1")}, 'caseworker', false, 1.6, '2024-01-01')`,
      /employments_fte_range/,
    );
    await rejects(
      sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason) values ('E1', ${unit("T1")}, 'caseworker', false, 1, '2024-01-01', '2023-12-31', 'resignation')`,
      /employments_end_after_start/,
    );
  });

  it("requires an end reason exactly when there is an end date", async () => {
    await rejects(
      sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date) values ('E1', ${unit("T1")}, 'caseworker', false, 1, '2024-01-01', '2024-06-30')`,
      /employments_end_reason_with_end/,
    );
  });

  it("refuses overlapping employments of one employee in one unit, but allows them in two units", async () => {
    await t.db.execute(
      sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason) values ('E1', ${unit("T1")}, 'caseworker', false, 0.5, '2024-01-01', '2024-06-30', 'internal_transfer')`,
    );
    await rejects(
      sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date) values ('E1', ${unit("T1")}, 'specialist', false, 0.5, '2024-06-30')`,
      /employments_no_overlap/,
    );
    await t.db.execute(
      sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date) values ('E1', ${unit("T2")}, 'caseworker', false, 0.5, '2024-03-01')`,
    );
    await t.db.execute(
      sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date) values ('E1', ${unit("T1")}, 'caseworker', false, 0.5, '2024-07-01')`,
    );
  });

  it("refuses overlapping periods of one case and an unknown complexity", async () => {
    await t.db.execute(
      sql`insert into case_periods (case_id, period_start, period_end, unit_id, case_type, complexity) values ('C1', '2024-01-01', '2024-02-01', ${unit("T1")}, 'anbringelse', 3)`,
    );
    await rejects(
      sql`insert into case_periods (case_id, period_start, unit_id, case_type, complexity) values ('C1', '2024-02-01', ${unit("T1")}, 'anbringelse', 3)`,
      /case_periods_no_overlap/,
    );
    await rejects(
      sql`insert into case_periods (case_id, period_start, unit_id, case_type, complexity) values ('C2', '2024-02-01', ${unit("T1")}, 'anbringelse', 4)`,
      /case_periods_complexity/,
    );
    await rejects(
      sql`insert into case_periods (case_id, period_start, unit_id, case_type, complexity) values ('C3', '2024-02-01', ${unit("T1")}, 'ukendt_type', 1)`,
      /foreign key/,
    );
  });

  it("refuses a CPR number as employee id", async () => {
    await rejects(sql`insert into employees (id) values ('010190-1234')`, /employees_no_cpr/);
    await rejects(sql`insert into employees (id) values ('0101901234')`, /employees_no_cpr/);
  });

  it("refuses a cycle in the unit tree", async () => {
    await rejects(sql`update units set parent_id = ${unit("T2")} where code = 'T1'`, /own ancestor/);
    await rejects(sql`update units set parent_id = id where code = 'T1'`, /own ancestor|units_not_own_parent/);
  });

  it("keeps the audit trail append-only", async () => {
    await recordAudit(t.db, { actor: "test", action: "create", entity: "unit", entityId: 1, after: { code: "T1" } });
    await rejects(sql`update audit_log set action = 'forged'`, /append-only/);
    await rejects(sql`delete from audit_log`, /append-only/);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log`);
    expect(n).toBe(1);
  });

  it("refuses lowering the minimum survey group below 5", async () => {
    await rejects(sql`update organisation_settings set min_respondents = 4`, /organisation_settings_min_respondents/);
  });
});
