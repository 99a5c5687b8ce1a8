// The text a plan drafted from a risk-radar signal starts with: one Danish line per piece of evidence
// (domain/risk.ts RiskEvidence), numbers with a decimal comma, dimensions by their label.
import { describe, expect, it } from "vitest";
import { describeRiskEvidence, SIGNAL_THEMES } from "../../domain/plan-labels";

describe("risk evidence as plan text", () => {
  it("words each kind of evidence in Danish", () => {
    const lines = describeRiskEvidence([
      { kind: "weeks_over_cases_per_fte", weeks: 5, of: 6, values: [24.5, 26, 27.25, null, 30, 31] },
      { kind: "emotional_share_over", week: "2025-06-09", value: 63.14 },
      { kind: "weeks_with_mismatch", weeks: 2, of: 6, values: [0, 1, 0, 0, 2, 0] },
      { kind: "survey_worse", round: "2024-efteraar", dimension: "rolleklarhed", team: 55, organisation: 67.5, pointsWorse: 12.5 },
      { kind: "turnover_over", pct: 24.44, threshold: 20 },
      { kind: "manager_departures", count: 2 },
    ], { rolleklarhed: "Rolleklarhed" });
    expect(lines).toEqual([
      "Sager pr. årsværk over grænsen i 5 af 6 uger (24,5, 26, 27,3, –, 30, 31).",
      "Andel sager med følelsesmæssigt belastende forhold over grænsen i ugen fra 9.6.2025: 63,1 %.",
      "Sager hos medarbejdere uden den nødvendige kompetence i 2 af 6 uger.",
      "Trivselsmåling efterår 2024, Rolleklarhed: 55 mod organisationens 67,5 (12,5 point dårligere).",
      "Personaleomsætning de seneste 12 måneder 24,4 % (grænse 20 %).",
      "2 lederfratrædelser de seneste 12 måneder.",
    ]);
  });

  it("says nothing for evidence that is not a list", () => {
    expect(describeRiskEvidence(null)).toEqual([]);
    expect(describeRiskEvidence({ kind: "turnover_over" })).toEqual([]);
  });

  it("maps each signal to the psychosocial themes of the 2020 executive order", () => {
    expect(SIGNAL_THEMES.workload_emotional).toEqual(["workload_time_pressure", "emotional_demands"]);
    expect(SIGNAL_THEMES.unclear_demands).toEqual(["unclear_conflicting_demands"]);
  });
});
