import { describe, expect, it } from "vitest";
import { pointsWorse, riskSignals, type RiskInput, type RiskWeek } from "../../domain/risk";

function weeks(overCases: boolean[], lastEmotionalOver: boolean, mismatched: number[] = [0, 0, 0, 0, 0, 0]): RiskWeek[] {
  return overCases.map((over, i) => ({
    weekStart: `2024-02-${String(5 + i).padStart(2, "0")}`,
    casesPerFte: over ? 30 : 20,
    emotionalSharePct: 45,
    mismatchedCases: mismatched[i],
    overCasesPerFte: over,
    overEmotionalShare: i === overCases.length - 1 ? lastEmotionalOver : false,
  }));
}

const base: RiskInput = {
  weeks: weeks([false, false, false, false, false, false], false),
  surveyRound: "2024-efteraar",
  survey: [],
  turnover12mPct: 10,
  turnoverThresholdPct: 20,
  managerDepartures12m: 0,
};

describe("risk radar", () => {
  it("raises nothing for a calm team", () => {
    expect(riskSignals(base)).toEqual([]);
  });

  it("raises workload with emotional demands: 4 of 6 weeks over, emotional share over, no survey shown", () => {
    const signals = riskSignals({ ...base, weeks: weeks([true, false, true, false, true, true], true) });
    expect(signals.map((s) => s.signal)).toEqual(["workload_emotional"]);
    expect(signals[0].evidence[0]).toMatchObject({ kind: "weeks_over_cases_per_fte", weeks: 4, of: 6 });
  });

  it("does not raise workload with 3 of 6 weeks over, nor without the emotional share", () => {
    expect(riskSignals({ ...base, weeks: weeks([true, false, true, false, false, true], true) })).toEqual([]);
    expect(riskSignals({ ...base, weeks: weeks([true, true, true, true, true, true], false) })).toEqual([]);
  });

  it("needs a shown survey to be 10 points worse than the organisation, in the dimension's direction", () => {
    const w = weeks([true, true, true, true, true, true], true);
    // work pace: lower is better; team 68 vs organisation 60 is only 8 worse → no signal.
    const mild = { dimension: "arbejdstempo", higherIsBetter: false, team: 68, organisation: 60 };
    expect(riskSignals({ ...base, weeks: w, survey: [mild] })).toEqual([]);
    // team 70 vs 60: exactly 10 worse → raised, with severity 3 (weeks + emotional + survey).
    const bad = { ...mild, team: 70 };
    const [signal] = riskSignals({ ...base, weeks: w, survey: [bad] });
    expect(signal).toMatchObject({ signal: "workload_emotional", severity: 3 });
    expect(signal.evidence[2]).toEqual({ kind: "survey_worse", round: "2024-efteraar", dimension: "arbejdstempo", team: 70, organisation: 60, pointsWorse: 10 });
    // A hidden team score counts as not shown: the condition falls away.
    expect(riskSignals({ ...base, weeks: w, survey: [{ ...mild, team: null }] })[0].signal).toBe("workload_emotional");
  });

  it("raises unclear demands on mismatches in 2 of 6 weeks or on role clarity 10 points below the organisation", () => {
    expect(riskSignals({ ...base, weeks: weeks([false, false, false, false, false, false], false, [0, 1, 0, 0, 2, 0]) })[0])
      .toMatchObject({ signal: "unclear_demands", severity: 1, evidence: [{ kind: "weeks_with_mismatch", weeks: 2 }] });
    expect(riskSignals({ ...base, weeks: weeks([false, false, false, false, false, false], false, [0, 0, 0, 0, 0, 3]) })).toEqual([]);
    // role clarity: higher is better; 55 vs 65 is 10 worse.
    const clarity = { dimension: "rolleklarhed", higherIsBetter: true, team: 55, organisation: 65 };
    expect(riskSignals({ ...base, survey: [clarity] })[0]).toMatchObject({ signal: "unclear_demands", evidence: [{ dimension: "rolleklarhed", pointsWorse: 10 }] });
  });

  it("counts scores exactly 10 apart as 10 worse, though their difference in doubles is 9.999999999999993", () => {
    const w = weeks([true, true, true, true, true, true], true);
    // Quantitative demands (lower is better): team 64.1 vs organisation 54.1 is 10.0 worse.
    const demands = { dimension: "kvantitative_krav", higherIsBetter: false, team: 64.1, organisation: 54.1 };
    const [workload] = riskSignals({ ...base, weeks: w, survey: [demands] });
    expect(workload).toMatchObject({ signal: "workload_emotional", severity: 3 });
    expect(workload.evidence[2]).toEqual({ kind: "survey_worse", round: "2024-efteraar", dimension: "kvantitative_krav", team: 64.1, organisation: 54.1, pointsWorse: 10 });
    // Role clarity (higher is better): team 54.1 vs organisation 64.1 is 10.0 worse.
    const clarity = { dimension: "rolleklarhed", higherIsBetter: true, team: 54.1, organisation: 64.1 };
    expect(riskSignals({ ...base, survey: [clarity] })).toEqual([
      { signal: "unclear_demands", severity: 1, evidence: [{ kind: "survey_worse", round: "2024-efteraar", dimension: "rolleklarhed", team: 54.1, organisation: 64.1, pointsWorse: 10 }] },
    ]);
    // 9.9 worse stays under the line: role clarity 54.2 vs 64.1.
    expect(riskSignals({ ...base, survey: [{ ...clarity, team: 54.2 }] })).toEqual([]);
    // Equal scores are 0 worse, not NaN: 0.3 − (0.1 + 0.2) is −5.6e-17 in doubles.
    expect(pointsWorse({ dimension: "rolleklarhed", higherIsBetter: false, team: 0.3, organisation: 0.1 + 0.2 })).toBe(0);
  });

  it("raises turnover over the threshold or on two manager departures in 12 months", () => {
    expect(riskSignals({ ...base, turnover12mPct: 20 })).toEqual([]); // equal is not over
    expect(riskSignals({ ...base, turnover12mPct: 20.1 })[0]).toMatchObject({ signal: "turnover", evidence: [{ kind: "turnover_over", pct: 20.1 }] });
    expect(riskSignals({ ...base, managerDepartures12m: 2 })[0]).toMatchObject({ signal: "turnover", evidence: [{ kind: "manager_departures", count: 2 }] });
    expect(riskSignals({ ...base, managerDepartures12m: 1 })).toEqual([]);
  });
});
