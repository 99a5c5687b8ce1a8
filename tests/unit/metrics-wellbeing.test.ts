import { describe, expect, it } from "vitest";
import { effectiveMinimum, wellbeingChange, wellbeingFigures, type UnitNode, type WellbeingFigure } from "../../domain/wellbeing";

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

/**
 * What a reader of the pages or exports can work out: a parent without its own score is the
 * respondent-weighted mean of its children, so score × respondents and respondents both add up.
 * Wherever exactly one member of such a parent-and-children group is hidden, its sum and count
 * follow from the others; a recovered figure is then known and may unlock the next group.
 * Returns every hidden unit recovered this way, with its score.
 */
function differencingAttack(tree: UnitNode[], figures: Map<number, WellbeingFigure>): Map<number, number> {
  const known = new Map<number, { sum: number; respondents: number }>();
  for (const f of figures.values()) if (f.hiddenReason === null) known.set(f.unitId, { sum: f.score! * f.respondents, respondents: f.respondents });
  const recovered = new Map<number, number>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const parent of figures.values()) {
      if (parent.own) continue;
      const kids = tree.filter((u) => u.parentId === parent.unitId && figures.has(u.id)).map((u) => u.id);
      const unknown = [parent.unitId, ...kids].filter((id) => !known.has(id));
      if (unknown.length !== 1) continue;
      const [target] = unknown;
      const total = (ids: number[], key: "sum" | "respondents") => ids.reduce((acc, id) => acc + known.get(id)![key], 0);
      const solved = target === parent.unitId
        ? { sum: total(kids, "sum"), respondents: total(kids, "respondents") }
        : {
          sum: known.get(parent.unitId)!.sum - total(kids.filter((k) => k !== target), "sum"),
          respondents: known.get(parent.unitId)!.respondents - total(kids.filter((k) => k !== target), "respondents"),
        };
      known.set(target, solved);
      recovered.set(target, solved.sum / solved.respondents);
      progress = true;
    }
  }
  return recovered;
}

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
    expect(f.get(2)!.score).toBe(75.5); // 1660/22 = 75.4545…, sent as displayed
  });

  it("hides the parent when the hidden child has no shown sibling to hide instead", () => {
    // D3: T31 (3, hidden) and T32 (8). Hiding T32 is the smallest other shown child; then both
    // children are hidden (two hidden) and D3 may stay shown: (40×3 + 60×8)/11 = 600/11.
    const f = wellbeingFigures(units, [s(31, 40, 3), s(32, 60, 8)], 5);
    expect(f.get(32)!.hiddenReason).toBe("complementary");
    expect(f.get(3)!.score).toBe(54.5); // 600/11 = 54.545…
    // Only child case: a parent whose single child is hidden is hidden itself.
    const solo: UnitNode[] = [{ id: 1, parentId: null, code: "ORG" }, { id: 2, parentId: 1, code: "D" }, { id: 21, parentId: 2, code: "T" }];
    const g = wellbeingFigures(solo, [s(21, 50, 4), s(1, 70, 40)], 5);
    // T hidden (4) → D (derived from T only, 4 respondents) is too_few as well; ORG has its own
    // score and one hidden child (D) with no shown sibling → ORG is hidden complementary.
    expect(g.get(2)!.hiddenReason).toBe("too_few");
    expect(g.get(1)).toMatchObject({ score: null, hiddenReason: "complementary", own: true });
  });

  it("applies the rule level by level until nothing changes", () => {
    // T31 and T32 have 2 each: too_few, and D3 = (40×2 + 60×2)/4 = 50 over 4 is too_few as well.
    // D2 = (70×10 + 50×10)/20 = 60 over 20; ORG = (700 + 500 + 80 + 120)/24 = 1400/24.
    // ORG is shown with exactly one hidden child (D3) → its smallest other shown child, D2, is
    // hidden (complementary). D2 has no score of its own and both its teams are shown, so
    // (700 + 500)/20 would give D2 back and then D3 = ORG − D2: the smallest of its teams is
    // hidden too. T21 and T22 both have 10 → the code decides: "T21" < "T22" → T21.
    // Then every group has 0 or at least 2 hidden members and nothing more changes.
    const f = wellbeingFigures(units, [s(21, 70, 10), s(22, 50, 10), s(31, 40, 2), s(32, 60, 2)], 5);
    expect(f.get(3)).toMatchObject({ respondents: 4, hiddenReason: "too_few", score: null });
    expect(f.get(2)).toMatchObject({ hiddenReason: "complementary", score: null });
    expect(f.get(21)).toMatchObject({ hiddenReason: "complementary", score: null });
    expect(f.get(22)).toMatchObject({ hiddenReason: null, score: 50 });
    expect(f.get(31)!.hiddenReason).toBe("too_few");
    expect(f.get(32)!.hiddenReason).toBe("too_few");
    expect(f.get(1)!.hiddenReason).toBeNull();
    expect(f.get(1)!.score).toBe(58.3); // 1400/24 = 58.333…
  });

  it("leaves no hidden score that can be recomputed from the shown ones", () => {
    const data = [s(21, 70, 10), s(22, 50, 10), s(31, 40, 2), s(32, 60, 2)];
    // The attack itself works: on what was shown before (ORG 1400/24 over 24, T21 70 over 10,
    // T22 50 over 10, everything else hidden) it gets D2 = 1200/20 = 60 and then
    // D3 = (1400 − 1200)/(24 − 20) = 50, a group of 4.
    const before = wellbeingFigures(units, data, 5);
    for (const f of before.values()) Object.assign(f, { score: null, hiddenReason: "too_few" });
    Object.assign(before.get(1)!, { score: 1400 / 24, hiddenReason: null });
    Object.assign(before.get(21)!, { score: 70, hiddenReason: null });
    Object.assign(before.get(22)!, { score: 50, hiddenReason: null });
    const leaked = differencingAttack(units, before);
    expect(leaked.get(2)).toBeCloseTo(60, 10);
    expect(leaked.get(3)).toBeCloseTo(50, 10);
    // What is shown now gives nothing away.
    expect([...differencingAttack(units, wellbeingFigures(units, data, 5)).keys()]).toEqual([]);
  });

  describe("hidden children that leave a smaller group recoverable", () => {
    // P (no own score) → A (60 over 10), B (40 over 2), C (50 over n).
    const tree: UnitNode[] = [
      { id: 1, parentId: null, code: "P" },
      { id: 2, parentId: 1, code: "A" },
      { id: 3, parentId: 1, code: "B" },
      { id: 4, parentId: 1, code: "C" },
    ];
    const shownIds = (f: Map<number, WellbeingFigure>) => [...f.values()].filter((x) => x.hiddenReason === null).map((x) => x.unitId).sort();

    it("does not count a child with no respondents as protection", () => {
      // C has 0 respondents: it weighs nothing in P = (600 + 80)/12, so with A shown P − A gives
      // B = (680 − 600)/2 = 40 exactly. B is the only hidden child that counts → A is hidden too.
      const f = wellbeingFigures(tree, [s(2, 60, 10), s(3, 40, 2), s(4, 50, 0)], 5);
      expect(f.get(2)!.hiddenReason).toBe("complementary");
      expect(shownIds(f)).toEqual([1]);
    });

    it("hides another child when the hidden ones are together under the minimum", () => {
      // B and C have 2 each: P = (600 + 80 + 100)/14 and A shown would give their joint mean,
      // (780 − 600)/4 = 45 over 4 respondents, a group under 5 → A is hidden too.
      const f = wellbeingFigures(tree, [s(2, 60, 10), s(3, 40, 2), s(4, 50, 2)], 5);
      expect(shownIds(f)).toEqual([1]);
      // With C at 3 respondents the hidden pair holds 5: their joint mean is a group of 5, so A
      // may stay shown (and P − A gives neither B nor C alone).
      const g = wellbeingFigures(tree, [s(2, 60, 10), s(3, 40, 2), s(4, 50, 3)], 5);
      expect(shownIds(g)).toEqual([1, 2]);
    });
  });

  it("gives the same figures whatever order the units and scores arrive in", () => {
    // G → P, Q (own score 50 over 3); P → A (40 over 3), B (60 over 10), C (70 over 10).
    // Q and A have 3: too_few. P = (120 + 600 + 700)/23 over 23; G = (150 + 1420)/26 = 1570/26.
    // Top-down: G is shown with one hidden child (Q) → P, its only other shown child, is hidden.
    // Inside P, P is hidden with one hidden child (A) already, and P's mean needs A's: nothing
    // more to hide, so B and C stay shown. (Walking P first would have hidden B beside A, then P
    // for G: more hidden than needed, and a different answer for the same data.)
    const tree: UnitNode[] = [
      { id: 1, parentId: null, code: "G" }, { id: 2, parentId: 1, code: "P" }, { id: 3, parentId: 1, code: "Q" },
      { id: 4, parentId: 2, code: "A" }, { id: 5, parentId: 2, code: "B" }, { id: 6, parentId: 2, code: "C" },
    ];
    const data = [s(3, 50, 3), s(4, 40, 3), s(5, 60, 10), s(6, 70, 10)];
    const byCode = (t: UnitNode[], f: Map<number, WellbeingFigure>) =>
      Object.fromEntries(t.map((u) => [u.code, f.get(u.id) && { score: f.get(u.id)!.score, respondents: f.get(u.id)!.respondents, hiddenReason: f.get(u.id)!.hiddenReason }]));
    const expected = {
      G: { score: 60.4, // 1570/26 = 60.38…
      respondents: 26, hiddenReason: null },
      P: { score: null, respondents: 23, hiddenReason: "complementary" },
      Q: { score: null, respondents: 3, hiddenReason: "too_few" },
      A: { score: null, respondents: 3, hiddenReason: "too_few" },
      B: { score: 60, respondents: 10, hiddenReason: null },
      C: { score: 70, respondents: 10, hiddenReason: null },
    };
    const topDown = byCode(tree, wellbeingFigures(tree, data, 5));
    expect(topDown).toEqual(expected);
    // The same tree imported teams first: ids, unit order and score order all reversed.
    const renumber = (id: number) => 7 - id;
    const bottomUp = tree.map((u) => ({ ...u, id: renumber(u.id), parentId: u.parentId === null ? null : renumber(u.parentId) })).reverse();
    const reversedData = data.map((d) => ({ ...d, unitId: renumber(d.unitId) })).reverse();
    expect(byCode(bottomUp, wellbeingFigures(bottomUp, reversedData, 5))).toEqual(topDown);
    expect(byCode(tree, wellbeingFigures([...tree].reverse(), [...data].reverse(), 5))).toEqual(topDown);
    expect([...differencingAttack(tree, wellbeingFigures(tree, data, 5)).keys()]).toEqual([]);
  });

  it("adds up a parent's mean in the same order whatever order the children arrive in", () => {
    // D = (40.1×5 + 40.8×6 + 41.4×7)/18 = 735.1/18 = 40.8388…; in doubles, summing E, F, H gives
    // 40.83888888888888 and H, F, E gives 40.83888888888889: the stored figure must not depend on it.
    const tree: UnitNode[] = [
      { id: 1, parentId: null, code: "D" }, { id: 2, parentId: 1, code: "E" }, { id: 3, parentId: 1, code: "F" }, { id: 4, parentId: 1, code: "H" },
    ];
    const data = [s(2, 40.1, 5), s(3, 40.8, 6), s(4, 41.4, 7)];
    const forward = wellbeingFigures(tree, data, 5).get(1)!.score!;
    expect(forward).toBe(40.8); // 735.1/18 = 40.8388…, as displayed
    expect(wellbeingFigures([...tree].reverse(), [...data].reverse(), 5).get(1)!.score).toBe(forward);
  });

  it("breaks a tie between equally small children by unit code in code-point order", () => {
    // D → X (3, hidden), "b" (10), "C" (10). Equal size, so the code decides: in code points "C"
    // (U+0043) comes before "b" (U+0062), although a locale's collation would put b first.
    const tree: UnitNode[] = [
      { id: 1, parentId: null, code: "D" }, { id: 2, parentId: 1, code: "X" }, { id: 3, parentId: 1, code: "b" }, { id: 4, parentId: 1, code: "C" },
    ];
    const f = wellbeingFigures(tree, [s(2, 30, 3), s(3, 60, 10), s(4, 70, 10)], 5);
    expect(f.get(4)!.hiddenReason).toBe("complementary");
    expect(f.get(3)).toMatchObject({ hiddenReason: null, score: 60 });
  });

  it("shows a change only when both rounds are shown", () => {
    expect(wellbeingChange({ score: 60 }, { score: 55.5 })).toBe(-4.5);
    expect(wellbeingChange({ score: null }, { score: 55 })).toBeNull();
    expect(wellbeingChange(undefined, { score: 55 })).toBeNull();
  });
});
