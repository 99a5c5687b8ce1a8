// Users, their roles scoped to unit subtrees, MED committees, the audit trail and the import log.
import { sql } from "drizzle-orm";
import {
  pgTable, serial, bigserial, text, integer, boolean, timestamp, jsonb, date, check, index, unique,
} from "drizzle-orm/pg-core";
import { units } from "./org";
import { employees } from "./people";

import { USER_ROLES } from "../../domain/roles";

// The list lives in domain/roles.ts; the schema builds its check from it.
export { USER_ROLES, type UserRole } from "../../domain/roles";

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull().unique(),
    displayName: text("display_name").notNull(),
    /** argon2id; null for users who only sign in through an external identity provider. */
    passwordHash: text("password_hash"),
    /** Issuer + subject of an external identity (single sign-on), kept ready for later. */
    externalIssuer: text("external_issuer"),
    externalSubject: text("external_subject"),
    /** The HR employee this user is, when known (a manager sees their own team through it). */
    employeeId: text("employee_id").references(() => employees.id, { onDelete: "set null" }),
    language: text("language", { enum: ["da", "en"] }).notNull().default("da"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
  },
  (t) => [unique("users_external_identity").on(t.externalIssuer, t.externalSubject)],
);

export const committees = pgTable("committees", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  kind: text("kind", { enum: ["med", "amg"] }).notNull().default("med"),
});

/** The unit subtrees a committee covers. */
export const committeeUnits = pgTable(
  "committee_units",
  {
    committeeId: integer("committee_id").notNull().references(() => committees.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "cascade" }),
  },
  (t) => [unique("committee_units_key").on(t.committeeId, t.unitId)],
);

/**
 * One role of a user. Scope: a unit subtree (unit_id), a committee's units (committee_id, for
 * MED members) or the whole organisation (both null: only admin, hr and director).
 */
export const userRoles = pgTable(
  "user_roles",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: USER_ROLES }).notNull(),
    unitId: integer("unit_id").references(() => units.id, { onDelete: "cascade" }),
    committeeId: integer("committee_id").references(() => committees.id, { onDelete: "cascade" }),
  },
  (t) => [
    check("user_roles_role_valid", sql`${t.role} in ('admin','hr','director','med','manager')`),
    check("user_roles_med_has_committee", sql`${t.role} <> 'med' or ${t.committeeId} is not null`),
    check("user_roles_manager_has_unit", sql`${t.role} <> 'manager' or ${t.unitId} is not null`),
    unique("user_roles_key").on(t.userId, t.role, t.unitId, t.committeeId).nullsNotDistinct(),
    index("user_roles_user_idx").on(t.userId),
  ],
);

/** Append-only (a trigger in 0001_constraints.sql refuses UPDATE and DELETE). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    /** Who acted when there is no user (the CLI, a job): e.g. "cli:root", "job:notifications". */
    actor: text("actor"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    unitId: integer("unit_id").references(() => units.id, { onDelete: "set null" }),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    index("audit_log_at_idx").on(t.at),
    index("audit_log_unit_idx").on(t.unitId),
  ],
);

export const IMPORT_KINDS = ["units", "employments", "competences", "case-periods", "survey-results"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const importLog = pgTable(
  "import_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    actor: text("actor"),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    rowsTotal: integer("rows_total").notNull().default(0),
    rowsChanged: integer("rows_changed").notNull().default(0),
    outcome: text("outcome", { enum: ["accepted", "rejected", "unchanged"] }).notNull(),
    errors: jsonb("errors"),
    warnings: jsonb("warnings"),
    /** What changed, for recomputation: affected units (ids) and the date range. */
    affectedUnitIds: integer("affected_unit_ids").array(),
    affectedFrom: date("affected_from", { mode: "string" }),
    affectedTo: date("affected_to", { mode: "string" }),
    durationMs: integer("duration_ms"),
    /** Where the rows came from: null = an uploaded or CLI file; else "connection:<name>" or "mapping:<name>". */
    source: text("source"),
  },
  (t) => [index("import_log_at_idx").on(t.at)],
);
