// Case history from the case-management system, and wellbeing survey results from the vendor.
import { sql } from "drizzle-orm";
import {
  pgTable, bigserial, text, integer, date, smallint, numeric, check, index, primaryKey,
} from "drizzle-orm/pg-core";
import { units, wellbeingDimensions } from "./org";

export const casePeriods = pgTable(
  "case_periods",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: text("case_id").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    /** Last day of this state (inclusive); null = still so. */
    periodEnd: date("period_end", { mode: "string" }),
    // References to units, employees and case types are checked once per statement by triggers
    // (migration 0006), not by foreign keys: three per-row RI checks were 40 % of a bulk import.
    unitId: integer("unit_id").notNull(),
    /** The holder (tovholder); null = unassigned, which counts against the team. */
    caseworkerId: text("caseworker_id"),
    caseType: text("case_type").notNull(),
    /** Resolved at import from the case type's default when the file leaves it empty. */
    complexity: smallint("complexity").notNull(),
    emotionalFlags: text("emotional_flags").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    check("case_periods_end_after_start", sql`${t.periodEnd} is null or ${t.periodEnd} >= ${t.periodStart}`),
    check("case_periods_complexity", sql`${t.complexity} between 1 and 3`),
    // Only the indexes a query reads: each is upkeep for every imported row (migration 0035,
    // docs/decisions/0018). case_idx: the import's stored histories and the overlap checks;
    // unit_idx: the unit-delete guard, the team's mismatched cases, a full run's first day;
    // caseworker_idx: the employee-delete guard, the privacy export, the competence ledger.
    index("case_periods_case_idx").on(t.caseId, t.periodStart),
    index("case_periods_unit_idx").on(t.unitId, t.periodStart),
    index("case_periods_caseworker_idx").on(t.caseworkerId),
    // No-overlap per case_id is an exclusion constraint in migration 0001_constraints.sql.
  ],
);

export const surveyRounds = pgTable("survey_rounds", {
  key: text("key").primaryKey(),
  closedOn: date("closed_on", { mode: "string" }).notNull(),
});

export const surveyResults = pgTable(
  "survey_results",
  {
    round: text("survey_round").notNull().references(() => surveyRounds.key, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    dimension: text("dimension").notNull().references(() => wellbeingDimensions.key, { onDelete: "restrict" }),
    score: numeric("score", { mode: "number" }).notNull(),
    respondents: integer("respondents").notNull(),
    invited: integer("invited"),
  },
  (t) => [
    primaryKey({ columns: [t.round, t.unitId, t.dimension] }),
    check("survey_results_score_range", sql`${t.score} >= 0 and ${t.score} <= 100`),
    check("survey_results_respondents_nonneg", sql`${t.respondents} >= 0`),
    check("survey_results_invited", sql`${t.invited} is null or ${t.invited} >= ${t.respondents}`),
  ],
);
