// Tables the aggregation jobs fill, and the durable record of what must be recomputed.
// Figures keep full precision here; only presentation rounds (METRICS.md).
import { sql } from "drizzle-orm";
import {
  pgTable, bigserial, text, integer, date, numeric, boolean, timestamp, jsonb, check, index, primaryKey,
} from "drizzle-orm/pg-core";
import { units } from "./org";

// The weekly rollups below carry no foreign key to units (like the HR rollups, migration 0004):
// they are derived rows rewritten in bulk, a full recompute writes ~1.4M of each at national scale,
// and a per-row RI check was a third of the insert time. Units are never deleted, and every reader
// joins units.

/** Caseload per unit subtree and ISO week (week_start = Monday; snapshot = the Sunday). Sums only. */
export const loadUnitWeek = pgTable(
  "load_unit_week",
  {
    unitId: integer("unit_id").notNull(),
    weekStart: date("week_start", { mode: "string" }).notNull(),
    openCases: integer("open_cases").notNull(),
    unassignedCases: integer("unassigned_cases").notNull(),
    caseworkerFte: numeric("caseworker_fte", { mode: "number" }).notNull(),
    weightedSum: numeric("weighted_sum", { mode: "number" }).notNull(),
    flaggedCases: integer("flagged_cases").notNull(),
    mismatchedCases: integer("mismatched_cases").notNull(),
    newCases: integer("new_cases").notNull(),
    closedCases: integer("closed_cases").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.weekStart] }),
    check("load_unit_week_monday", sql`extract(isodow from ${t.weekStart}) = 1`),
    index("load_unit_week_week_idx").on(t.weekStart),
  ],
);

/** Per case holder on a week's snapshot day, in the team whose cases they hold. Managers only. */
export const loadCaseworkerWeek = pgTable(
  "load_caseworker_week",
  {
    unitId: integer("unit_id").notNull(),
    weekStart: date("week_start", { mode: "string" }).notNull(),
    employeeId: text("employee_id").notNull(),
    openCases: integer("open_cases").notNull(),
    weightedSum: numeric("weighted_sum", { mode: "number" }).notNull(),
    flaggedCases: integer("flagged_cases").notNull(),
    specialisedCases: integer("specialised_cases").notNull(),
    mismatchedCases: integer("mismatched_cases").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.weekStart, t.employeeId] }),
    // The carried-forward week reads the week before for every holder (jobs/recompute/stages/load/incremental.ts).
    index("load_caseworker_week_week_idx").on(t.weekStart),
  ],
);

/** Status of a unit in a week against its effective thresholds (METRICS.md "Thresholds and status"). */
export const unitWeekStatus = pgTable(
  "unit_week_status",
  {
    unitId: integer("unit_id").notNull(),
    weekStart: date("week_start", { mode: "string" }).notNull(),
    overCasesPerFte: boolean("over_cases_per_fte").notNull(),
    overWeightedLoad: boolean("over_weighted_load").notNull(),
    overEmotionalShare: boolean("over_emotional_share").notNull(),
    overTurnover: boolean("over_turnover").notNull(),
    weeksOverOfLast6: integer("weeks_over_of_last_6").notNull(),
    status: text("status", { enum: ["green", "amber", "red"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.weekStart] }), index("unit_week_status_week_idx").on(t.weekStart)],
);

/** Wellbeing per unit, round and dimension after roll-up and suppression: what may be shown. */
export const wellbeingUnitRound = pgTable(
  "wellbeing_unit_round",
  {
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "cascade" }),
    round: text("survey_round").notNull(),
    dimension: text("dimension").notNull(),
    /** Null whenever the figure is hidden: a hidden score is never stored beside the flag. */
    score: numeric("score", { mode: "number" }),
    respondents: integer("respondents").notNull(),
    invited: integer("invited"),
    own: boolean("own").notNull(),
    hiddenReason: text("hidden_reason", { enum: ["too_few", "complementary"] }),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.round, t.dimension] }),
    check("wellbeing_hidden_has_no_score", sql`${t.hiddenReason} is null or ${t.score} is null`),
  ],
);

/** Risk-radar signals raised for a team as of a week, each with the evidence it rests on. */
export const riskSignals = pgTable(
  "risk_signals",
  {
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "cascade" }),
    asOfWeek: date("as_of_week", { mode: "string" }).notNull(),
    signal: text("signal", { enum: ["workload_emotional", "unclear_demands", "turnover"] }).notNull(),
    severity: integer("severity").notNull(),
    evidence: jsonb("evidence").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.asOfWeek, t.signal] })],
);

/**
 * The weeks the risk radar was computed for. A run that raises no signal writes no risk_signals
 * row, so without this the radar would keep showing the last week that raised one as current.
 */
export const riskRadarRuns = pgTable("risk_radar_runs", {
  asOfWeek: date("as_of_week", { mode: "string" }).primaryKey(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Durable recompute requests: imports and edits write here in their own transaction, so a Redis
 * restart loses nothing; jobs carry only the request id.
 */
export const recomputeRequests = pgTable(
  "recompute_requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    source: text("source").notNull(),
    /** Null = every unit. */
    unitIds: integer("unit_ids").array(),
    fromDate: date("from_date", { mode: "string" }),
    toDate: date("to_date", { mode: "string" }),
    status: text("status", { enum: ["pending", "running", "done", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [index("recompute_requests_status_idx").on(t.status, t.requestedAt)],
);

/** One row per job run, for the administrator's jobs page. */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    job: text("job").notNull(),
    jobId: text("job_id"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    status: text("status", { enum: ["running", "completed", "failed"] }).notNull().default("running"),
    error: text("error"),
    details: jsonb("details"),
  },
  (t) => [index("job_runs_job_idx").on(t.job, t.startedAt)],
);
