// Pure parts of the dashboard presenters, on hand-computed fixtures.
import { describe, expect, it } from "vitest";
import { threeMonthsBefore, toWeekFigures, turnoverFigure, weekSlots } from "../../db/presenters/team";
import { cellChange, compareRounds, responseRate, toCell } from "../../db/presenters/wellbeing";
import { groupSignals } from "../../db/presenters/risk";
import { rolloutWindows, waveOf } from "../../db/presenters/rollout";
import { overList } from "../../db/presenters/organisation";
import { scopeRoots, type UnitSummary } from "../../db/presenters/units";

const load = {
  weekStart: "2025-06-09", openCases: 0, unassignedCases: 0, caseworkerFte: 0, weightedSum: 0, flaggedCases: 0,
  mismatchedCases: 0, newCases: 0, closedCases: 0, status: null, weeksOverOfLast6: null,
  overCasesPerFte: null, overWeightedLoad: null, overEmotionalShare: null, overTurnover: null,
};

describe("week figures", () => {
  it("leaves ratios empty when there is no FTE or no open case, never zero", () => {
    const f = toWeekFigures(load);
    expect([f.casesPerFte, f.weightedLoadPerFte, f.emotionalSharePct, f.over]).toEqual([null, null, null, null]);
  });

  it("derives ratios from sums: 7 cases and weight 10.5 on 0.7 FTE, 2 of 7 flagged", () => {
    const f = toWeekFigures({ ...load, openCases: 7, caseworkerFte: 0.7, weightedSum: 10.5, flaggedCases: 2, status: "amber", overCasesPerFte: false, overWeightedLoad: false, overEmotionalShare: false, overTurnover: true });
    expect(f.casesPerFte).toBeCloseTo(10, 10);
    expect(f.weightedLoadPerFte).toBeCloseTo(15, 10);
    expect(f.emotionalSharePct).toBeCloseTo(200 / 7, 10);
    expect(f.weekLabel).toBe("2025-W24");
    expect(f.over).toEqual({ casesPerFte: false, weightedLoad: false, emotionalShare: false, turnover: true });
  });

  it("lays weeks on a fixed grid across the new year, with gaps where rows are missing", () => {
    const rows = [toWeekFigures({ ...load, weekStart: "2024-12-30" }), toWeekFigures({ ...load, weekStart: "2025-01-13" })];
    const slots = weekSlots(rows, "2025-01-13", 4);
    expect(slots.map((s) => [s.weekLabel, s.figures !== null])).toEqual([
      ["2024-W52", false], ["2025-W01", true], ["2025-W02", false], ["2025-W03", true],
    ]);
  });
});

describe("periods", () => {
  it("goes back three months to the same day, clamped to the month's end", () => {
    expect(threeMonthsBefore("2025-06-16")).toBe("2025-03-16");
    expect(threeMonthsBefore("2025-05-31")).toBe("2025-02-28");
    expect(threeMonthsBefore("2024-05-31")).toBe("2024-02-29");
    expect(threeMonthsBefore("2025-01-10")).toBe("2024-10-10");
  });

  it("computes 12-month turnover over the average headcount of the whole 12 months", () => {
    // 2024-01-01 … 2024-12-31 = 366 days; 3,660 headcount-days = 10 on average; 3 departures → 30 %.
    expect(turnoverFigure("2024-12-01", 3, 3660)).toEqual({ from: "2024-01-01", to: "2024-12-31", departures: 3, pct: 30, avgHeadcount: 10, smallPopulation: false });
    // One departure among 0.87 people on average (318 headcount-days) is 115 %: flagged as a small population.
    expect(turnoverFigure("2024-12-01", 1, 318)).toMatchObject({ smallPopulation: true });
    expect(turnoverFigure("2024-12-01", 0, 0).pct).toBeNull();
  });

  it("puts a rollout's windows at the 6 whole months before its month and the 6 from it", () => {
    expect(rolloutWindows("2024-03-15")).toEqual({
      before: { from: "2023-09-01", to: "2024-02-29" },
      after: { from: "2024-03-01", to: "2024-08-31" },
    });
    expect(waveOf("2023-04-01")).toEqual({ key: "2023-1", year: 2023, half: 1 });
    expect(waveOf("2024-07-01")).toEqual({ key: "2024-2", year: 2024, half: 2 });
  });
});

describe("survey cells", () => {
  const row = { unitId: 1, round: "r", dimension: "trivsel", score: 70, respondents: 8, invited: 10, hiddenReason: null };

  it("never carries a score, respondents or invited for a hidden group", () => {
    expect(toCell({ ...row, score: 70, hiddenReason: "complementary" })).toEqual({ score: null, hidden: "complementary", respondents: null, invited: null });
    expect(toCell({ ...row, score: null })).toEqual({ score: null, hidden: "too_few", respondents: null, invited: null });
    expect(toCell(undefined)).toBeNull();
  });

  it("gives change and response rate only from shown figures", () => {
    const shown = toCell(row);
    const hidden = toCell({ ...row, score: null, hiddenReason: "too_few" });
    expect(cellChange(toCell({ ...row, score: 62.5 }), shown)).toBeCloseTo(7.5, 10);
    expect(cellChange(hidden, shown)).toBeNull();
    expect(responseRate(shown)).toBeCloseTo(80, 10);
    expect(responseRate(hidden)).toBeNull();
    expect(responseRate(toCell({ ...row, invited: null }))).toBeNull();
  });

  it("compares the latest round with the one before and leaves out dimensions without figures", () => {
    const dims = [
      { key: "trivsel", labelDa: "Trivsel", labelEn: "Wellbeing", higherIsBetter: true },
      { key: "arbejdstempo", labelDa: "Arbejdstempo", labelEn: "Pace", higherIsBetter: false },
    ];
    const cmp = compareRounds(dims, ["r1", "r2"], [{ ...row, round: "r1", score: 60 }, { ...row, round: "r2", score: 66 }]);
    expect([cmp.previous, cmp.latest]).toEqual(["r1", "r2"]);
    expect(cmp.rows.map((r) => [r.key, r.change])).toEqual([["trivsel", 6]]);
    expect(compareRounds(dims, ["r2"], [{ ...row, round: "r2" }]).previous).toBeNull();
  });
});

describe("risk radar grouping", () => {
  it("sums a team's severities, sorts teams by it and ties by name, and parses stored evidence", () => {
    const teams = groupSignals([
      { unitId: 1, unitName: "Øst", parentName: null, signal: "turnover", severity: 1, evidence: "[]" },
      { unitId: 2, unitName: "Nord", parentName: "K", signal: "unclear_demands", severity: 2, evidence: [{ kind: "manager_departures", count: 2 }] },
      { unitId: 1, unitName: "Øst", parentName: null, signal: "workload_emotional", severity: 1, evidence: [] },
      { unitId: 3, unitName: "Vest", parentName: null, signal: "turnover", severity: 2, evidence: [] },
    ]);
    expect(teams.map((t) => [t.unitName, t.severity])).toEqual([["Nord", 2], ["Vest", 2], ["Øst", 2]]);
    expect(teams[2].signals.map((s) => s.signal)).toEqual(["workload_emotional", "turnover"]);
    expect(teams[0].signals[0].evidence).toEqual([{ kind: "manager_departures", count: 2 }]);
  });
});

describe("organisation helpers", () => {
  it("names the figures a week was over in", () => {
    expect(overList({ overCasesPerFte: true, overWeightedLoad: false, overEmotionalShare: true, overTurnover: false })).toEqual(["cases_per_fte", "emotional_share"]);
  });

  it("starts a scope at the units whose parent lies outside it", () => {
    const u = (id: number, parentId: number | null): UnitSummary => ({ id, code: `${id}`, name: `${id}`, kind: "team", parentId, district: null, rolloutDate: null });
    expect(scopeRoots([u(3, 1), u(4, 3), u(5, 3), u(7, 6)]).map((x) => x.id)).toEqual([3, 7]);
  });
});
