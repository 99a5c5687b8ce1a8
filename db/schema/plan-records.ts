// What a plan's report back rests on (issue 17): evidence files, the recorded sign-offs of the report
// back, and the statutory workplace assessment (APV) with its rounds and problems.
import { sql } from "drizzle-orm";
import { pgTable, serial, text, integer, date, timestamp, check, index, customType } from "drizzle-orm/pg-core";
import { units } from "./org";
import { users } from "./access";
import { actionPlans, focusPoints, actionItems } from "./plans";
import { REPORT_SIGNOFF_KINDS } from "../../domain/signoffs";

/** Raw bytes: postgres.js hands back a Buffer, PGlite a Uint8Array; both are bytes to us. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const EVIDENCE_KINDS = ["pdf", "png", "jpeg", "webp", "docx", "xlsx", "pptx"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A file attached to an action item or a focus point: documentation for AT. Kept in Postgres. */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id").notNull().references(() => actionPlans.id, { onDelete: "cascade" }),
    focusPointId: integer("focus_point_id").references(() => focusPoints.id, { onDelete: "cascade" }),
    itemId: integer("item_id").references(() => actionItems.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    kind: text("kind", { enum: EVIDENCE_KINDS }).notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("evidence_files_one_target", sql`(${t.focusPointId} is null) <> (${t.itemId} is null)`),
    check("evidence_files_kind_valid", sql`${t.kind} in ('pdf','png','jpeg','webp','docx','xlsx','pptx')`),
    check("evidence_files_size", sql`${t.sizeBytes} > 0 and ${t.sizeBytes} = octet_length(${t.content})`),
    index("evidence_files_plan_idx").on(t.planId),
  ],
);

/**
 * management / safety_rep: a signature of the report back as it stood (report_hash); employees_informed:
 * the safety representative's confirmation that the employees were informed; sent_to_at: the day the
 * report back was filed in AT's OnlineAt. Rows are never updated: a newer row of a kind supersedes.
 */
export { REPORT_SIGNOFF_KINDS, type ReportSignoffKind } from "../../domain/signoffs";

export const reportSignoffs = pgTable(
  "report_signoffs",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id").notNull().references(() => actionPlans.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: REPORT_SIGNOFF_KINDS }).notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    /** The signer's name as it was when signing: the record must outlive a renamed or removed user. */
    signerName: text("signer_name").notNull(),
    /** The content hash of the report back's data when signed (domain/report-version.ts). */
    reportHash: text("report_hash").notNull(),
    /** sent_to_at: the filing date; employees_informed: the day they were informed. */
    onDate: date("on_date", { mode: "string" }),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("report_signoffs_kind_valid", sql`${t.kind} in ('management','safety_rep','employees_informed','sent_to_at')`),
    check("report_signoffs_date", sql`${t.kind} not in ('sent_to_at','employees_informed') or ${t.onDate} is not null`),
    index("report_signoffs_plan_idx").on(t.planId, t.signedAt),
  ],
);

export const APV_METHODS = ["questionnaire", "dialogue_meeting", "interviews", "observation", "other"] as const;

/** An APV round (arbejdspladsvurdering): when and how the conditions were surveyed. */
export const apvRounds = pgTable(
  "apv_rounds",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    roundDate: date("round_date", { mode: "string" }).notNull(),
    method: text("method", { enum: APV_METHODS }).notNull(),
    methodNote: text("method_note"),
    /** BEK 1838/2023 § 2: sickness absence is part of the assessment. */
    sicknessAbsenceNote: text("sickness_absence_note").notNull(),
    /** The action plan that follows the round up, when one is made in the product. */
    planId: integer("plan_id").references(() => actionPlans.id, { onDelete: "set null" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("apv_rounds_method_valid", sql`${t.method} in ('questionnaire','dialogue_meeting','interviews','observation','other')`),
    index("apv_rounds_unit_idx").on(t.unitId, t.roundDate),
  ],
);

/** A problem the APV found, with its measure, who is responsible, the deadline and the follow-up. */
export const apvProblems = pgTable(
  "apv_problems",
  {
    id: serial("id").primaryKey(),
    roundId: integer("round_id").notNull().references(() => apvRounds.id, { onDelete: "cascade" }),
    problem: text("problem").notNull(),
    measure: text("measure").notNull(),
    responsible: text("responsible").notNull(),
    deadline: date("deadline", { mode: "string" }).notNull(),
    followUpOn: date("follow_up_on", { mode: "string" }),
    followUpNote: text("follow_up_note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("apv_problems_follow_up", sql`(${t.followUpOn} is null) = (${t.followUpNote} is null)`),
    index("apv_problems_round_idx").on(t.roundId),
  ],
);
