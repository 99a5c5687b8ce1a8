// Turnover rollups the HR aggregation fills. Figures keep full precision; only presentation rounds.
// These tables are derived caches that jobs/recompute/stages/hr/recompute.ts replaces wholesale, so they carry no
// foreign keys: at national scale the per-row FK triggers cost a third of the recompute, and a
// recompute removes rows of units that no longer exist.
import { sql } from "drizzle-orm";
import { pgTable, text, integer, date, boolean, check, primaryKey, index, bigint } from "drizzle-orm/pg-core";

/**
 * HR events per subtree: every departure and hire as METRICS.md defines them, with the unit
 * being the subtree root (the same person's departure appears once for each ancestor it leaves).
 * population = 'staff' (all employments) or 'manager' (is_manager employments only).
 */
export const hrEvents = pgTable(
  "hr_events",
  {
    unitId: integer("unit_id").notNull(),
    population: text("population", { enum: ["staff", "manager"] }).notNull(),
    eventDate: date("event_date", { mode: "string" }).notNull(),
    employeeId: text("employee_id").notNull(),
    kind: text("kind", { enum: ["departure", "hire"] }).notNull(),
    /** departure only: external departure or internal transfer out of the subtree. */
    internalTransfer: boolean("internal_transfer").notNull().default(false),
    /** departure only: external and end_reason = resignation. */
    voluntary: boolean("voluntary").notNull().default(false),
    endReason: text("end_reason"),
    /** The team (leaf unit) the employment was in, and its role, for the drill-down list. */
    fromUnitId: integer("from_unit_id"),
    role: text("role"),
  },
  (t) => [
    // Date before person: the key also serves the per-unit date-range reads, so the table needs no
    // second index (millions of rows are written per national recompute).
    primaryKey({ columns: [t.unitId, t.population, t.kind, t.eventDate, t.employeeId] }),
  ],
);

/**
 * Headcount step changes per subtree: headcount(d) = Σ delta over change_date ≤ d. Exact
 * headcount-days for any [a, b] follow without day-level rows.
 */
export const hrHeadcountSteps = pgTable(
  "hr_headcount_steps",
  {
    unitId: integer("unit_id").notNull(),
    population: text("population", { enum: ["staff", "manager"] }).notNull(),
    changeDate: date("change_date", { mode: "string" }).notNull(),
    delta: integer("delta").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.population, t.changeDate] })],
);

/**
 * Per subtree and calendar month: headcount-days and event counts, so whole-month periods sum
 * exactly; the opening headcount (on the 1st) plus the month's steps give a cut month's days.
 * A missing row means zero for every column.
 */
export const hrUnitMonth = pgTable(
  "hr_unit_month",
  {
    unitId: integer("unit_id").notNull(),
    month: date("month", { mode: "string" }).notNull(),
    openingHeadcount: integer("opening_headcount").notNull().default(0),
    headcountDays: integer("headcount_days").notNull(),
    departures: integer("departures").notNull(),
    internalTransfersOut: integer("internal_transfers_out").notNull(),
    voluntaryDepartures: integer("voluntary_departures").notNull(),
    hires: integer("hires").notNull(),
    managerOpeningHeadcount: integer("manager_opening_headcount").notNull().default(0),
    managerHeadcountDays: integer("manager_headcount_days").notNull(),
    managerDepartures: integer("manager_departures").notNull(),
    managerHires: integer("manager_hires").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.month] }),
    // Status and the radar read a few months for every unit, and the first and last month.
    index("hr_unit_month_month_idx").on(t.month),
    check("hr_unit_month_first_day", sql`extract(day from ${t.month}) = 1`),
  ],
);


/**
 * The 12-month window ending with each month (M − 11 … M) per subtree, from hr_unit_month: the
 * turnover behind the status flag and the risk radar (domain/status.ts). Dense: every unit and
 * every month from the first to the last month hr_unit_month holds, so a unit nobody works in any
 * more still carries its departures of the 11 months before. Month first in the key: a week's
 * status reads one month for every unit as one index range.
 */
export const hrUnitRolling12m = pgTable(
  "hr_unit_rolling_12m",
  {
    month: date("month", { mode: "string" }).notNull(),
    unitId: integer("unit_id").notNull(),
    departures: integer("departures").notNull(),
    managerDepartures: integer("manager_departures").notNull(),
    headcountDays: bigint("headcount_days", { mode: "number" }).notNull(),
    /** Calendar days of the 12 months (365 or 366). */
    days: integer("days").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.unitId] })],
);
