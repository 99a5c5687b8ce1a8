import { describe, expect, it } from "vitest";
import {
  DEFAULT_WEIGHTS, caseworkerWeek, loadRatios, rollUpSums, unitWeekSums, type CasePeriodFact, type LoadInput,
} from "../../domain/caseload";
import { roundHalfAwayFromZero } from "../../domain/rounding";

// Week 2024-W07: Monday 2024-02-12, snapshot Sunday 2024-02-18.
const W07 = "2024-02-12";
const TEAM = 10;
const OTHER = 11;

function period(p: Partial<CasePeriodFact> & Pick<CasePeriodFact, "caseId" | "periodStart">): CasePeriodFact {
  return { periodEnd: null, unitId: TEAM, caseworkerId: "A", caseType: "underretning", complexity: 1, emotionalFlags: [], ...p };
}

function input(partial: Partial<LoadInput>): LoadInput {
  return {
    periods: [], employments: [], competences: [], specialisedTypes: new Set(["tabt_arbejdsfortjeneste", "merudgifter"]),
    weights: DEFAULT_WEIGHTS, extraRoles: () => [], ...partial,
  };
}

describe("caseload of a team in an ISO week", () => {
  it("counts a case open on the Sunday snapshot and not one that closed on the Saturday", () => {
    const sums = unitWeekSums(input({
      periods: [
        period({ caseId: "c1", periodStart: "2024-01-01" }), // open through the snapshot
        period({ caseId: "c2", periodStart: "2024-01-01", periodEnd: "2024-02-17" }), // ended Saturday: not open
        period({ caseId: "c3", periodStart: "2024-02-18", periodEnd: "2024-02-18" }), // exactly the Sunday (inclusive)
      ],
    }), W07).get(TEAM)!;
    expect(sums.openCases).toBe(2); // c1 and c3
  });

  it("counts unassigned cases, weights complexity and the emotional share", () => {
    const data = input({
      periods: [
        period({ caseId: "c1", periodStart: "2024-01-01", complexity: 1 }),
        period({ caseId: "c2", periodStart: "2024-01-01", complexity: 3, emotionalFlags: ["vold_trusler"] }),
        period({ caseId: "c3", periodStart: "2024-01-01", complexity: 2, caseworkerId: null }),
        period({ caseId: "c4", periodStart: "2024-01-01", complexity: 2, emotionalFlags: ["overgreb", "hoejkonflikt"] }),
      ],
      employments: [
        { employeeId: "A", unitId: TEAM, role: "caseworker", fte: 1, startDate: "2020-01-01", endDate: null },
        { employeeId: "B", unitId: TEAM, role: "specialist", fte: 0.5, startDate: "2020-01-01", endDate: null },
        { employeeId: "C", unitId: TEAM, role: "psychologist", fte: 1, startDate: "2020-01-01", endDate: null }, // not case-holding
        { employeeId: "D", unitId: TEAM, role: "caseworker", fte: 1, startDate: "2020-01-01", endDate: "2024-02-17" }, // gone Saturday
      ],
    });
    const s = unitWeekSums(data, W07).get(TEAM)!;
    expect(s.openCases).toBe(4);
    expect(s.unassignedCases).toBe(1);
    // weights 1 + 2.0 + 1.5 + 1.5 = 6
    expect(s.weightedSum).toBe(6);
    expect(s.flaggedCases).toBe(2); // a case with two flags counts once
    expect(s.caseworkerFte).toBe(1.5); // A 1.0 + B 0.5
    const r = loadRatios(s);
    expect(r.casesPerFte).toBeCloseTo(4 / 1.5, 10); // 2.667
    expect(r.weightedLoadPerFte).toBeCloseTo(6 / 1.5, 10); // 4
    expect(r.emotionalSharePct).toBe(50); // 2 of 4
  });

  it("gives exact halves as halves, so they round away from zero as shown and exported", () => {
    // 23 of 80 flagged = 28.75 % exactly → 28.8 with one decimal.
    // 7 cases on 2.24 FTE = 3.125 exactly → 3.13 with two decimals.
    // Weighted 10.5 on 2.24 FTE = 4.6875 exactly → 4.69 with two decimals.
    const r = loadRatios({ openCases: 7, caseworkerFte: 2.24, weightedSum: 10.5, flaggedCases: 0 });
    expect(roundHalfAwayFromZero(r.casesPerFte!, 2)).toBe(3.13);
    expect(roundHalfAwayFromZero(r.weightedLoadPerFte!, 2)).toBe(4.69);
    const e = loadRatios({ openCases: 80, caseworkerFte: 3.2, weightedSum: 80, flaggedCases: 23 });
    expect(roundHalfAwayFromZero(e.emotionalSharePct!, 1)).toBe(28.8);
    // 41 of 80 = 51.25 % → 51.3; 51 of 80 = 63.75 % → 63.8 (the other halves the review found).
    expect(roundHalfAwayFromZero(loadRatios({ openCases: 80, caseworkerFte: 1, weightedSum: 0, flaggedCases: 41 }).emotionalSharePct!, 1)).toBe(51.3);
    expect(roundHalfAwayFromZero(loadRatios({ openCases: 80, caseworkerFte: 1, weightedSum: 0, flaggedCases: 51 }).emotionalSharePct!, 1)).toBe(63.8);
  });

  it("counts a unit's extra case-holding role in the caseworker FTE", () => {
    const s = unitWeekSums(input({
      employments: [{ employeeId: "C", unitId: TEAM, role: "psychologist", fte: 0.8, startDate: "2020-01-01", endDate: null }],
      extraRoles: (u) => (u === TEAM ? ["psychologist"] : []),
    }), W07).get(TEAM)!;
    expect(s.caseworkerFte).toBe(0.8);
  });

  it("leaves cases per FTE empty when no caseworker is employed", () => {
    const s = unitWeekSums(input({ periods: [period({ caseId: "c1", periodStart: "2024-01-01" })] }), W07).get(TEAM)!;
    expect(loadRatios(s)).toEqual({ casesPerFte: null, weightedLoadPerFte: null, emotionalSharePct: 0 });
  });

  it("marks a specialised case mismatched only while its holder lacks a competence valid on the snapshot day", () => {
    const data = input({
      periods: [
        period({ caseId: "s1", periodStart: "2024-01-01", caseType: "tabt_arbejdsfortjeneste", caseworkerId: "A" }), // A competent since always
        period({ caseId: "s2", periodStart: "2024-01-01", caseType: "tabt_arbejdsfortjeneste", caseworkerId: "B" }), // B valid from 2024-02-19: Monday after
        period({ caseId: "s3", periodStart: "2024-01-01", caseType: "merudgifter", caseworkerId: "C" }), // C valid from the Sunday itself
        period({ caseId: "s4", periodStart: "2024-01-01", caseType: "merudgifter", caseworkerId: null }), // unassigned: not a mismatch
        period({ caseId: "s5", periodStart: "2024-01-01", caseType: "merudgifter", caseworkerId: "A" }), // A holds the other type only
      ],
      competences: [
        { employeeId: "A", caseType: "tabt_arbejdsfortjeneste", validFrom: null },
        { employeeId: "B", caseType: "tabt_arbejdsfortjeneste", validFrom: "2024-02-19" },
        { employeeId: "C", caseType: "merudgifter", validFrom: "2024-02-18" },
      ],
    });
    expect(unitWeekSums(data, W07).get(TEAM)!.mismatchedCases).toBe(2); // s2 and s5
    expect(unitWeekSums(data, "2024-02-19").get(TEAM)!.mismatchedCases).toBe(1); // B now competent: s5 only
  });

  it("counts a new case in the team of its first period and a closed case in the team of its last", () => {
    const data = input({
      periods: [
        // n1 starts Wednesday of W07 in TEAM, moves to OTHER on Friday: new for TEAM, open in OTHER.
        period({ caseId: "n1", periodStart: "2024-02-14", periodEnd: "2024-02-15", unitId: TEAM }),
        period({ caseId: "n1", periodStart: "2024-02-16", unitId: OTHER }),
        // x1 started long ago in OTHER, moved to TEAM, closed on the W07 Sunday: closed for TEAM.
        period({ caseId: "x1", periodStart: "2023-01-01", periodEnd: "2023-06-30", unitId: OTHER }),
        period({ caseId: "x1", periodStart: "2023-07-01", periodEnd: "2024-02-18", unitId: TEAM }),
        // y1: a period ends in W07 but the case continues: not closed.
        period({ caseId: "y1", periodStart: "2023-01-01", periodEnd: "2024-02-13", unitId: TEAM }),
        period({ caseId: "y1", periodStart: "2024-02-14", unitId: TEAM }),
      ],
    });
    const sums = unitWeekSums(data, W07);
    expect(sums.get(TEAM)).toMatchObject({ newCases: 1, closedCases: 1, openCases: 2 }); // open: x1 (ends on the Sunday), y1
    expect(sums.get(OTHER)).toMatchObject({ newCases: 0, closedCases: 0, openCases: 1 }); // n1
  });

  it("rolls sums up the tree and recomputes ratios from the sums, not from the children's ratios", () => {
    // Team 10: 10 cases on 1 FTE (10/FTE); team 11: 30 cases on 2 FTE (15/FTE).
    // Department 5 above both: 40 / 3 = 13.33, not the mean of 10 and 15 (12.5).
    const parentOf = new Map<number, number | null>([[1, null], [5, 1], [10, 5], [11, 5]]);
    const own = new Map([
      [10, { openCases: 10, unassignedCases: 1, caseworkerFte: 1, weightedSum: 12, flaggedCases: 2, mismatchedCases: 0, newCases: 1, closedCases: 0 }],
      [11, { openCases: 30, unassignedCases: 0, caseworkerFte: 2, weightedSum: 40, flaggedCases: 6, mismatchedCases: 1, newCases: 0, closedCases: 2 }],
    ]);
    const up = rollUpSums(own, parentOf);
    expect(up.get(5)).toEqual({ openCases: 40, unassignedCases: 1, caseworkerFte: 3, weightedSum: 52, flaggedCases: 8, mismatchedCases: 1, newCases: 1, closedCases: 2 });
    expect(up.get(1)!.openCases).toBe(40);
    expect(loadRatios(up.get(5)!).casesPerFte).toBeCloseTo(40 / 3, 10);
    expect(loadRatios(up.get(5)!).emotionalSharePct).toBe(20); // 8 of 40
  });

  it("gives each case holder their open cases, weighted load and mismatches on the snapshot day", () => {
    const rows = caseworkerWeek(input({
      periods: [
        period({ caseId: "c1", periodStart: "2024-01-01", caseworkerId: "A", complexity: 3 }),
        period({ caseId: "c2", periodStart: "2024-01-01", caseworkerId: "A", complexity: 2, caseType: "merudgifter", emotionalFlags: ["overgreb"] }),
        period({ caseId: "c3", periodStart: "2024-01-01", caseworkerId: null }),
        period({ caseId: "c4", periodStart: "2024-01-01", periodEnd: "2024-02-10", caseworkerId: "B" }),
      ],
    }), W07);
    expect(rows).toEqual([{ unitId: TEAM, employeeId: "A", openCases: 2, weightedSum: 3.5, flaggedCases: 1, specialisedCases: 1, mismatchedCases: 1 }]);
  });
});
