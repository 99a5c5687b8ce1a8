// Headcount and turnover on hand-computed fixtures (METRICS.md "Headcount and turnover").
// Tree:  1 Organisation ─┬─ 2 Familiecentret ─┬─ 3 Team A
//                        │                    └─ 4 Team B
//                        └─ 5 Ungecentret ──── 6 Team C          (7 Team D: nobody employed)
import { describe, expect, it } from "vitest";
import {
  departures, headcount, headcountDays, hires, rollingTurnover, roundTurnover, shiftYears, subtreeOf, turnoverFigures,
  turnoverPct, novemberSnapshots, latestSnapshotYear, smallPopulation, snapshotTurnoverByUnit, type HrEmployment, type HrUnit,
} from "../../domain/turnover";
import { roundHalfAwayFromZero } from "../../domain/rounding";

const UNITS: HrUnit[] = [
  { id: 1, parentId: null }, { id: 2, parentId: 1 }, { id: 3, parentId: 2 }, { id: 4, parentId: 2 },
  { id: 5, parentId: 1 }, { id: 6, parentId: 5 }, { id: 7, parentId: 5 },
];

function job(employeeId: string, unitId: number, startDate: string, endDate: string | null, endReason: string | null = null, extra: Partial<HrEmployment> = {}): HrEmployment {
  return { employeeId, unitId, role: "caseworker", isManager: false, fte: 1, startDate, endDate, endReason, ...extra };
}

describe("subtrees", () => {
  it("a subtree holds the unit and everything below it", () => {
    expect([...subtreeOf(UNITS, 2)].sort()).toEqual([2, 3, 4]);
    expect(subtreeOf(UNITS, 1).size).toBe(7);
    expect([...subtreeOf(UNITS, 6)]).toEqual([6]);
  });
});

describe("moves inside a subtree", () => {
  // e1: Team A 1 Jan – 31 Mar 2024, then Team B from 1 Apr 2024. Period H1 2024 = 182 days
  // (31 + 29 + 31 + 30 + 31 + 30).
  const data = [job("e1", 3, "2024-01-01", "2024-03-31", "internal_transfer"), job("e1", 4, "2024-04-01", null)];

  it("a move between two teams is not a departure of their parent", () => {
    const f = turnoverFigures(data, UNITS, 2, "2024-01-01", "2024-06-30");
    expect(f.departures).toBe(0);
    // Familiecentret has e1 every day: 182 headcount-days, average 1.
    expect(f.headcountDays).toBe(182);
    expect(f.avgHeadcount).toBe(1);
    expect(f.turnoverPct).toBe(0);
    // The hire on 1 Jan counts for the centre once; the move on 1 Apr is no hire of the centre.
    expect(f.hires).toBe(1);
  });

  it("the team the person left counts an internal transfer out", () => {
    const f = turnoverFigures(data, UNITS, 3, "2024-01-01", "2024-06-30");
    // Team A: 91 days (Jan 31 + Feb 29 + Mar 31) → average 91 / 182 = 0.5; 1 / 0.5 × 100 = 200 %.
    expect(f.headcountDays).toBe(91);
    expect(f.avgHeadcount).toBe(0.5);
    expect(f.departures).toBe(1);
    expect(f.internalTransfersOut).toBe(1);
    expect(f.voluntaryDepartures).toBe(0);
    expect(f.turnoverPct).toBe(200);
    // Team B gains a hire on 1 Apr (nobody of B covered 31 Mar).
    expect(hires(data, subtreeOf(UNITS, 4), "2024-01-01", "2024-06-30").map((h) => h.date)).toEqual(["2024-04-01"]);
  });
});

describe("moves out of a subtree", () => {
  // e2 leaves Team A on 15 May 2024 with reason resignation but starts in Team C on 16 May.
  const data = [job("e2", 3, "2023-01-01", "2024-05-15", "resignation"), job("e2", 6, "2024-05-16", null)];

  it("counts for the centre as an internal transfer out, never as voluntary", () => {
    const [d] = departures(data, subtreeOf(UNITS, 2), "2024-01-01", "2024-12-31");
    expect(d).toMatchObject({ employeeId: "e2", date: "2024-05-15", internalTransfer: true, voluntary: false, unitId: 3 });
  });

  it("is no departure for the whole organisation, where every departure is external", () => {
    const leaver = [...data, job("x9", 6, "2023-01-01", "2024-08-31", "dismissal")];
    const list = departures(leaver, subtreeOf(UNITS, 1), "2024-01-01", "2024-12-31");
    expect(list.map((d) => d.employeeId)).toEqual(["x9"]);
    expect(list.every((d) => !d.internalTransfer)).toBe(true);
  });
});

describe("part-time double employment", () => {
  // e3: 0.5 in Team A 1–31 Jan 2024 and 0.5 in Team B 1 Jan – 29 Feb 2024 (resignation).
  const data = [
    job("e3", 3, "2024-01-01", "2024-01-31", "other", { fte: 0.5 }),
    job("e3", 4, "2024-01-01", "2024-02-29", "resignation", { fte: 0.5 }),
  ];

  it("one person with two jobs in the subtree counts once in the headcount", () => {
    expect(headcount(data, subtreeOf(UNITS, 2), "2024-01-15")).toBe(1);
    // Jan + Feb 2024 = 31 + 29 = 60 days, e3 present every day.
    expect(headcountDays(data, subtreeOf(UNITS, 2), "2024-01-01", "2024-02-29")).toBe(60);
  });

  it("ending one of the two jobs leaves Team A as an internal transfer; the last end leaves the centre", () => {
    const teamA = departures(data, subtreeOf(UNITS, 3), "2024-01-01", "2024-12-31");
    expect(teamA).toMatchObject([{ date: "2024-01-31", internalTransfer: true }]);
    const centre = departures(data, subtreeOf(UNITS, 2), "2024-01-01", "2024-12-31");
    expect(centre).toMatchObject([{ date: "2024-02-29", internalTransfer: false, voluntary: true, unitId: 4 }]);
  });
});

describe("same-day double end", () => {
  // e4: Team A and Team B both end 31 Mar 2024 (one resignation, one dismissal), nothing after.
  const data = [
    job("e4", 3, "2023-06-01", "2024-03-31", "dismissal", { fte: 0.6 }),
    job("e4", 4, "2023-06-01", "2024-03-31", "resignation", { fte: 0.4 }),
  ];

  it("two employments of one person ending the same day in the subtree are one departure", () => {
    const list = departures(data, subtreeOf(UNITS, 2), "2024-01-01", "2024-12-31");
    expect(list).toHaveLength(1);
    // Voluntary because one ending employment was a resignation; the row names the larger job (A, 0.6).
    expect(list[0]).toMatchObject({ date: "2024-03-31", voluntary: true, internalTransfer: false, unitId: 3, endReason: "resignation" });
  });

  it("each team still loses the person on its own, with its own reason", () => {
    expect(departures(data, subtreeOf(UNITS, 3), "2024-01-01", "2024-12-31")[0].voluntary).toBe(false);
    expect(departures(data, subtreeOf(UNITS, 4), "2024-01-01", "2024-12-31")[0].voluntary).toBe(true);
  });
});

describe("manager who steps down but stays", () => {
  // e5 manages Team A 1 Jan – 30 Jun 2024, then stays in Team A as a caseworker. Year 2024 = 366 days.
  const data = [
    job("e5", 3, "2024-01-01", "2024-06-30", "other", { role: "manager", isManager: true }),
    job("e5", 3, "2024-07-01", null),
  ];

  it("leaves the manager population but not the staff", () => {
    const f = turnoverFigures(data, UNITS, 3, "2024-01-01", "2024-12-31");
    expect(f.departures).toBe(0);
    expect(f.headcountDays).toBe(366);
    // Managers: 182 days (Jan–Jun) / 366 = 0.4973 → 0.50; 1 × 100 × 366 / 182 = 201.0989 % → 201.1.
    expect(f.managerHeadcountDays).toBe(182);
    expect(f.managerDepartures).toBe(1);
    const shown = roundTurnover(f);
    expect(shown.managerAvgHeadcount).toBe(0.5);
    expect(shown.managerTurnoverPct).toBe(201.1);
    // Still employed on 1 Jul, so the manager departure is internal, not external.
    expect(departures(data, subtreeOf(UNITS, 3), "2024-01-01", "2024-12-31", "manager")[0].internalTransfer).toBe(true);
  });
});

describe("periods that cut months", () => {
  // e6 in Team C 10 Jan – 20 Feb 2024, resignation.
  const data = [job("e6", 6, "2024-01-10", "2024-02-20", "resignation")];

  it("counts only the days inside the period", () => {
    // 15 Jan – 15 Feb = 17 + 15 = 32 days, all covered; the departure on 20 Feb is outside.
    const f = turnoverFigures(data, UNITS, 6, "2024-01-15", "2024-02-15");
    expect(f.days).toBe(32);
    expect(f.headcountDays).toBe(32);
    expect(f.departures).toBe(0);
    expect(f.hires).toBe(0);
  });

  it("a period holding the end day counts the departure against the days present", () => {
    // 1–29 Feb: present 1–20 Feb = 20 days → average 20 / 29 = 0.6897 → 0.69;
    // turnover 1 × 100 × 29 / 20 = 145 %.
    const f = turnoverFigures(data, UNITS, 6, "2024-02-01", "2024-02-29");
    expect(f.headcountDays).toBe(20);
    expect(roundTurnover(f).avgHeadcount).toBe(0.69);
    expect(f.turnoverPct).toBe(145);
    expect(f.voluntaryDepartures).toBe(1);
  });
});

describe("a unit whose headcount is 0", () => {
  it("has average 0 and an empty turnover", () => {
    const f = turnoverFigures([job("e7", 3, "2024-01-01", null)], UNITS, 7, "2024-01-01", "2024-12-31");
    expect(f.avgHeadcount).toBe(0);
    expect(f.turnoverPct).toBeNull();
    expect(f.managerTurnoverPct).toBeNull();
    expect(turnoverPct(0, 0, 30)).toBeNull();
  });
});

describe("rolling 12 months", () => {
  it("at June 2024 covers 1 Jul 2023 – 30 Jun 2024", () => {
    // e8 in Team B 1 Jan 2023 – 31 Dec 2023 (dismissal): 184 days inside Jul–Dec 2023, of 366.
    const f = rollingTurnover([job("e8", 4, "2023-01-01", "2023-12-31", "dismissal")], UNITS, 4, "2024-06-15");
    expect([f.from, f.to, f.days]).toEqual(["2023-07-01", "2024-06-30", 366]);
    expect(f.headcountDays).toBe(184);
    expect(f.departures).toBe(1);
    // 1 × 100 × 366 / 184 = 198.913 → 198.9
    expect(roundTurnover(f).turnoverPct).toBe(198.9);
  });
});

describe("rounding and comparison periods", () => {
  it("rounds half away from zero where toFixed would round down", () => {
    expect((1.005).toFixed(2)).toBe("1.00");
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
    expect(roundHalfAwayFromZero(2.675, 2)).toBe(2.68);
    expect(roundHalfAwayFromZero(12.25, 1)).toBe(12.3);
    expect(roundHalfAwayFromZero(-1.25, 1)).toBe(-1.3);
    expect(roundHalfAwayFromZero(0.04, 1)).toBe(0);
  });

  it("rounds numbers JavaScript writes in exponent form (below 1e-6, from 1e21)", () => {
    // String(1e-7) is "1e-7": appending an exponent to that text gave NaN.
    expect(roundHalfAwayFromZero(1e-7, 6)).toBe(0);
    expect(roundHalfAwayFromZero(5e-7, 6)).toBe(0.000001); // 0.0000005 is a half: away from zero
    expect(roundHalfAwayFromZero(-5e-7, 6)).toBe(-0.000001);
    expect(roundHalfAwayFromZero(1.5e-7, 7)).toBe(0.0000002);
    expect(roundHalfAwayFromZero(2e21, 1)).toBe(2e21);
  });

  it("a year earlier keeps month ends at month ends", () => {
    expect(shiftYears("2024-02-29", -1)).toBe("2023-02-28");
    expect(shiftYears("2023-02-28", 1)).toBe("2024-02-29");
    expect(shiftYears("2024-03-15", -1)).toBe("2023-03-15");
    expect(shiftYears("2025-01-01", -1)).toBe("2024-01-01");
  });
});

describe("snapshot turnover, the municipal-statistics variant (not METRICS.md)", () => {
  // Snapshots 2023-11-30 and 2024-11-30. e1 moves Team A → Team B (inside Familiecentret), e2 moves
  // Team A → Team C (out of Familiecentret, inside the organisation), e3 leaves, e4 stays in
  // Team A, e5 starts after the first snapshot (not counted), e6 holds two jobs in Team A and B.
  const data = [
    job("e1", 3, "2020-01-01", "2024-03-31", "internal_transfer"), job("e1", 4, "2024-04-01", null),
    job("e2", 3, "2020-01-01", "2024-05-31", "internal_transfer"), job("e2", 6, "2024-06-01", null),
    job("e3", 3, "2020-01-01", "2024-08-31", "resignation"),
    job("e4", 3, "2020-01-01", null),
    job("e5", 3, "2024-01-01", null),
    job("e6", 3, "2020-01-01", null, null, { fte: 0.5 }), job("e6", 4, "2020-01-01", "2024-09-30", "other", { fte: 0.5 }),
  ];
  const { from, to } = novemberSnapshots(2024);
  const byUnit = snapshotTurnoverByUnit(data, UNITS, from, to);

  it("counts every move out of a team as leaving it, and counts moves inside apart", () => {
    // Team A on 2023-11-30: e1, e2, e3, e4, e6 = 5. Left: e1, e2 (moves), e3 (external) = 3 → 60 %.
    expect(byUnit.get(3)).toEqual({ from: "2023-11-30", to: "2024-11-30", headcountAtFrom: 5, leavers: 3, movesInside: 2, pct: 60 });
    // Team B: only e6, who left Team B but is still in Team A: a move inside.
    expect(byUnit.get(4)).toMatchObject({ headcountAtFrom: 1, leavers: 1, movesInside: 1, pct: 100 });
  });

  it("does not count a move between two teams of a unit as leaving that unit; the organisation loses only leavers", () => {
    // Familiecentret: e1, e2, e3, e4, e6 = 5 (e6 once); e2 went to Team C, e3 left → 2 of 5.
    expect(byUnit.get(2)).toMatchObject({ headcountAtFrom: 5, leavers: 2, movesInside: 1, pct: 40 });
    expect(byUnit.get(1)).toMatchObject({ headcountAtFrom: 5, leavers: 1, movesInside: 0, pct: 20 });
    expect(byUnit.get(7)).toMatchObject({ headcountAtFrom: 0, leavers: 0, pct: null });
  });

  it("takes the latest pair of November snapshots that has passed", () => {
    expect(latestSnapshotYear("2026-12-02")).toBe(2026);
    expect(latestSnapshotYear("2026-11-29")).toBe(2025);
  });
});

describe("small populations", () => {
  it("cautions a turnover % whose average headcount is under 5, e.g. one manager's 115 %", () => {
    expect(smallPopulation(0.87)).toBe(true);
    expect(smallPopulation(4.99)).toBe(true);
    expect(smallPopulation(5)).toBe(false);
    expect(smallPopulation(0)).toBe(false);
  });
});
