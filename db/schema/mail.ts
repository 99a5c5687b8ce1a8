// E-mail: the outbox every mail goes through (sent over SMTP, or kept for the administrator to read
// when no SMTP server is configured), and each user's unsubscribed kinds.
import { sql } from "drizzle-orm";
import { pgTable, bigserial, text, integer, timestamp, check, index, unique, primaryKey } from "drizzle-orm/pg-core";
import { users } from "./access";

import { MAIL_KINDS, type MailKind } from "../../domain/mail-kinds";

/**
 * due_soon / overdue: the item owner's reminders of the day; escalated: the committee hears of
 * items 7 days overdue; manager_digest: Monday, the teams' last complete week; med_digest: before a
 * committee meeting; apv_revision: the unit's APV is due for its three-year revision (migration 0028). New kinds: domain/mail-kinds.ts, the check below (a migration), jobs/mail/collect.ts.
 */
export { MAIL_KINDS, type MailKind };

/**
 * queued: waiting for SMTP (or for its next attempt, at next_attempt_at); sent: accepted by the
 * SMTP server; failed: attempts used up, last_error says why; kept: no SMTP_URL, the outbox is
 * the delivery (the administrator reads it on /admin/mail).
 */
export const MAIL_STATUSES = ["queued", "sent", "failed", "kept"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    /** What the mail is about in time: a day, an ISO week, or a committee's meeting date. */
    periodKey: text("period_key").notNull(),
    lang: text("lang", { enum: ["da", "en"] }).notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    status: text("status", { enum: MAIL_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    messageId: text("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    // Each mail once: a re-run of the job, or two workers at once, cannot add a second one.
    unique("mail_outbox_once").on(t.toAddress, t.kind, t.periodKey),
    check("mail_outbox_kind_valid", sql`${t.kind} in ('due_soon','overdue','escalated','manager_digest','med_digest','apv_revision')`),
    check("mail_outbox_status_valid", sql`${t.status} in ('queued','sent','failed','kept')`),
    index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("mail_outbox_created_idx").on(t.createdAt),
  ],
);

/** A kind a user does not want (by the signed link in the mail, or the notifications page). */
export const mailUnsubscribes = pgTable(
  "mail_unsubscribes",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
