import { describe, expect, it } from "vitest";
import { effectiveMinimum, wellbeingChange, wellbeingFigures, type UnitNode } from "../../jobs/metrics/wellbeing";

// Organisation 1 → departments 2, 3; department 2 → teams 21, 22, 23; department 3 → teams 31, 32.
const units: UnitNode[] = [
  { id: 1, parentId: null, code: "ORG" },
  { id: 2, parentId: 1, code: "D2" },
  { id: 3, parentId: 1, code: "D3" },
  { id: 21, parentId: 2, code: "T21" },
  { id: 22, parentId: 2, code: "T22" },
  { id: 23, parentId: 2, code: "T23" },
  { id: 31, parentId: 3, code: "T31" },
  { id: 32, parentId: 3, code: "T32" },
];
const s = (unitId: number, score: number, respondents: number) => ({ unitId, score, respondents, invited: null });

describe("wellbeing roll-up and suppression", () => {
  it("never lets the organisation lower the minimum of 5", () => {
    expect(effectiveMinimum(3)).toBe(5);
    expect(effectiveMinimum(8)).toBe(8);
  });

  it("gives a parent the respondent-weighted mean over all its children, including hidden ones", () => {
    // D3 = (60×10 + 80×30) / 40 = 3000 / 40 = 75; T31/T32 both ≥ 5 so everything is shown.
    const f = wellbeingFigures(units, [s(31, 60, 10), s(32, 80, 30)], 5);
    expect(f.get(3)).toMatchObject({ score: 75, respondents: 40, own: false, hiddenReason: null });
    // ORG has only D3 below it with data: the same 75 over 40.
    expect(f.get(1)).toMatchObject({ score: 75, respondents: 40 });
    expect(f.has(2)).toBe(false); // no data below D2 at all
  });

  it("hides a group under the minimum and then the smallest other child so the parent cannot reveal it", () => {
    // T21 has 4 (<5): hidden too_few. Exactly one hidden child of D2 → hide the smallest shown
    // sibling: T22 (6) rather than T23 (12). D2 = (70×4 + 50×6 + 90×12) / 22 = 1660/22 = 75.4545…
    const f = wellbeingFigures(units, [s(21, 70, 4), s(22, 50, 6), s(23, 90, 12)], 5);
    expect(f.get(21)).toMatchObject({ score: null, hiddenReason: "too_few", respondents: 4 });
    expect(f.get(22)).toMatchObject({ score: null, hiddenReason: "complementary" });
    expect(f.get(23)).toMatchObject({ score: 90, hiddenReason: null });
    expect(f.get(2)!.score).toBeCloseTo(1660 / 22, 10);
  });

  it("hides the parent when the hidden child has no shown sibling to hide instead", () => {
    // D3: T31 (3, hidden) and T32 (8). Hiding T32 is the smallest other shown child; then both
    // children are hidden (two hidden) and D3 may stay shown: (40×3 + 60×8)/11 = 600/11.
    const f = wellbeingFigures(units, [s(31, 40, 3), s(32, 60, 8)], 5);
    expect(f.get(32)!.hiddenReason).toBe("complementary");
    expect(f.get(3)!.score).toBeCloseTo(600 / 11, 10);
    // Only child case: a parent whose single child is hidden is hidden itself.
    const solo: UnitNode[] = [{ id: 1, parentId: null, code: "ORG" }, { id: 2, parentId: 1, code: "D" }, { id: 21, parentId: 2, code: "T" }];
    const g = wellbeingFigures(solo, [s(21, 50, 4), s(1, 70, 40)], 5);
    // T hidden (4) → D (derived from T only, 4 respondents) is too_few as well; ORG has its own
    // score and one hidden child (D) with no shown sibling → ORG is hidden complementary.
    expect(g.get(2)!.hiddenReason).toBe("too_few");
    expect(g.get(1)).toMatchObject({ score: null, hiddenReason: "complementary", own: true });
  });

  it("applies the rule level by level until nothing changes", () => {
    // D2 gets too_few-driven complementary hiding inside; at the top, D2 and D3 are both shown so
    // ORG is not affected. Then make D3 hidden (4 respondents total): ORG has exactly one hidden
    // child (D3) → the smallest other shown child (D2) is hidden too.
    const f = wellbeingFigures(units, [s(21, 70, 10), s(22, 50, 10), s(31, 40, 2), s(32, 60, 2)], 5);
    expect(f.get(3)).toMatchObject({ respondents: 4, hiddenReason: "too_few" });
    expect(f.get(2)).toMatchObject({ hiddenReason: "complementary", score: null });
    // ORG = (70×10 + 50×10 + 40×2 + 60×2) / 24 = 1400/24, shown (two hidden children).
    expect(f.get(1)!.score).toBeCloseTo(1400 / 24, 10);
    expect(f.get(21)!.score).toBe(70); // inside D2 nothing is hidden
  });

  it("shows a change only when both rounds are shown", () => {
    expect(wellbeingChange({ score: 60 }, { score: 55.5 })).toBe(-4.5);
    expect(wellbeingChange({ score: null }, { score: 55 })).toBeNull();
    expect(wellbeingChange(undefined, { score: 55 })).toBeNull();
  });
});
