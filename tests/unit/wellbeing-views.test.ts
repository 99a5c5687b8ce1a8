// The wellbeing heatmap's reading against the organisation and the meeting view's "improving since
// the plan started": pure functions over cells as the rollup stored them (hidden = no score).
import { describe, expect, it } from "vitest";
import { progressSincePlan, relativeToOrganisation, type CellRow, type DimensionInfo } from "../../db/presenters/wellbeing";

const shown = (score: number) => ({ score, hidden: null, respondents: 10, invited: 12 });
const hidden = { score: null, hidden: "too_few" as const, respondents: null, invited: null };

describe("relativeToOrganisation", () => {
  it("reads the difference in the dimension's direction, in bands of 5 and 10 points", () => {
    expect(relativeToOrganisation(shown(76), shown(70), true)).toBe("better");
    expect(relativeToOrganisation(shown(74.9), shown(70), true)).toBe("similar");
    expect(relativeToOrganisation(shown(65), shown(70), true)).toBe("worse");
    expect(relativeToOrganisation(shown(60), shown(70), true)).toBe("much_worse");
    // Emotional demands: lower is better, so 10 points higher is much worse.
    expect(relativeToOrganisation(shown(65), shown(55), false)).toBe("much_worse");
    expect(relativeToOrganisation(shown(50), shown(55), false)).toBe("better");
  });

  it("compares nothing with a hidden figure", () => {
    expect(relativeToOrganisation(hidden, shown(70), true)).toBeNull();
    expect(relativeToOrganisation(shown(70), hidden, true)).toBeNull();
    expect(relativeToOrganisation(null, shown(70), true)).toBeNull();
  });
});

describe("progressSincePlan", () => {
  const dims: DimensionInfo[] = [
    { key: "trivsel", labelDa: "Trivsel", labelEn: "Job satisfaction", higherIsBetter: true },
    { key: "foelelsesmaessige_krav", labelDa: "Følelsesmæssige krav", labelEn: "Emotional demands", higherIsBetter: false },
    { key: "rolleklarhed", labelDa: "Rolleklarhed", labelEn: "Role clarity", higherIsBetter: true },
    { key: "social_kapital", labelDa: "Social kapital", labelEn: "Social capital", higherIsBetter: true },
  ];
  const row = (round: string, dimension: string, score: number | null): CellRow => ({
    unitId: 1, round, dimension, score, respondents: score === null ? 3 : 9, invited: 12, hiddenReason: score === null ? "too_few" : null,
  });
  const rows = [
    row("2025-efteraar", "trivsel", 60), row("2026-efteraar", "trivsel", 66),
    row("2025-efteraar", "foelelsesmaessige_krav", 70), row("2026-efteraar", "foelelsesmaessige_krav", 64),
    row("2025-efteraar", "rolleklarhed", 55), row("2026-efteraar", "rolleklarhed", null),
    row("2025-efteraar", "social_kapital", 62), row("2026-efteraar", "social_kapital", 62.4),
  ];

  it("counts a dimension only when both rounds are shown, in its direction, and follows the majority", () => {
    expect(progressSincePlan(dims, "2025-efteraar", "2026-efteraar", rows)).toEqual({
      baseline: "2025-efteraar", latest: "2026-efteraar", better: 2, worse: 0, unchanged: 1, notComparable: 1, verdict: "improving",
    });
  });

  it("reads worsening when more dimensions moved the wrong way", () => {
    const worse = [row("a", "trivsel", 70), row("b", "trivsel", 60), row("a", "rolleklarhed", 70), row("b", "rolleklarhed", 65)];
    expect(progressSincePlan(dims, "a", "b", worse).verdict).toBe("worsening");
  });

  it("has no comparison without a round before and a round after the start", () => {
    expect(progressSincePlan(dims, null, "2026-efteraar", rows).verdict).toBe("no_comparison");
    expect(progressSincePlan(dims, "2025-efteraar", null, rows).verdict).toBe("no_comparison");
    expect(progressSincePlan(dims, "2025-efteraar", "2025-efteraar", rows).verdict).toBe("no_comparison");
    // Both rounds exist but nothing is shown in both: no verdict either.
    const onlyHidden = [row("a", "trivsel", null), row("b", "trivsel", 60)];
    expect(progressSincePlan(dims, "a", "b", onlyHidden)).toMatchObject({ verdict: "no_comparison", notComparable: 4 });
  });
});
