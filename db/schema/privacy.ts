// GDPR bookkeeping for employees' data: who read named figures, and which people were
// pseudonymised (by the retention rule or on request), without keeping who they were.
import { sql } from "drizzle-orm";
import { pgTable, bigserial, integer, text, timestamp, check, index } from "drizzle-orm/pg-core";
import { units } from "./org";
import { users } from "./access";

import { NAME_READ_KINDS } from "../privacy/kinds";

export { NAME_READ_KINDS, type NameReadKind } from "../privacy/kinds";

/** One row each time a page or export showed named per-person figures (kept for a set period). */
export const nameReads = pgTable(
  "name_reads",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: NAME_READ_KINDS }).notNull(),
    unitId: integer("unit_id").references(() => units.id, { onDelete: "set null" }),
    /** How many named people the reader saw. */
    subjects: integer("subjects").notNull(),
  },
  (t) => [
    check("name_reads_kind_valid", sql`${t.kind} in ('caseworker_load','departure_names','person_export')`),
    index("name_reads_at_idx").on(t.at),
    index("name_reads_user_idx").on(t.userId, t.at),
  ],
);

export const PSEUDONYMISATION_REASONS = ["retention", "erasure_request"] as const;
export type PseudonymisationReason = (typeof PSEUDONYMISATION_REASONS)[number];

/**
 * A person replaced by a stable random token everywhere. `idDigest` is a keyed hash of the old
 * employee id, so a re-imported old HR file is recognised without the product keeping the id.
 */
export const pseudonymisations = pgTable(
  "pseudonymisations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    token: text("token").notNull().unique(),
    idDigest: text("id_digest").notNull().unique(),
    reason: text("reason", { enum: PSEUDONYMISATION_REASONS }).notNull(),
    /** The administrator's stated reason for a request (never the person's name). */
    note: text("note"),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Rows changed, per table, as the record of what was done. */
    changedRows: integer("changed_rows").notNull(),
  },
  (t) => [check("pseudonymisations_reason_valid", sql`${t.reason} in ('retention','erasure_request')`)],
);
