// Action items: the status machine, overdue and deadline arithmetic, and the notification rules.
// Pure functions on 'YYYY-MM-DD' strings: the pages, the queries and the daily job share them.
import { diffDays, type IsoDate } from "./calendar";

export const ITEM_STATUS_ORDER = ["planned", "in_progress", "done", "verified", "cancelled"] as const;
export type ItemStatus = (typeof ITEM_STATUS_ORDER)[number];

/** Verified and cancelled are final: AT is told what was done, so a closed item is never reopened. */
export const FINAL_STATUSES: readonly ItemStatus[] = ["verified", "cancelled"];

/**
 * Allowed moves. Forward one step at a time, so every step leaves its own row in the audit trail;
 * done → in progress reopens an item the committee did not find effective; cancel from any non-final
 * state (with a reason).
 */
const TRANSITIONS: Record<ItemStatus, readonly ItemStatus[]> = {
  planned: ["in_progress", "cancelled"],
  in_progress: ["done", "cancelled"],
  done: ["verified", "in_progress", "cancelled"],
  verified: [],
  cancelled: [],
};

export function allowedTransitions(from: ItemStatus): readonly ItemStatus[] {
  return TRANSITIONS[from];
}

export function isFinal(status: ItemStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export type TransitionProblem = "not_allowed" | "reason_required" | "same_status";

/** Why a move is refused, or null when it is allowed. */
export function transitionProblem(from: ItemStatus, to: ItemStatus, reason?: string | null): TransitionProblem | null {
  if (from === to) return "same_status";
  if (!TRANSITIONS[from].includes(to)) return "not_allowed";
  if (to === "cancelled" && !(reason ?? "").trim()) return "reason_required";
  return null;
}

/** Still to be carried out: the only states a due date can be missed in. */
export function isOpen(status: ItemStatus): boolean {
  return status === "planned" || status === "in_progress";
}

/** Days past the due date (≥ 1) for an open item, otherwise 0. Due today is not overdue. */
export function daysOverdue(item: { status: ItemStatus; dueDate: IsoDate | null }, today: IsoDate): number {
  if (!item.dueDate || !isOpen(item.status)) return 0;
  return Math.max(0, diffDays(item.dueDate, today));
}

export function isOverdue(item: { status: ItemStatus; dueDate: IsoDate | null }, today: IsoDate): boolean {
  return daysOverdue(item, today) > 0;
}

/** Open and due from today up to `days` days ahead (14 on the pages). */
export function isDueWithin(item: { status: ItemStatus; dueDate: IsoDate | null }, today: IsoDate, days = 14): boolean {
  if (!item.dueDate || !isOpen(item.status)) return false;
  const left = diffDays(today, item.dueDate);
  return left >= 0 && left <= days;
}

/** Days left to AT's deadline (negative when passed); null without a deadline or once reported back. */
export function daysToDeadline(plan: { deadline: IsoDate | null; reportedBackOn?: IsoDate | null }, today: IsoDate): number | null {
  if (!plan.deadline || plan.reportedBackOn) return null;
  return diffDays(today, plan.deadline);
}

export interface Progress {
  /** Items that count: every item except cancelled ones. */
  total: number;
  done: number;
  verified: number;
  cancelled: number;
  overdue: number;
  /** (done + verified) / total × 100; null when there is nothing to count. */
  pct: number | null;
}

export function progressOf(items: readonly { status: ItemStatus; dueDate: IsoDate | null }[], today: IsoDate): Progress {
  let done = 0, verified = 0, cancelled = 0, overdue = 0;
  for (const item of items) {
    if (item.status === "done") done++;
    else if (item.status === "verified") verified++;
    else if (item.status === "cancelled") cancelled++;
    if (isOverdue(item, today)) overdue++;
  }
  const total = items.length - cancelled;
  return { total, done, verified, cancelled, overdue, pct: total === 0 ? null : ((done + verified) / total) * 100 };
}

export type NotificationKind = "due_soon" | "overdue" | "escalated";

/** The owner hears a week ahead. */
export const DUE_SOON_DAYS = 7;
/** The plan's committee hears when an item is a week overdue. */
export const ESCALATE_AFTER_DAYS = 7;

/**
 * Which rules hold for an item today. The daily job creates each (recipient, kind, item) once, so
 * a rule that keeps holding on later days, or a job that missed a day, yields no duplicates and no
 * gaps: "due soon" fires on any day of the last week before the due date, not only on day 7.
 */
export function notificationRules(item: { status: ItemStatus; dueDate: IsoDate | null }, today: IsoDate): NotificationKind[] {
  if (!item.dueDate || !isOpen(item.status)) return [];
  const left = diffDays(today, item.dueDate);
  if (left >= 0 && left <= DUE_SOON_DAYS) return ["due_soon"];
  const late = -left;
  if (late >= ESCALATE_AFTER_DAYS) return ["overdue", "escalated"];
  if (late >= 1) return ["overdue"];
  return [];
}
