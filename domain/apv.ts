// APV (arbejdspladsvurdering) dates: BEK 1838 of 14/12/2023 § 2 — the assessment is revised when
// the work changes and at least every third year. Pure: the presenters and reminders call these.
import { diffDays, type IsoDate } from "./calendar";

/** The day three years after the round (29 February gives 28 February in a common year). */
export function apvRevisionDueDate(roundDate: IsoDate): IsoDate {
  const [y, m, d] = roundDate.split("-").map(Number);
  const year = y + 3;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Days from today to the revision date: negative when the revision is overdue. */
export function daysToApvRevision(roundDate: IsoDate, today: IsoDate): number {
  return diffDays(today, apvRevisionDueDate(roundDate));
}

/** A problem is open until followed up; overdue when open past its deadline. */
export function apvProblemOverdue(problem: { deadline: IsoDate; followUpOn: IsoDate | null }, today: IsoDate): boolean {
  return problem.followUpOn === null && problem.deadline < today;
}

/** The reminders before the revision date: 90 and then 30 days ahead (and once it has passed). */
export const APV_REVISION_REMINDER_DAYS = [90, 30] as const;
export type ApvRevisionStage = "d90" | "d30" | "overdue";

/**
 * Which reminder a revision is at, from the days left (negative: overdue): "overdue" past the date,
 * "d30" within 30 days, "d90" within 90, null before that. Each stage is mailed once per round.
 */
export function apvRevisionStage(daysLeft: number): ApvRevisionStage | null {
  if (daysLeft < 0) return "overdue";
  if (daysLeft <= APV_REVISION_REMINDER_DAYS[1]) return "d30";
  if (daysLeft <= APV_REVISION_REMINDER_DAYS[0]) return "d90";
  return null;
}
