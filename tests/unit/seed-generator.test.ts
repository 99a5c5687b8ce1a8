// The demo generator: deterministic, shaped like the seeds, and valid against the data contract
// before any database sees it (the importer then checks it again in the integration test).
import { describe, expect, it } from "vitest";
import { generateDemo, type DemoData } from "../../db/seed/generate";
import { ROLLOUT_WAVES, AT_CLUSTER_CODE, DOEGN_CODE } from "../../db/seed/organisation";
import { fallRound } from "../../db/seed/surveys";
import { STORY_DAY } from "../../db/seed/story-clock";
import { turnoverFigures, type HrEmployment, type HrUnit } from "../../domain/turnover";
import { addDays, lastCompleteWeek, weekSnapshot } from "../../domain/calendar";

const TODAY = "2026-11-23";
const full = generateDemo({ scale: "full", today: TODAY });
const small = generateDemo({ scale: "small", today: TODAY });

const CASE_TYPES = new Set([
  "underretning", "boernefaglig_undersoegelse", "forebyggende_indsats", "anbringelse", "eftervaern",
  "tabt_arbejdsfortjeneste", "merudgifter", "koersel", "aflastning",
]);
const FLAGS = new Set(["vold_trusler", "overgreb", "anbringelse_uden_samtykke", "selvmordsrisiko", "hoejkonflikt", "alvorlig_haendelse"]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function overlaps(periods: { start: string; end: string }[]): boolean {
  const sorted = [...periods].sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i - 1]!.end === "" || sorted[i - 1]!.end >= sorted[i]!.start) return true;
  }
  return false;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function hrInput(data: DemoData): { employments: HrEmployment[]; units: HrUnit[]; idOf: (code: string) => number } {
  const ids = new Map(data.units.map((u, i) => [u.code, i + 1]));
  const idOf = (code: string) => ids.get(code)!;
  return {
    idOf,
    units: data.units.map((u) => ({ id: idOf(u.code), parentId: u.parentCode ? idOf(u.parentCode) : null })),
    employments: data.employments.map((e) => ({
      employeeId: e.employeeId, unitId: idOf(e.unitCode), role: e.role, isManager: e.isManager, fte: e.fte,
      startDate: e.start, endDate: e.end, endReason: e.endReason,
    })),
  };
}

describe("demo generator: determinism", () => {
  it("gives identical rows for the same seed, scale and day", () => {
    const again = generateDemo({ scale: "full", today: TODAY });
    expect(JSON.stringify(again.rows)).toBe(JSON.stringify(full.rows));
    expect(again.roster).toEqual(full.roster);
  });

  it("gives a different world for another seed", () => {
    const other = generateDemo({ scale: "small", seed: "another-seed", today: TODAY });
    expect(JSON.stringify(other.rows["case-periods"])).not.toBe(JSON.stringify(small.rows["case-periods"]));
  });
});

describe("demo generator: the organisation of the seeds", () => {
  it("has one organisation, the BFF area, three centres, Døgnafdelingen and ten district clusters", () => {
    expect(full.units.filter((u) => u.kind === "organisation")).toHaveLength(1);
    expect(full.units.find((u) => u.kind === "area")!.name).toBe("Børn, Familier og Fællesskaber");
    expect(full.units.filter((u) => u.kind === "centre").map((u) => u.name)).toEqual(
      expect.arrayContaining(["Familiecentret", "Ungecentret"]),
    );
    expect(full.units.filter((u) => u.kind === "centre")).toHaveLength(3);
    expect(full.units.find((u) => u.code === DOEGN_CODE)!.name).toBe("Døgnafdelingen");
    expect(full.units.filter((u) => u.kind === "cluster")).toHaveLength(10);
    const teams = full.units.filter((u) => u.kind === "team").length;
    expect(teams).toBeGreaterThanOrEqual(36);
    expect(teams).toBeLessThanOrEqual(44);
  });

  it("rolls relational welfare out in waves of 2, 9, 10, 13 and 13 districts, half a year apart (spring 2023 to spring 2025 in the story)", () => {
    expect(ROLLOUT_WAVES.map((w) => w.districts.length)).toEqual([2, 9, 10, 13, 13]);
    expect(ROLLOUT_WAVES.map((w) => w.start)).toEqual(["2023-02-01", "2023-08-01", "2024-02-01", "2024-08-01", "2025-02-01"]);
    expect(new Set(ROLLOUT_WAVES.flatMap((w) => w.districts)).size).toBe(47);
    const districtTeams = full.rows.units.filter((u) => u.district !== "");
    expect(districtTeams.length).toBe(30);
    for (const team of districtTeams) {
      const wave = ROLLOUT_WAVES.find((w) => w.districts.includes(team.district!))!;
      expect(team.rollout_date).toBe(full.clock.monthOf(wave.start));
    }
    // Every wave is represented among the teams, so before/after comparisons exist for each.
    expect(new Set(districtTeams.map((t) => t.rollout_date)).size).toBe(5);
  });

  it("lists parents before children, with every parent code present", () => {
    const seen = new Set<string>();
    for (const row of full.rows.units) {
      if (row.parent_code !== "") expect(seen.has(row.parent_code!)).toBe(true);
      seen.add(row.unit_code!);
    }
  });

  it("scales down to six teams and about sixty to a hundred people for fast end-to-end tests", () => {
    expect(small.units.filter((u) => u.kind === "team")).toHaveLength(6);
    expect(small.employees.length).toBeGreaterThanOrEqual(50);
    expect(small.employees.length).toBeLessThanOrEqual(120);
    const codes = small.units.map((u) => u.code);
    expect(codes).toEqual(expect.arrayContaining([AT_CLUSTER_CODE, DOEGN_CODE, small.roster.atTeamCode, small.roster.otherClusterCode]));
  });
});

describe("demo generator: contract-valid rows", () => {
  for (const [label, data] of [["full", full], ["small", small]] as const) {
    it(`${label}: every row is strings keyed by the contract's columns, dates as YYYY-MM-DD`, () => {
      expect(Object.keys(data.rows.employments[0]!).sort()).toEqual(
        ["display_name", "employee_id", "end_date", "end_reason", "fte", "is_manager", "role", "start_date", "unit_code"].sort(),
      );
      expect(Object.keys(data.rows["case-periods"][0]!).sort()).toEqual(
        ["case_id", "caseworker_id", "case_type", "complexity", "emotional_flags", "period_end", "period_start", "unit_code"].sort(),
      );
      const notStrings = (Object.keys(data.rows) as (keyof DemoData["rows"])[])
        .flatMap((kind) => data.rows[kind].flatMap((row) => Object.values(row).filter((v) => typeof v !== "string")));
      expect(notStrings).toEqual([]);
      const badDates = [
        ...data.rows.employments.flatMap((e) => [e.start_date, e.end_date]),
        ...data.rows["case-periods"].flatMap((p) => [p.period_start, p.period_end]),
      ].filter((d) => d !== "" && !DATE.test(d!));
      expect(badDates).toEqual([]);
    });

    it(`${label}: employee ids are pseudonymous, never CPR-shaped`, () => {
      for (const employee of data.employees) {
        expect(employee.id).not.toMatch(/^\d{6}-?\d{4}$/);
        expect(employee.id).not.toMatch(/^\d{10}$/);
      }
    });

    it(`${label}: employments are valid and never overlap within one employee and unit`, () => {
      const units = new Set(data.units.map((u) => u.code));
      for (const e of data.employments) {
        expect(units.has(e.unitCode)).toBe(true);
        expect(e.fte).toBeGreaterThan(0);
        expect(e.fte).toBeLessThanOrEqual(1.5);
        if (e.end !== null) expect(e.end >= e.start).toBe(true);
        expect(e.end === null).toBe(e.endReason === null);
        expect(e.end === null || e.end < TODAY).toBe(true);
        expect(e.start <= TODAY).toBe(true);
      }
      for (const [, list] of groupBy(data.employments, (e) => `${e.employeeId}|${e.unitCode}`)) {
        expect(overlaps(list.map((e) => ({ start: e.start, end: e.end ?? "" })))).toBe(false);
      }
    });

    it(`${label}: case periods never overlap per case, and refer to teams, catalogue keys and the holder's own employment`, () => {
      const teams = new Set(data.units.filter((u) => u.kind === "team").map((u) => u.code));
      const holding = groupBy(data.employments.filter((e) => e.role === "caseworker" || e.role === "specialist"), (e) => `${e.employeeId}|${e.unitCode}`);
      for (const p of data.rows["case-periods"]) {
        expect(teams.has(p.unit_code!)).toBe(true);
        expect(CASE_TYPES.has(p.case_type!)).toBe(true);
        expect(["1", "2", "3"]).toContain(p.complexity);
        for (const flag of p.emotional_flags === "" ? [] : p.emotional_flags!.split("|")) expect(FLAGS.has(flag)).toBe(true);
        if (p.period_end !== "") expect(p.period_end! >= p.period_start!).toBe(true);
        if (p.caseworker_id !== "") {
          // The holder is employed in a case-holding role in that team for the whole period.
          const jobs = holding.get(`${p.caseworker_id}|${p.unit_code}`) ?? [];
          const covering = jobs.some((e) => e.start <= p.period_start! && (e.end === null || (p.period_end !== "" && e.end >= p.period_end!)));
          expect(covering, `${p.case_id} ${p.period_start} held by ${p.caseworker_id}`).toBe(true);
        }
      }
      for (const [, list] of groupBy(data.rows["case-periods"], (p) => p.case_id!)) {
        expect(overlaps(list.map((p) => ({ start: p.period_start!, end: p.period_end! })))).toBe(false);
      }
    });
  }

  it("survey results refer to teams, stay within 0–100 and never have more respondents than invited", () => {
    const teams = new Set(full.units.filter((u) => u.kind === "team").map((u) => u.code));
    for (const s of full.rows["survey-results"]) {
      expect(teams.has(s.unit_code!)).toBe(true);
      expect(Number(s.score)).toBeGreaterThanOrEqual(0);
      expect(Number(s.score)).toBeLessThanOrEqual(100);
      expect(Number(s.respondents)).toBeLessThanOrEqual(Number(s.invited));
    }
  });
});

describe("demo generator: the story the product must show", () => {
  it("has about 600 employees and about 15,000 case periods", () => {
    expect(full.employees.length).toBeGreaterThanOrEqual(500);
    expect(full.employees.length).toBeLessThanOrEqual(700);
    expect(full.rows["case-periods"].length).toBeGreaterThanOrEqual(13_000);
    expect(full.rows["case-periods"].length).toBeLessThanOrEqual(20_000);
  });

  // The story's years (2024 the peak) on the demo's calendar.
  const storyYear = (data: DemoData, year: number) => [data.clock.day(`${year}-01-01`), data.clock.day(`${year}-12-31`)] as const;

  it("staff turnover of the organisation is higher in the story's 2024 than in any earlier year (METRICS.md definition)", () => {
    const { employments, units, idOf } = hrInput(full);
    const pct = (year: number) => turnoverFigures(employments, units, idOf("KOM"), ...storyYear(full, year)).turnoverPct!;
    const y2024 = pct(2024);
    for (const year of [2021, 2022, 2023]) expect(y2024).toBeGreaterThan(pct(year) + 5);
  });

  it("manager turnover in Familiecentret is higher in the story's 2024 than in any earlier year", () => {
    const { employments, units, idOf } = hrInput(full);
    const pct = (year: number) => turnoverFigures(employments, units, idOf("FC"), ...storyYear(full, year)).managerTurnoverPct!;
    for (const year of [2021, 2022, 2023]) expect(pct(2024)).toBeGreaterThan(pct(year) * 2);
  });

  it("has internal transfers, managers stepping down and part-time double employments", () => {
    expect(full.employments.filter((e) => e.endReason === "internal_transfer").length).toBeGreaterThan(5);
    const steppedDown = full.employments.filter((e) => e.isManager && e.end !== null && full.employments.some(
      (o) => o.employeeId === e.employeeId && o.unitCode === e.unitCode && !o.isManager && o.start === addDays(e.end!, 1),
    ));
    expect(steppedDown.length).toBeGreaterThan(2);
    const open = full.employments.filter((e) => e.end === null);
    const doubles = [...groupBy(open, (e) => e.employeeId).values()].filter((list) => new Set(list.map((e) => e.unitCode)).size > 1);
    expect(doubles.length).toBeGreaterThan(3);
    for (const list of doubles) expect(list.every((e) => e.fte < 1)).toBe(true);
  });

  it("a survey round every half-year up to the last that closed, the fall in trivsel and social_kapital, the recovery after, and some teams under 5 respondents", () => {
    const results = full.rows["survey-results"];
    expect(full.surveyRounds.map((r) => r.key)).toEqual(["2024-efteraar", "2025-foraar", "2025-efteraar", "2026-foraar", "2026-efteraar"]);
    expect(new Set(results.map((r) => r.survey_round))).toEqual(new Set(full.surveyRounds.map((r) => r.key)));
    expect(full.surveyRounds.at(-1)!.closedOn < TODAY).toBe(true);
    const fall = fallRound(full.surveyRounds)!;
    expect(fall.key).toBe("2025-efteraar");
    expect(results.every((r) => r.closed_on === full.surveyRounds.find((x) => x.key === r.survey_round)!.closedOn)).toBe(true);
    const mean = (round: string, dimension: string) => {
      const rows = results.filter((r) => r.survey_round === round && r.dimension === dimension);
      const respondents = rows.reduce((s, r) => s + Number(r.respondents), 0);
      return rows.reduce((s, r) => s + Number(r.score) * Number(r.respondents), 0) / respondents;
    };
    for (const dimension of ["trivsel", "social_kapital"]) {
      expect(mean("2025-efteraar", dimension)).toBeLessThan(mean("2025-foraar", dimension) - 5);
      expect(mean("2026-foraar", dimension)).toBeGreaterThan(mean("2025-efteraar", dimension) + 2);
    }
    const smallGroups = new Set(results.filter((r) => Number(r.respondents) < 5).map((r) => r.unit_code));
    expect(smallGroups.size).toBeGreaterThanOrEqual(1);
  });

  it("specialised case types are held by people without the competence, most of all in the AT cluster", () => {
    const competence = groupBy(full.rows.competences, (c) => c.employee_id!);
    const mismatched = full.rows["case-periods"].filter((p) => {
      if (p.case_type !== "tabt_arbejdsfortjeneste" && p.case_type !== "merudgifter") return false;
      if (p.caseworker_id === "") return false;
      return !(competence.get(p.caseworker_id!) ?? []).some(
        (c) => c.case_type === p.case_type && (c.valid_from === "" || c.valid_from! <= p.period_start!),
      );
    });
    expect(mismatched.length).toBeGreaterThan(50);
    const inAtCluster = mismatched.filter((p) => p.unit_code!.startsWith(AT_CLUSTER_CODE)).length;
    const atTeams = full.units.filter((u) => u.parentCode === AT_CLUSTER_CODE).length;
    const teams = full.units.filter((u) => u.kind === "team").length;
    expect(inAtCluster / atTeams).toBeGreaterThan((mismatched.length - inAtCluster) / (teams - atTeams));
  });

  it("leaves cases unassigned, and Døgnafdelingen carries the most emotionally demanding cases", () => {
    const periods = full.rows["case-periods"];
    expect(periods.filter((p) => p.caseworker_id === "" && p.period_end === "").length).toBeGreaterThan(0);
    expect(periods.filter((p) => p.caseworker_id === "").length).toBeGreaterThan(200);
    const share = (inDoegn: boolean) => {
      const rows = periods.filter((p) => p.period_end === "" && p.unit_code!.startsWith(DOEGN_CODE) === inDoegn);
      return rows.filter((p) => p.emotional_flags !== "").length / rows.length;
    };
    expect(share(true)).toBeGreaterThan(0.4);
    expect(share(false)).toBeLessThan(0.4);
  });

  it("puts some teams over 25 cases per FTE in most of the last six weeks, so status and radar light up", () => {
    const sundays = [0, 1, 2, 3, 4, 5].map((i) => addDays(weekSnapshot(lastCompleteWeek(TODAY)), -7 * i));
    const teams = full.units.filter((u) => u.kind === "team");
    const overInFour = teams.filter((team) => {
      const weeksOver = sundays.filter((day) => {
        const open = full.rows["case-periods"].filter((p) => p.unit_code === team.code && p.period_start! <= day && (p.period_end === "" || p.period_end! >= day)).length;
        const fte = full.employments
          .filter((e) => e.unitCode === team.code && (e.role === "caseworker" || e.role === "specialist") && e.start <= day && (e.end === null || e.end >= day))
          .reduce((s, e) => s + e.fte, 0);
        return fte > 0 && open / fte > 25;
      }).length;
      return weeksOver >= 4;
    });
    expect(overInFour.length).toBeGreaterThanOrEqual(2);
    expect(overInFour.length).toBeLessThanOrEqual(12);
  });

  it("names today's manager of the AT team and the other cluster's leader for the demo users", () => {
    for (const data of [full, small]) {
      const managerOf = (person: { id: string } | null, unit: string) =>
        person !== null && data.employments.some((e) => e.employeeId === person.id && e.unitCode === unit && e.isManager && e.end === null);
      expect(managerOf(data.roster.atTeamManager, data.roster.atTeamCode)).toBe(true);
      expect(managerOf(data.roster.otherClusterLeader, data.roster.otherClusterCode)).toBe(true);
    }
  });
});

describe("demo generator on another demo day (APP_TODAY)", () => {
  const early = generateDemo({ scale: "small", today: "2025-03-01" });

  it("puts nothing after that day: no starts, no ends on or after it, only the survey rounds closed by then", () => {
    expect(early.employments.filter((e) => e.start > "2025-03-01" || (e.end !== null && e.end >= "2025-03-01"))).toEqual([]);
    expect(early.rows["case-periods"].filter((p) => p.period_start! >= "2025-03-01" || (p.period_end !== "" && p.period_end! >= "2025-03-01"))).toEqual([]);
    expect(new Set(early.rows["survey-results"].map((r) => r.survey_round))).toEqual(
      new Set(["2022-efteraar", "2023-foraar", "2023-efteraar", "2024-foraar", "2024-efteraar"]),
    );
    expect(generateDemo({ scale: "small", today: "2024-01-15" }).rows["survey-results"].every((r) => r.closed_on! <= "2024-01-15")).toBe(true);
  });
});
