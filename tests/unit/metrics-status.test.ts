import { describe, expect, it } from "vitest";
import {
  caseworkerAgainstLimits, DEFAULT_THRESHOLDS, effectiveExtraRoles, effectiveThresholds, overFlags, rollUpStatus, weekStatus,
} from "../../domain/status";
import { turnoverPct } from "../../domain/turnover";
import { roundHalfAwayFromZero } from "../../domain/rounding";
import { runStart } from "../../db/presenters/team-caseworkers";

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
    // 3 departures on 6,000 headcount-days over 365 days is exactly 18.25 %: the team page, the
    // all-teams view and the turnover export all round it to 18.3 (one rule, one function).
    expect(roundHalfAwayFromZero(turnoverPct(3, 6_000, 365)!, 1)).toBe(18.3);
  });
});

describe("roll-up status of a unit above teams", () => {
  it("is the worst status of the teams below: one red team makes the parent red", () => {
    expect(rollUpStatus({ red: 1, amber: 5, teams: 14 })).toBe("red");
    expect(rollUpStatus({ red: 0, amber: 2, teams: 14 })).toBe("amber");
    expect(rollUpStatus({ red: 0, amber: 0, teams: 14 })).toBe("green");
  });

  it("is empty when no team below has a status that week", () => {
    expect(rollUpStatus({ red: 0, amber: 0, teams: 0 })).toBeNull();
  });
});

describe("a caseworker against the per-FTE thresholds pro rata", () => {
  const t = DEFAULT_THRESHOLDS; // 25 cases, 32 weighted per FTE
  it("scales the limits by the person's FTE and flags strictly above them", () => {
    // 0.8 FTE: 20 cases and 25.6 weighted. 20 is at the limit (not over); 21 is over.
    expect(caseworkerAgainstLimits({ openCases: 20, weightedSum: 25.6, fte: 0.8 }, t)).toEqual({ casesLimit: 20, weightedLimit: 25.6, overCases: false, overWeighted: false });
    expect(caseworkerAgainstLimits({ openCases: 21, weightedSum: 26, fte: 0.8 }, t)).toMatchObject({ overCases: true, overWeighted: true });
  });

  it("flags the issue's caseworker: 35 cases, 43 weighted on one FTE", () => {
    expect(caseworkerAgainstLimits({ openCases: 35, weightedSum: 43, fte: 1 }, t)).toEqual({ casesLimit: 25, weightedLimit: 32, overCases: true, overWeighted: true });
  });

  it("gives no limit and no flag without FTE in a case-holding role", () => {
    expect(caseworkerAgainstLimits({ openCases: 35, weightedSum: 43, fte: 0 }, t)).toEqual({ casesLimit: null, weightedLimit: null, overCases: false, overWeighted: false });
  });
});

describe("since when a mismatched case has been held", () => {
  it("walks back over joined periods of the same holder and type, stopping at a gap or another holder", () => {
    const periods = [
      { start: "2025-06-01", end: null, holder: "E1", type: "merudgifter" },
      { start: "2025-05-01", end: "2025-05-31", holder: "E1", type: "merudgifter" },
      { start: "2025-03-01", end: "2025-04-30", holder: "E2", type: "merudgifter" },
    ];
    expect(runStart(periods, "E1", "merudgifter")).toBe("2025-05-01");
    expect(runStart([periods[0], { ...periods[1], end: "2025-05-30" }], "E1", "merudgifter")).toBe("2025-06-01");
  });
});
