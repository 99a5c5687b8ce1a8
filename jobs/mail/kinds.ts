// The kinds of mail, their names in both languages (the notifications page, the unsubscribe page,
// the outbox) and the period each one is keyed by. One mail per recipient, kind and period.
import { MAIL_KINDS, type MailKind } from "../../db/schema/mail";
import { isoWeekLabel } from "../metrics/calendar";

export { MAIL_KINDS, type MailKind };
export type MailLang = "da" | "en";

export const MAIL_KIND_LABELS: Record<MailKind, Record<MailLang, string>> = {
  due_soon: { da: "Påmindelse: indsatser med frist inden for 7 dage", en: "Reminder: action items due within 7 days" },
  overdue: { da: "Påmindelse: indsatser over fristen", en: "Reminder: overdue action items" },
  escalated: { da: "Udvalget: indsatser en uge over fristen", en: "Committee: action items a week overdue" },
  manager_digest: { da: "Mandagsoversigt for dine teams", en: "Monday digest for your teams" },
  med_digest: { da: "Oversigt før MED-mødet", en: "Digest before the MED meeting" },
};

export function isMailKind(value: string): value is MailKind {
  return (MAIL_KINDS as readonly string[]).includes(value);
}

/** Reminders and escalations: the day the rule fired (the notifications behind them are once per item). */
export function dayPeriod(today: string): string {
  return today;
}

/** The Monday digest: the ISO week it reports on, e.g. 2026-W48. */
export function weekPeriod(weekMonday: string): string {
  return isoWeekLabel(weekMonday);
}

/** Before a meeting: the committee and the meeting's date, so a moved meeting gets its own mail. */
export function meetingPeriod(committeeId: number, meetingDate: string): string {
  return `committee-${committeeId}-${meetingDate}`;
}
