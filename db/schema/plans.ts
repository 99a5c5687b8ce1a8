// Action plans (handleplaner) answering AT decisions, APVs and survey rounds; reviews; notifications.
import { sql } from "drizzle-orm";
import {
  pgTable, serial, bigserial, text, integer, date, timestamp, check, index, unique,
} from "drizzle-orm/pg-core";
import { units, AT_THEMES } from "./org";
import { users, committees } from "./access";
import { surveyRounds } from "./cases";
import { ITEM_STATUS_ORDER } from "../../domain/plan-status";

export const PLAN_SOURCES = ["at_decision", "apv", "survey", "risk_signal", "other"] as const;
export const AT_REACTIONS = [
  "paabud_med_frist", "strakspaabud", "forbud", "afgoerelse_uden_handlepligt", "kompetencepaabud", "paabud_om_undersoegelse",
] as const;
export const APPEAL_STATUSES = ["none", "appealed", "upheld", "overturned"] as const;
// The item-status list is the domain's (domain/plan-status.ts), so the check and the transitions agree.
export { ITEM_STATUS_ORDER as ITEM_STATUSES, type ItemStatus } from "../../domain/plan-status";

export const actionPlans = pgTable(
  "action_plans",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    committeeId: integer("committee_id").references(() => committees.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description"),
    sourceKind: text("source_kind", { enum: PLAN_SOURCES }).notNull(),
    // AT decision (source_kind = at_decision)
    atReference: text("at_reference"),
    atReaction: text("at_reaction", { enum: AT_REACTIONS }),
    atVisitDate: date("at_visit_date", { mode: "string" }),
    atDecisionDate: date("at_decision_date", { mode: "string" }),
    atThemes: text("at_themes", { enum: AT_THEMES }).array(),
    /** AT's deadline for the report back (tilbagemelding). */
    deadline: date("deadline", { mode: "string" }),
    appealStatus: text("appeal_status", { enum: APPEAL_STATUSES }).notNull().default("none"),
    // APV round or survey round (source_kind = apv / survey)
    apvRound: text("apv_round"),
    surveyRound: text("survey_round").references(() => surveyRounds.key, { onDelete: "set null" }),
    status: text("status", { enum: ["open", "closed"] }).notNull().default("open"),
    reportedBackOn: date("reported_back_on", { mode: "string" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("action_plans_at_fields", sql`${t.sourceKind} <> 'at_decision' or (${t.atReaction} is not null and ${t.atDecisionDate} is not null)`),
    check("action_plans_decision_after_visit", sql`${t.atVisitDate} is null or ${t.atDecisionDate} is null or ${t.atDecisionDate} >= ${t.atVisitDate}`),
    index("action_plans_unit_idx").on(t.unitId),
  ],
);

export const focusPoints = pgTable(
  "focus_points",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id").notNull().references(() => actionPlans.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    title: text("title").notNull(),
    description: text("description"),
  },
  (t) => [index("focus_points_plan_idx").on(t.planId)],
);

export const actionItems = pgTable(
  "action_items",
  {
    id: serial("id").primaryKey(),
    focusPointId: integer("focus_point_id").notNull().references(() => focusPoints.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    ownerUserId: integer("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    /** A named person who is not a user of the product. */
    ownerName: text("owner_name"),
    dueDate: date("due_date", { mode: "string" }),
    status: text("status", { enum: ITEM_STATUS_ORDER }).notNull().default("planned"),
    cancelReason: text("cancel_reason"),
    doneOn: date("done_on", { mode: "string" }),
    verifiedBy: integer("verified_by").references(() => users.id, { onDelete: "set null" }),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("action_items_status_valid", sql`${t.status} in ('planned','in_progress','done','verified','cancelled')`),
    check("action_items_cancel_reason", sql`${t.status} <> 'cancelled' or coalesce(${t.cancelReason}, '') <> ''`),
    check("action_items_verified_fields", sql`${t.status} <> 'verified' or ${t.verifiedAt} is not null`),
    index("action_items_focus_idx").on(t.focusPointId),
    index("action_items_owner_idx").on(t.ownerUserId),
  ],
);

export const itemEvidence = pgTable(
  "item_evidence",
  {
    id: serial("id").primaryKey(),
    itemId: integer("item_id").notNull().references(() => actionItems.id, { onDelete: "cascade" }),
    notedOn: date("noted_on", { mode: "string" }).notNull(),
    note: text("note").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("item_evidence_item_idx").on(t.itemId)],
);

export const committeeReviews = pgTable(
  "committee_reviews",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id").notNull().references(() => actionPlans.id, { onDelete: "cascade" }),
    committeeId: integer("committee_id").notNull().references(() => committees.id, { onDelete: "restrict" }),
    reviewDate: date("review_date", { mode: "string" }).notNull(),
    attendees: text("attendees"),
    decisions: text("decisions").notNull(),
    nextReviewDate: date("next_review_date", { mode: "string" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("committee_reviews_next_after", sql`${t.nextReviewDate} is null or ${t.nextReviewDate} > ${t.reviewDate}`),
    index("committee_reviews_plan_idx").on(t.planId, t.reviewDate),
  ],
);

export const NOTIFICATION_KINDS = ["due_soon", "overdue", "escalated"] as const;

export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    itemId: integer("item_id").references(() => actionItems.id, { onDelete: "cascade" }),
    planId: integer("plan_id").references(() => actionPlans.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    /** The day the rule fired; with kind and item it makes the daily job idempotent. */
    forDate: date("for_date", { mode: "string" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    unique("notifications_once").on(t.userId, t.kind, t.itemId).nullsNotDistinct(),
    index("notifications_user_idx").on(t.userId, t.createdAt),
  ],
);
