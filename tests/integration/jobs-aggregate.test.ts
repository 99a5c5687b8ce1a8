// The set-based SQL against the pure definitions, on generated data (jobs-fixture.ts): every
// unit-week, caseworker-week, status, wellbeing figure and risk signal must agree.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows, type Database } from "../../db/client";
import * as s from "../../db/schema";
import { runAggregation } from "../../jobs/recompute/pipeline";
import { addMonths, lastCompleteWeek, monthEnd, weeksBetween, diffDays, addDays } from "../../domain/calendar";
import {
  DEFAULT_WEIGHTS, caseworkerWeek, loadRatios, rollUpSums, unitWeekSums, type LoadInput, type LoadSums,
} from "../../domain/caseload";
import { effectiveExtraRoles, effectiveThresholds, overFlags, weekStatus, anyOver } from "../../domain/status";
import { turnoverPct } from "../../domain/turnover";
import { wellbeingFigures } from "../../domain/wellbeing";
import { riskSignals } from "../../domain/risk";
import { turnoverMonthOfWeek } from "../../domain/calendar";
import { CASEWORKER_WEEKS_KEPT, caseworkerWindowStart } from "../../domain/caseload";
import { generateFixture, insertFixture, type Fixture } from "./jobs-fixture";

const TODAY = "2024-06-30";
let tdb: TestDatabase;
let db: Database;
let f: Fixture;
let parentOf: Map<number, number | null>;
let input: LoadInput;
let weeks: string[];

async function aggregate(scope: { from?: string; to?: string } = {}) {
  return db.transaction((tx) => runAggregation(tx, scope, TODAY));
}

async function snapshot() {
  const dump = async (table: string, order: string) =>
    queryRows(db, sql.raw(`select * from ${table} order by ${order}`));
  return {
    load: await dump("load_unit_week", "unit_id, week_start"),
    caseworkers: await dump("load_caseworker_week", "unit_id, week_start, employee_id"),
    status: await dump("unit_week_status", "unit_id, week_start"),
    wellbeing: await dump("wellbeing_unit_round", "unit_id, survey_round, dimension"),
    risk: await dump("risk_signals", "unit_id, as_of_week, signal"),
  };
}

beforeAll(async () => {
  tdb = await createTestDatabase("jobs_agg");
  db = tdb.db;
  f = generateFixture();
  await insertFixture(db, f);
  parentOf = new Map(f.units.map((u) => [u.id, u.parentId]));
  const specialised = await db.select({ key: s.caseTypes.key }).from(s.caseTypes).where(sql`specialised`);
  input = {
    periods: f.periods, employments: f.employments, competences: f.competences,
    specialisedTypes: new Set(specialised.map((x) => x.key)), weights: DEFAULT_WEIGHTS,
    extraRoles: (unitId) => effectiveExtraRoles(unitId, parentOf, f.extraRoles),
  };
  await aggregate();
  const first = [...f.periods.map((p) => p.periodStart), ...f.employments.map((e) => e.startDate)].sort()[0];
  weeks = weeksBetween(first, TODAY);
});

afterAll(async () => {
  await tdb?.drop();
});

describe("aggregation SQL agrees with the pure definitions", () => {
  it("fills load_unit_week for every unit and week with the pure subtree sums", async () => {
    const rows = await db.select().from(s.loadUnitWeek).orderBy(asc(s.loadUnitWeek.unitId), asc(s.loadUnitWeek.weekStart));
    expect(rows.length).toBe(f.units.length * weeks.length);
    const byKey = new Map(rows.map((r) => [`${r.unitId}|${r.weekStart}`, r]));
    const problems: string[] = [];
    let openSeen = 0;
    for (const week of weeks) {
      const expected = rollUpSums(unitWeekSums(input, week), parentOf);
      for (const [unitId, e] of expected) {
        const got = byKey.get(`${unitId}|${week}`);
        if (!got) { problems.push(`missing ${unitId} ${week}`); continue; }
        openSeen += e.openCases;
        const ints: (keyof LoadSums)[] = ["openCases", "unassignedCases", "flaggedCases", "mismatchedCases", "newCases", "closedCases"];
        for (const k of ints) if (got[k] !== e[k]) problems.push(`${unitId} ${week} ${k}: sql ${got[k]} pure ${e[k]}`);
        for (const k of ["caseworkerFte", "weightedSum"] as const) {
          if (Math.abs(Number(got[k]) - e[k]) > 1e-9) problems.push(`${unitId} ${week} ${k}: sql ${got[k]} pure ${e[k]}`);
        }
      }
    }
    expect(problems.slice(0, 15)).toEqual([]);
    expect(openSeen).toBeGreaterThan(1000); // the fixture really exercises the figures
  });

  it("fills load_caseworker_week with each holder's pure figures for the kept recent weeks", async () => {
    const rows = await db.select().from(s.loadCaseworkerWeek);
    const got = new Map(rows.map((r) => [`${r.unitId}|${r.weekStart}|${r.employeeId}`, r]));
    const problems: string[] = [];
    let expectedCount = 0;
    const kept = weeks.filter((w) => w >= caseworkerWindowStart(TODAY));
    expect(kept.length).toBe(CASEWORKER_WEEKS_KEPT);
    for (const week of kept) {
      for (const e of caseworkerWeek(input, week)) {
        expectedCount++;
        const g = got.get(`${e.unitId}|${week}|${e.employeeId}`);
        if (!g) { problems.push(`missing ${e.unitId} ${week} ${e.employeeId}`); continue; }
        const same = g.openCases === e.openCases && Math.abs(Number(g.weightedSum) - e.weightedSum) < 1e-9 && g.flaggedCases === e.flaggedCases
          && g.specialisedCases === e.specialisedCases && g.mismatchedCases === e.mismatchedCases;
        if (!same) problems.push(`${e.unitId} ${week} ${e.employeeId}: sql ${JSON.stringify(g)} pure ${JSON.stringify(e)}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(rows.length).toBe(expectedCount);
  });

  it("gives every unit-week the status the pure thresholds and 6-week rule give", async () => {
    const months = await db.select().from(s.hrUnitMonth);
    const turnover12m = (unitId: number, week: string) => {
      const m = turnoverMonthOfWeek(week);
      const from = addMonths(m, -11);
      const inWindow = months.filter((r) => r.unitId === unitId && r.month >= from && r.month <= m);
      const days = diffDays(from, monthEnd(m)) + 1;
      return turnoverPct(inWindow.reduce((a, r) => a + r.departures, 0), inWindow.reduce((a, r) => a + r.headcountDays, 0), days);
    };
    const rows = await db.select().from(s.unitWeekStatus);
    const got = new Map(rows.map((r) => [`${r.unitId}|${r.weekStart}`, r]));
    const problems: string[] = [];
    const counts = { green: 0, amber: 0, red: 0 };
    for (const u of f.units) {
      const thresholds = effectiveThresholds(u.id, parentOf, f.thresholds);
      const history: boolean[] = [];
      for (const week of weeks) {
        const sums = rollUpSums(unitWeekSums(input, week), parentOf).get(u.id)!;
        const flags = overFlags(loadRatios(sums), turnover12m(u.id, week), thresholds);
        history.push(anyOver(flags));
        const expected = weekStatus(history);
        const g = got.get(`${u.id}|${week}`);
        counts[expected.status]++;
        if (!g || g.status !== expected.status || g.weeksOverOfLast6 !== expected.weeksOverOfLast6
          || g.overCasesPerFte !== flags.casesPerFte || g.overWeightedLoad !== flags.weightedLoad
          || g.overEmotionalShare !== flags.emotionalShare || g.overTurnover !== flags.turnover) {
          problems.push(`${u.code} ${week}: sql ${JSON.stringify(g)} pure ${JSON.stringify({ ...expected, ...flags })}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // All three statuses occur, or the comparison proves little.
    expect(Math.min(counts.green, counts.amber, counts.red)).toBeGreaterThan(0);
  });

  it("stores exactly the pure wellbeing figures after roll-up and suppression", async () => {
    const rows = await db.select().from(s.wellbeingUnitRound);
    const got = new Map(rows.map((r) => [`${r.unitId}|${r.round}|${r.dimension}`, r]));
    const groups = new Map<string, Fixture["surveys"]>();
    for (const x of f.surveys) groups.set(`${x.round}|${x.dimension}`, [...(groups.get(`${x.round}|${x.dimension}`) ?? []), x]);
    let expectedCount = 0;
    const reasons = new Set<string | null>();
    const problems: string[] = [];
    for (const [key, scores] of groups) {
      for (const e of wellbeingFigures(f.units, scores, 5).values()) {
        expectedCount++;
        reasons.add(e.hiddenReason);
        const g = got.get(`${e.unitId}|${key}`);
        const same = g && g.respondents === e.respondents && g.own === e.own && g.hiddenReason === e.hiddenReason
          && (e.score === null ? g.score === null : Math.abs(Number(g.score) - e.score) < 1e-9);
        if (!same) problems.push(`${e.unitId}|${key}: sql ${JSON.stringify(g)} pure ${JSON.stringify(e)}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(rows.length).toBe(expectedCount);
    expect(reasons).toEqual(new Set([null, "too_few", "complementary"]));
  });

  it("raises the risk signals the pure radar raises for every team", async () => {
    const asOf = lastCompleteWeek(TODAY);
    const rows = await db.select().from(s.riskSignals);
    expect(new Set(rows.map((r) => r.asOfWeek))).toEqual(new Set([asOf]));
    const got = rows.map((r) => `${r.unitId}:${r.signal}:${r.severity}`).sort();
    const status = await db.select().from(s.unitWeekStatus);
    const months = await db.select().from(s.hrUnitMonth);
    const wb = await db.select().from(s.wellbeingUnitRound);
    const dims = await db.select().from(s.wellbeingDimensions);
    const expected: string[] = [];
    for (const team of f.teams) {
      const last6 = weeks.filter((w) => w >= addDays(asOf, -35) && w <= asOf).map((week) => {
        const sums = rollUpSums(unitWeekSums(input, week), parentOf).get(team)!;
        const r = loadRatios(sums);
        const st = status.find((x) => x.unitId === team && x.weekStart === week)!;
        return { weekStart: week, casesPerFte: r.casesPerFte, emotionalSharePct: r.emotionalSharePct, mismatchedCases: sums.mismatchedCases, overCasesPerFte: st.overCasesPerFte, overEmotionalShare: st.overEmotionalShare };
      });
      const m = turnoverMonthOfWeek(asOf);
      const inWindow = months.filter((x) => x.unitId === team && x.month >= addMonths(m, -11) && x.month <= m);
      const score = (unitId: number, dim: string) => wb.find((x) => x.unitId === unitId && x.round === "2024-foraar" && x.dimension === dim)?.score ?? null;
      const signals = riskSignals({
        weeks: last6, surveyRound: "2024-foraar",
        survey: dims.filter((d) => ["kvantitative_krav", "arbejdstempo", "foelelsesmaessige_krav", "rolleklarhed", "rollekonflikter"].includes(d.key))
          .map((d) => ({ dimension: d.key, higherIsBetter: d.higherIsBetter, team: score(team, d.key), organisation: score(1, d.key) })),
        turnover12mPct: turnoverPct(inWindow.reduce((a, x) => a + x.departures, 0), inWindow.reduce((a, x) => a + x.headcountDays, 0), diffDays(addMonths(m, -11), monthEnd(m)) + 1),
        turnoverThresholdPct: effectiveThresholds(team, parentOf, f.thresholds).turnover12mPct,
        managerDepartures12m: inWindow.reduce((a, x) => a + x.managerDepartures, 0),
      });
      for (const sig of signals) expected.push(`${team}:${sig.signal}:${sig.severity}`);
    }
    expect(got).toEqual(expected.sort());
    expect(got.length).toBeGreaterThan(0);
  });
});

describe("recomputation is idempotent and range-exact", () => {
  it("writes identical tables when run again, and when only a range of weeks is recomputed", async () => {
    const before = await snapshot();
    await aggregate();
    expect(await snapshot()).toEqual(before);
    await aggregate({ from: "2024-03-01", to: "2024-04-15" });
    expect(await snapshot()).toEqual(before);
  });

  it("moves a figure when a fact changes and a range recompute covers it", async () => {
    const week = "2024-04-08";
    const team = f.teams[2];
    const [before] = await db.select().from(s.loadUnitWeek).where(sql`unit_id = ${team} and week_start = ${week}`);
    // A new open case in the team from that week's Wednesday: +1 open from this week on.
    await db.insert(s.casePeriods).values({ caseId: "NEW-1", periodStart: "2024-04-10", periodEnd: null, unitId: team, caseworkerId: null, caseType: "koersel", complexity: 1, emotionalFlags: [] });
    await aggregate({ from: "2024-04-10" });
    const [after] = await db.select().from(s.loadUnitWeek).where(sql`unit_id = ${team} and week_start = ${week}`);
    expect(after.openCases).toBe(before.openCases + 1);
    expect(after.unassignedCases).toBe(before.unassignedCases + 1);
    expect(after.newCases).toBe(before.newCases + 1);
  });
});
