import { describe, expect, it } from "vitest";
import { SCHEDULED_JOBS } from "../../jobs/registry";
import { cronPattern } from "../../domain/schedules";
import { copenhagenClock, dueSlot, isDue } from "../../jobs/runtime";
import { nextRunAt } from "../../domain/schedules";
import { recomputeJobId, DEFAULT_JOB_OPTIONS } from "../../jobs/queues";
import { scopeOfRequest } from "../../jobs/recompute/pipeline";
import { weeklyScope } from "../../domain/schedules";
import { notificationsSchedule } from "../../jobs/notifications/job";
import { turnoverMonthOfWeek } from "../../domain/calendar";
import { caseworkerWindowStart } from "../../domain/caseload";

describe("schedules", () => {
  it("run weekly on Monday 02:00, nightly at 01:30, notifications at G's 06:15, mail after them and its delivery every 5 minutes", () => {
    const patterns = Object.fromEntries(SCHEDULED_JOBS.map((j) => [j.name, cronPattern(j.schedule)]));
    expect(patterns).toEqual({
      "weekly-aggregation": "0 2 * * 1", "nightly-catch-up": "30 1 * * *", notifications: notificationsSchedule.pattern,
      mail: "30 6 * * *", "mail-delivery": "*/5 * * * *", "connector-sync": "0 2 * * *", "privacy-retention": "10 3 * * *",
    });
  });

  it("fire an every-n-minutes job once per window and a daily job once per day", () => {
    expect(dueSlot({ everyMinutes: 5 }, { date: "2025-06-16", weekday: 1, minutes: 604 })).toBe("2025-06-16@120");
    expect(dueSlot({ everyMinutes: 5 }, { date: "2025-06-16", weekday: 1, minutes: 605 })).toBe("2025-06-16@121");
    expect(dueSlot({ hour: 6, minute: 30 }, { date: "2025-06-16", weekday: 1, minutes: 389 })).toBeNull();
    expect(dueSlot({ hour: 6, minute: 30 }, { date: "2025-06-16", weekday: 1, minutes: 600 })).toBe("2025-06-16");
  });

  it("tell the next run on the Copenhagen clock, across summer time", () => {
    // Sunday 30 March 2025 00:00 UTC: the weekly Monday 02:00 run is on 31 March at 02:00 CEST = 00:00 UTC.
    expect(nextRunAt({ weekday: 1, hour: 2, minute: 0 }, new Date("2025-03-30T00:00:00Z")).toISOString()).toBe("2025-03-31T00:00:00.000Z");
    // In winter 06:30 Copenhagen is 05:30 UTC; past it, the next is tomorrow's.
    expect(nextRunAt({ hour: 6, minute: 30 }, new Date("2025-02-05T05:00:00Z")).toISOString()).toBe("2025-02-05T05:30:00.000Z");
    expect(nextRunAt({ hour: 6, minute: 30 }, new Date("2025-02-05T05:30:00Z")).toISOString()).toBe("2025-02-06T05:30:00.000Z");
    expect(nextRunAt({ everyMinutes: 5 }, new Date("2025-02-05T05:31:10Z")).toISOString()).toBe("2025-02-05T05:35:00.000Z");
    // A Monday job asked on a Monday after its time waits a week.
    expect(nextRunAt({ weekday: 1, hour: 2, minute: 0 }, new Date("2025-02-03T03:00:00Z")).toISOString()).toBe("2025-02-10T01:00:00.000Z");
  });

  it("read the Copenhagen wall clock across summer time", () => {
    // 2024-03-31 is the switch to CEST (UTC+2): 00:30 UTC on Monday 1 April is 02:30 in Copenhagen.
    expect(copenhagenClock(new Date("2024-04-01T00:30:00Z"))).toEqual({ date: "2024-04-01", weekday: 1, minutes: 150 });
    // In winter (UTC+1) 00:30 UTC on Monday 5 February is 01:30.
    expect(copenhagenClock(new Date("2024-02-05T00:30:00Z"))).toEqual({ date: "2024-02-05", weekday: 1, minutes: 90 });
  });

  it("are due from their time on their day only", () => {
    const weekly = { weekday: 1, hour: 2, minute: 0 };
    expect(isDue(weekly, { weekday: 1, minutes: 119 })).toBe(false);
    expect(isDue(weekly, { weekday: 1, minutes: 120 })).toBe(true);
    expect(isDue(weekly, { weekday: 2, minutes: 600 })).toBe(false);
    expect(isDue({ hour: 1, minute: 30 }, { weekday: 6, minutes: 90 })).toBe(true);
  });
});

describe("job ids and options", () => {
  it("give every request one deterministic id BullMQ accepts (no ':' and not all digits)", () => {
    expect(recomputeJobId(42)).toBe("recompute-42");
    expect(recomputeJobId(42)).not.toMatch(/:|^\d+$/);
  });

  it("retry with exponential backoff and drop completed jobs", () => {
    expect(DEFAULT_JOB_OPTIONS.attempts).toBeGreaterThan(1);
    expect(DEFAULT_JOB_OPTIONS.backoff).toMatchObject({ type: "exponential" });
    expect(DEFAULT_JOB_OPTIONS.removeOnComplete).toBeTruthy();
  });
});

describe("ranges", () => {
  it("has the weekly run cover the week that just closed through the current week", () => {
    // Monday 2024-02-19: the closed week is W07 (from Monday 12th), the current one starts the 19th.
    expect(weeklyScope("2024-02-19")).toEqual({ from: "2024-02-12", to: "2024-02-19", hrChanged: false });
  });

  it("redoes a year of status after requests that may change employments, not after case imports", () => {
    const request = (source: string) => scopeOfRequest({ source, fromDate: "2024-01-01", toDate: null });
    expect(request("import:employments")).toEqual({ from: "2024-01-01", to: null, hrChanged: true });
    expect(request("import:units").hrChanged).toBe(true);
    expect(request("cli").hrChanged).toBe(true);
    expect(request("import:case-periods").hrChanged).toBe(false);
    expect(request("import:survey-results").hrChanged).toBe(false);
  });

  it("reads a week's 12-month turnover up to the last month complete on its Sunday", () => {
    expect(turnoverMonthOfWeek("2024-02-12")).toBe("2024-01-01"); // Sunday 18 Feb: January is the last complete month
    expect(turnoverMonthOfWeek("2024-03-25")).toBe("2024-03-01"); // Sunday 31 Mar: March itself is complete
  });

  it("keeps 26 weeks of per-caseworker rows ending with the current week", () => {
    expect(caseworkerWindowStart("2024-06-30")).toBe("2024-01-01"); // 2024-06-24 − 25 weeks
  });
});
