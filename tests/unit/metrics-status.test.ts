import { describe, expect, it } from "vitest";
import {
  DEFAULT_THRESHOLDS, effectiveExtraRoles, effectiveThresholds, overFlags, turnoverPct, weekStatus,
} from "../../jobs/metrics/status";

// Tree: organisation 1 → department 2 → team 3; team 4 directly under 1.
const parentOf = new Map<number, number | null>([[1, null], [2, 1], [3, 2], [4, 1]]);

describe("thresholds", () => {
  it("fall back to the METRICS.md defaults when nobody sets them", () => {
    expect(effectiveThresholds(3, parentOf, new Map())).toEqual({ casesPerFte: 25, weightedLoad: 32, emotionalSharePct: 40, turnover12mPct: 20 });
  });

  it("are inherited field by field from the nearest ancestor that sets them", () => {
    const settings = new Map([
      [1, { casesPerFte: 22, emotionalSharePct: 35 }],
      [2, { casesPerFte: 18, weightedLoad: null }],
    ]);
    // team 3: casesPerFte from dept 2 (18, nearer than 22), emotional share from org (35), the rest default.
    expect(effectiveThresholds(3, parentOf, settings)).toEqual({ casesPerFte: 18, weightedLoad: 32, emotionalSharePct: 35, turnover12mPct: 20 });
    expect(effectiveThresholds(4, parentOf, settings).casesPerFte).toBe(22);
  });

  it("inherit extra case-holding roles from the nearest unit that sets them; an empty list stops inheritance", () => {
    const roles = new Map<number, string[] | null>([[1, ["psychologist"]], [2, []]]);
    expect(effectiveExtraRoles(4, parentOf, roles)).toEqual(["psychologist"]);
    expect(effectiveExtraRoles(3, parentOf, roles)).toEqual([]);
  });
});

describe("status", () => {
  it("is over only when a figure is strictly above its threshold, and never for an empty figure", () => {
    expect(overFlags({ casesPerFte: 25, weightedLoadPerFte: 32.01, emotionalSharePct: null }, 20.5, DEFAULT_THRESHOLDS))
      .toEqual({ casesPerFte: false, weightedLoad: true, emotionalShare: false, turnover: true });
    expect(overFlags({ casesPerFte: null, weightedLoadPerFte: null, emotionalSharePct: 41 }, null, DEFAULT_THRESHOLDS))
      .toEqual({ casesPerFte: false, weightedLoad: false, emotionalShare: true, turnover: false });
  });

  it("is green with nothing over, amber when over this week, red when over in 4 of the last 6 weeks", () => {
    expect(weekStatus([false, false, false])).toEqual({ status: "green", weeksOverOfLast6: 0 });
    expect(weekStatus([false, true, false, true, false, true])).toEqual({ status: "amber", weeksOverOfLast6: 3 });
    // Red even in a week that is not itself over: 4 of the last 6 were.
    expect(weekStatus([true, true, true, true, false, false])).toEqual({ status: "red", weeksOverOfLast6: 4 });
    // The 7th week back no longer counts: last 6 = [T,T,F,F,F,T] → 3 → amber.
    expect(weekStatus([true, true, true, false, false, false, true])).toEqual({ status: "amber", weeksOverOfLast6: 3 });
  });

  it("computes turnover % from departures and headcount-days", () => {
    // 3 departures, average headcount 36500 / 365 = 100 → 3 %.
    expect(turnoverPct(3, 36_500, 365)).toBe(3);
    expect(turnoverPct(2, 0, 365)).toBeNull();
  });
});
