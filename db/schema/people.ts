// Employees, their employment periods and competences, as imported from HR.
import { sql } from "drizzle-orm";
import {
  pgTable, bigserial, text, integer, date, boolean, numeric, check, index, unique,
} from "drizzle-orm/pg-core";
import { units, caseTypes, ROLES } from "./org";

export const END_REASONS = [
  "resignation", "dismissal", "retirement", "fixed_term_end", "internal_transfer", "other", "unknown",
] as const;
export type EndReason = (typeof END_REASONS)[number];

const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

export const employees = pgTable(
  "employees",
  {
    /** Pseudonymous id from the HR system. Never a CPR number (checked here and at import). */
    id: text("id").primaryKey(),
    displayName: text("display_name"),
  },
  (t) => [check("employees_no_cpr", sql`${t.id} !~ '^[0-9]{6}-?[0-9]{4}$'`)],
);

export const employments = pgTable(
  "employments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    employeeId: text("employee_id").notNull().references(() => employees.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    role: text("role", { enum: ROLES }).notNull(),
    isManager: boolean("is_manager").notNull(),
    fte: numeric("fte", { precision: 6, scale: 4, mode: "number" }).notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    /** Last day employed (inclusive); null = still employed. */
    endDate: date("end_date", { mode: "string" }),
    endReason: text("end_reason", { enum: END_REASONS }),
  },
  (t) => [
    unique("employments_key").on(t.employeeId, t.unitId, t.startDate),
    check("employments_role_valid", sql`${t.role} in (${sqlList(ROLES)})`),
    check("employments_fte_range", sql`${t.fte} > 0 and ${t.fte} <= 1.5`),
    check("employments_end_after_start", sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    check("employments_end_reason_with_end", sql`(${t.endDate} is null) = (${t.endReason} is null)`),
    check("employments_end_reason_valid", sql`${t.endReason} is null or ${t.endReason} in (${sqlList(END_REASONS)})`),
    index("employments_unit_idx").on(t.unitId, t.startDate),
    index("employments_employee_idx").on(t.employeeId, t.startDate),
    // No-overlap per (employee, unit) is an exclusion constraint in migration 0001_constraints.sql.
  ],
);

export const competences = pgTable(
  "competences",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    employeeId: text("employee_id").notNull().references(() => employees.id, { onDelete: "cascade" }),
    caseType: text("case_type").notNull().references(() => caseTypes.key, { onDelete: "restrict" }),
    /** Null = valid since always. */
    validFrom: date("valid_from", { mode: "string" }),
  },
  (t) => [
    unique("competences_key").on(t.employeeId, t.caseType, t.validFrom).nullsNotDistinct(),
    index("competences_employee_idx").on(t.employeeId),
  ],
);
