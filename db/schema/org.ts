// The organisation tree, its settings and the catalogues every import refers to.
import { sql } from "drizzle-orm";
import {
  pgTable, serial, integer, text, date, boolean, smallint, numeric, check, index, primaryKey,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

export const UNIT_KINDS = ["organisation", "area", "centre", "department", "cluster", "team"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ROLES = [
  "caseworker", "specialist", "psychologist", "health_visitor", "administrative", "manager", "other",
] as const;
export type EmploymentRole = (typeof ROLES)[number];
/** Roles that hold cases unless a unit's settings say otherwise (DATA-CONTRACT). */
export const DEFAULT_CASE_HOLDING_ROLES: EmploymentRole[] = ["caseworker", "specialist"];

export const units = pgTable(
  "units",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => units.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    district: text("district"),
    rolloutDate: date("rollout_date", { mode: "string" }),
  },
  (t) => [
    check("units_kind_valid", sql`${t.kind} in ('organisation','area','centre','department','cluster','team')`),
    check("units_not_own_parent", sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
    index("units_parent_idx").on(t.parentId),
  ],
);

/**
 * Ancestor/descendant pairs (including each unit with itself at depth 0), rebuilt whenever the
 * tree changes. Every subtree figure joins through it, so roll-ups are one set-based query.
 */
export const unitClosure = pgTable(
  "unit_closure",
  {
    ancestorId: integer("ancestor_id").notNull().references(() => units.id, { onDelete: "cascade" }),
    descendantId: integer("descendant_id").notNull().references(() => units.id, { onDelete: "cascade" }),
    depth: integer("depth").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.descendantId] }),
    index("unit_closure_descendant_idx").on(t.descendantId, t.ancestorId),
    check("unit_closure_depth_nonneg", sql`${t.depth} >= 0`),
  ],
);

/** Per-unit thresholds; a null inherits from the nearest ancestor, then METRICS.md defaults. */
export const unitSettings = pgTable(
  "unit_settings",
  {
    unitId: integer("unit_id").primaryKey().references(() => units.id, { onDelete: "cascade" }),
    casesPerFteThreshold: numeric("cases_per_fte_threshold", { mode: "number" }),
    weightedLoadThreshold: numeric("weighted_load_threshold", { mode: "number" }),
    emotionalSharePctThreshold: numeric("emotional_share_pct_threshold", { mode: "number" }),
    turnover12mPctThreshold: numeric("turnover_12m_pct_threshold", { mode: "number" }),
    /** Extra roles that hold cases in this unit's subtree (beyond caseworker and specialist). */
    caseHoldingRoles: text("case_holding_roles").array(),
  },
  (t) => [
    check("unit_settings_positive", sql`coalesce(${t.casesPerFteThreshold}, 1) > 0 and coalesce(${t.weightedLoadThreshold}, 1) > 0
      and coalesce(${t.emotionalSharePctThreshold}, 1) > 0 and coalesce(${t.turnover12mPctThreshold}, 1) > 0`),
  ],
);

/** Settings that belong to the organisation as a whole (one row, id = 1). */
export const organisationSettings = pgTable(
  "organisation_settings",
  {
    id: smallint("id").primaryKey().default(1),
    weightComplexity1: numeric("weight_complexity_1", { mode: "number" }).notNull().default(1),
    weightComplexity2: numeric("weight_complexity_2", { mode: "number" }).notNull().default(1.5),
    weightComplexity3: numeric("weight_complexity_3", { mode: "number" }).notNull().default(2),
    /** METRICS.md: the organisation may raise, never lower, the minimum of 5 respondents. */
    minRespondents: integer("min_respondents").notNull().default(5),
  },
  (t) => [
    check("organisation_settings_single_row", sql`${t.id} = 1`),
    check("organisation_settings_min_respondents", sql`${t.minRespondents} >= 5`),
    check("organisation_settings_weights_positive", sql`${t.weightComplexity1} > 0 and ${t.weightComplexity2} > 0 and ${t.weightComplexity3} > 0`),
  ],
);

export const caseTypes = pgTable(
  "case_types",
  {
    key: text("key").primaryKey(),
    labelDa: text("label_da").notNull(),
    labelEn: text("label_en").notNull(),
    defaultComplexity: smallint("default_complexity").notNull(),
    specialised: boolean("specialised").notNull().default(false),
  },
  (t) => [check("case_types_complexity", sql`${t.defaultComplexity} between 1 and 3`)],
);

export const emotionalFlags = pgTable("emotional_flags", {
  key: text("key").primaryKey(),
  labelDa: text("label_da").notNull(),
  labelEn: text("label_en").notNull(),
});

export const AT_THEMES = [
  "workload_time_pressure", "unclear_conflicting_demands", "emotional_demands", "offensive_acts", "violence",
] as const;
export type AtTheme = (typeof AT_THEMES)[number];

export const wellbeingDimensions = pgTable("wellbeing_dimensions", {
  key: text("key").primaryKey(),
  labelDa: text("label_da").notNull(),
  labelEn: text("label_en").notNull(),
  higherIsBetter: boolean("higher_is_better").notNull(),
  atTheme: text("at_theme", { enum: AT_THEMES }),
});
