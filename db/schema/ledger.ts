// The load ledger (docs/decisions/0017): per team (its own cases and staff, not its subtree) and
// ISO week, the change every load figure takes that week. The weekly load rollups are running sums
// of it (jobs/recompute/stages/load/ledger-rollup.ts); imports keep it (db/load-ledger.ts); a full rebuild from the
// facts exists for writers that do not keep it (ledger_state.dirty, set by statement triggers).
import { sql } from "drizzle-orm";
import { pgTable, integer, text, date, bigint, smallint, boolean, timestamp, primaryKey, check } from "drizzle-orm/pg-core";

/**
 * Counts per complexity, not weighted sums: a change of weights needs no rebuild. FTE in units of
 * 1/10,000 (FTE has 4 decimals), exact. new/closed are that week's events, not running figures.
 */
export const loadLedger = pgTable(
  "load_ledger",
  {
    unitId: integer("unit_id").notNull(),
    weekStart: date("week_start", { mode: "string" }).notNull(),
    complexity1: integer("complexity_1").notNull(),
    complexity2: integer("complexity_2").notNull(),
    complexity3: integer("complexity_3").notNull(),
    unassigned: integer("unassigned").notNull(),
    flagged: integer("flagged").notNull(),
    mismatched: integer("mismatched").notNull(),
    fte: bigint("fte", { mode: "number" }).notNull(),
    newCases: integer("new_cases").notNull(),
    closedCases: integer("closed_cases").notNull(),
  },
  // Week first: a range of weeks (one week carried forward) is one index range.
  (t) => [primaryKey({ columns: [t.weekStart, t.unitId] })],
);

/**
 * The team ledger summed over each unit's subtree (unit_closure): per unit and week, the change
 * of its rolled-up figures, so load_unit_week is a running sum per unit with no closure join.
 * Kept with the team ledger (every change applied to the team's ancestors too); the units whose
 * descendants change with the tree are summed anew.
 */
export const loadSubtreeLedger = pgTable(
  "load_subtree_ledger",
  {
    unitId: integer("unit_id").notNull(),
    weekStart: date("week_start", { mode: "string" }).notNull(),
    complexity1: integer("complexity_1").notNull(),
    complexity2: integer("complexity_2").notNull(),
    complexity3: integer("complexity_3").notNull(),
    unassigned: integer("unassigned").notNull(),
    flagged: integer("flagged").notNull(),
    mismatched: integer("mismatched").notNull(),
    fte: bigint("fte", { mode: "number" }).notNull(),
    newCases: integer("new_cases").notNull(),
    closedCases: integer("closed_cases").notNull(),
  },
  (t) => [primaryKey({ columns: [t.weekStart, t.unitId] })],
);

/**
 * The holders' ledger: per team, case holder and ISO week, the change of the holder's figures
 * (load_caseworker_week). Only the recent weeks are kept per holder, so a change before
 * `ledger_state.holder_horizon` is written at the horizon: the row there holds each holder's state
 * when the kept weeks begin (jobs/recompute/stages/load/recompute.ts reads from it on).
 */
export const loadHolderLedger = pgTable(
  "load_holder_ledger",
  {
    weekStart: date("week_start", { mode: "string" }).notNull(),
    unitId: integer("unit_id").notNull(),
    employeeId: text("employee_id").notNull(),
    complexity1: integer("complexity_1").notNull(),
    complexity2: integer("complexity_2").notNull(),
    complexity3: integer("complexity_3").notNull(),
    flagged: integer("flagged").notNull(),
    specialised: integer("specialised").notNull(),
    mismatched: integer("mismatched").notNull(),
  },
  (t) => [primaryKey({ columns: [t.weekStart, t.unitId, t.employeeId] })],
);

/** One row: whether a write bypassed the ledger (then the next aggregation rebuilds it first). */
export const ledgerState = pgTable(
  "ledger_state",
  {
    id: smallint("id").primaryKey(),
    dirty: boolean("dirty").notNull(),
    rebuiltAt: timestamp("rebuilt_at", { withTimezone: true }),
    /** The first week the holders' ledger keeps apart; null = not built. */
    holderHorizon: date("holder_horizon", { mode: "string" }),
  },
  (t) => [check("ledger_state_one_row", sql`${t.id} = 1`)],
);

/**
 * The HR rollups' inputs (employments, the unit tree): `version` rises with every writing
 * statement (trigger), `foldedVersion` is the version an aggregation last folded in with no other
 * request pending. Equal = the stored HR months are exact (jobs/recompute/stages/hr/unchanged.ts).
 */
export const hrFactsState = pgTable(
  "hr_facts_state",
  {
    id: smallint("id").primaryKey(),
    version: bigint("version", { mode: "number" }).notNull(),
    foldedVersion: bigint("folded_version", { mode: "number" }),
  },
  (t) => [check("hr_facts_state_one_row", sql`${t.id} = 1`)],
);
