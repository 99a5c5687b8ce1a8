// The kinds of mail, their names in both languages (the notifications page, the unsubscribe page,
// the outbox) and the period each one is keyed by. One mail per recipient, kind and period.
import { MAIL_KINDS, MAIL_KIND_LABELS, isMailKind, type MailKind } from "../../domain/mail-kinds";
import { isoWeekLabel } from "../../domain/calendar";

export { MAIL_KINDS, MAIL_KIND_LABELS, isMailKind, type MailKind };
export type MailLang = "da" | "en";

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

/** The APV revision reminder: the round and the stage (90 days, 30 days, overdue), each once. */
export function apvRevisionPeriod(roundId: number, stage: string): string {
  return `apv-${roundId}-${stage}`;
}
