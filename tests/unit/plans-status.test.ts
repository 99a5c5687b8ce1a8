import { describe, expect, it } from "vitest";
import {
  allowedTransitions, daysOverdue, daysToDeadline, isDueWithin, isOverdue, notificationRules, progressOf, transitionProblem,
  ITEM_STATUS_ORDER, type ItemStatus,
} from "../../domain/plan-status";
import { ITEM_STATUSES } from "../../db/schema/plans";

describe("item status machine", () => {
  it("uses exactly the statuses the database accepts", () => {
    expect([...ITEM_STATUS_ORDER].sort()).toEqual([...ITEM_STATUSES].sort());
  });

  it("moves forward one step at a time: planned → in progress → done → verified", () => {
    expect(transitionProblem("planned", "in_progress")).toBeNull();
    expect(transitionProblem("in_progress", "done")).toBeNull();
    expect(transitionProblem("done", "verified")).toBeNull();
  });

  it("refuses skipping steps and moving backwards except reopening a done item", () => {
    expect(transitionProblem("planned", "done")).toBe("not_allowed");
    expect(transitionProblem("planned", "verified")).toBe("not_allowed");
    expect(transitionProblem("in_progress", "verified")).toBe("not_allowed");
    expect(transitionProblem("in_progress", "planned")).toBe("not_allowed");
    expect(transitionProblem("done", "in_progress")).toBeNull();
  });

  it("never leaves a final state", () => {
    for (const to of ITEM_STATUS_ORDER) {
      expect(transitionProblem("verified", to)).not.toBeNull();
      expect(transitionProblem("cancelled", to)).not.toBeNull();
    }
    expect(allowedTransitions("verified")).toEqual([]);
    expect(allowedTransitions("cancelled")).toEqual([]);
  });

  it("cancels from every non-final state, but only with a reason", () => {
    for (const from of ["planned", "in_progress", "done"] as ItemStatus[]) {
      expect(transitionProblem(from, "cancelled", "Erstattet af indsats 2.1")).toBeNull();
      expect(transitionProblem(from, "cancelled", "   ")).toBe("reason_required");
      expect(transitionProblem(from, "cancelled")).toBe("reason_required");
    }
  });

  it("calls a move to the same status what it is", () => {
    expect(transitionProblem("planned", "planned")).toBe("same_status");
  });
});

describe("overdue and deadlines with a fixed clock", () => {
  const today = "2025-06-16";

  it("counts an open item as overdue from the day after its due date", () => {
    expect(isOverdue({ status: "planned", dueDate: "2025-06-16" }, today)).toBe(false); // due today
    expect(daysOverdue({ status: "planned", dueDate: "2025-06-15" }, today)).toBe(1);
    // 1 May → 16 June: 30 remaining days of May + 16 = 46
    expect(daysOverdue({ status: "in_progress", dueDate: "2025-05-01" }, today)).toBe(46);
  });

  it("never calls a done, verified or cancelled item overdue, nor one without a due date", () => {
    for (const status of ["done", "verified", "cancelled"] as ItemStatus[]) {
      expect(isOverdue({ status, dueDate: "2025-01-01" }, today)).toBe(false);
    }
    expect(isOverdue({ status: "planned", dueDate: null }, today)).toBe(false);
  });

  it("finds open items due within 14 days, today and the 14th day included", () => {
    expect(isDueWithin({ status: "planned", dueDate: "2025-06-16" }, today)).toBe(true);
    expect(isDueWithin({ status: "planned", dueDate: "2025-06-30" }, today)).toBe(true); // 14 days
    expect(isDueWithin({ status: "planned", dueDate: "2025-07-01" }, today)).toBe(false); // 15 days
    expect(isDueWithin({ status: "planned", dueDate: "2025-06-15" }, today)).toBe(false); // overdue, not due
    expect(isDueWithin({ status: "done", dueDate: "2025-06-20" }, today)).toBe(false);
  });

  it("gives the days left to AT's deadline, negative once passed, none after reporting back", () => {
    // AT notice of 10 April 2025 with a deadline of 1 September 2025: 14 (rest of June) + 31 + 31 + 1 = 77
    expect(daysToDeadline({ deadline: "2025-09-01" }, today)).toBe(77);
    expect(daysToDeadline({ deadline: "2025-06-01" }, today)).toBe(-15);
    expect(daysToDeadline({ deadline: "2025-09-01", reportedBackOn: "2025-08-20" }, today)).toBeNull();
    expect(daysToDeadline({ deadline: null }, today)).toBeNull();
  });
});

describe("progress", () => {
  it("counts done and verified against every item that was not cancelled", () => {
    // 5 items, 1 cancelled → 4 count; done 1 + verified 1 = 2 of 4 = 50 %; one open item is past due.
    const progress = progressOf([
      { status: "planned", dueDate: "2025-06-01" },
      { status: "in_progress", dueDate: "2025-07-01" },
      { status: "done", dueDate: "2025-05-01" },
      { status: "verified", dueDate: "2025-04-01" },
      { status: "cancelled", dueDate: "2025-03-01" },
    ], "2025-06-16");
    expect(progress).toEqual({ total: 4, done: 1, verified: 1, cancelled: 1, overdue: 1, pct: 50 });
  });

  it("has no percentage when nothing counts", () => {
    expect(progressOf([], "2025-06-16").pct).toBeNull();
    expect(progressOf([{ status: "cancelled", dueDate: null }], "2025-06-16").pct).toBeNull();
  });
});

describe("notification rules", () => {
  const due = "2025-06-20";
  it("tells the owner in the last 7 days before the due date", () => {
    expect(notificationRules({ status: "planned", dueDate: due }, "2025-06-12")).toEqual([]); // 8 days ahead
    expect(notificationRules({ status: "planned", dueDate: due }, "2025-06-13")).toEqual(["due_soon"]); // 7 days
    expect(notificationRules({ status: "in_progress", dueDate: due }, "2025-06-20")).toEqual(["due_soon"]); // due today
  });

  it("tells the owner once overdue and escalates to the committee at 7 days overdue", () => {
    expect(notificationRules({ status: "planned", dueDate: due }, "2025-06-21")).toEqual(["overdue"]); // 1 day late
    expect(notificationRules({ status: "planned", dueDate: due }, "2025-06-26")).toEqual(["overdue"]); // 6 days late
    expect(notificationRules({ status: "planned", dueDate: due }, "2025-06-27")).toEqual(["overdue", "escalated"]); // 7
  });

  it("stays silent for finished items and items without a due date", () => {
    for (const status of ["done", "verified", "cancelled"] as ItemStatus[]) {
      expect(notificationRules({ status, dueDate: due }, "2025-07-30")).toEqual([]);
    }
    expect(notificationRules({ status: "planned", dueDate: null }, "2025-07-30")).toEqual([]);
  });
});
