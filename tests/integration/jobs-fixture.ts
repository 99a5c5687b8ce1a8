// Generated organisation, staff, cases and surveys for the aggregation tests: a few thousand rows
// with transfers, double employments, managers stepping down, reassignments, periods that cut
// weeks and months, competences that start mid-case and survey groups around the minimum.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { ROLLUP_TABLES } from "../../jobs/recompute/pipeline";
import * as s from "../../db/schema";
import { addDays } from "../../domain/calendar";
import type { CasePeriodFact, CompetenceFact, EmploymentFact } from "../../domain/caseload";

/** Small deterministic PRNG (mulberry32) so a failure reproduces. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

export interface Fixture {
  units: { id: number; parentId: number | null; code: string; kind: string }[];
  teams: number[];
  employments: (EmploymentFact & { isManager: boolean; endReason: string | null })[];
  competences: CompetenceFact[];
  periods: CasePeriodFact[];
  extraRoles: Map<number, string[] | null>;
  thresholds: Map<number, { casesPerFte?: number | null; emotionalSharePct?: number | null }>;
  surveys: { round: string; closedOn: string; unitId: number; dimension: string; score: number; respondents: number; invited: number | null }[];
}

const CASE_TYPES = ["underretning", "boernefaglig_undersoegelse", "forebyggende_indsats", "anbringelse", "eftervaern", "tabt_arbejdsfortjeneste", "merudgifter", "koersel", "aflastning"];
const FLAGS = ["vold_trusler", "overgreb", "anbringelse_uden_samtykke", "selvmordsrisiko", "hoejkonflikt", "alvorlig_haendelse"];
const ROLES = ["caseworker", "caseworker", "caseworker", "specialist", "psychologist", "administrative"];
const DIMENSIONS = ["trivsel", "kvantitative_krav", "arbejdstempo", "foelelsesmaessige_krav", "rolleklarhed", "rollekonflikter"];

export const FIXTURE_START = "2023-01-02";
export const FIXTURE_END = "2024-06-30";

export function generateFixture(seed = 7, scale = { teamsPerDept: 3, employees: 45, cases: 500 }): Fixture {
  const r = prng(seed);
  const units: Fixture["units"] = [{ id: 1, parentId: null, code: "ORG", kind: "organisation" }];
  let nextId = 2;
  const teams: number[] = [];
  for (let d = 0; d < 2; d++) {
    const dept = nextId++;
    units.push({ id: dept, parentId: 1, code: `D${d}`, kind: "department" });
    for (let t = 0; t < scale.teamsPerDept; t++) {
      const team = nextId++;
      units.push({ id: team, parentId: dept, code: `D${d}-T${t}`, kind: "team" });
      teams.push(team);
    }
  }
  const dayIn = (from: string, span: number) => addDays(from, r.int(0, span));

  // Employees: one to three consecutive employments (transfers), sometimes a second parallel one,
  // managers who step down (a manager employment followed by a caseworker one in the same team).
  const employments: Fixture["employments"] = [];
  for (let e = 0; e < scale.employees; e++) {
    const id = `E${e}`;
    let start = dayIn("2022-06-01", 500);
    const stints = r.int(1, 3);
    for (let k = 0; k < stints; k++) {
      const unitId = r.chance(0.1) ? r.pick([2, 3 + scale.teamsPerDept]) : r.pick(teams);
      const role = r.pick(ROLES);
      const last = k === stints - 1;
      const end = last && r.chance(0.4) ? null : dayIn(start, 250);
      const isManager = r.chance(0.12);
      employments.push({
        employeeId: id, unitId, role: isManager ? "manager" : role, isManager, fte: r.pick([1, 1, 0.8, 0.5, 0.37]),
        startDate: start, endDate: end, endReason: end === null ? null : r.pick(["resignation", "internal_transfer", "retirement", "fixed_term_end"]),
      });
      if (r.chance(0.15)) {
        // A parallel part-time employment in another team over part of the same time.
        const other = r.pick(teams.filter((t) => t !== unitId));
        const pStart = dayIn(start, 40);
        employments.push({ employeeId: id, unitId: other, role: "caseworker", isManager: false, fte: 0.3, startDate: pStart, endDate: addDays(pStart, r.int(10, 120)), endReason: "other" });
      }
      if (end === null) break;
      start = addDays(end, r.chance(0.7) ? 1 : r.int(2, 60));
    }
  }
  // The database refuses overlapping periods of one person in one unit: keep the first of any pair.
  const kept: Fixture["employments"] = [];
  for (const e of employments) {
    const clash = kept.some((k) => k.employeeId === e.employeeId && k.unitId === e.unitId
      && k.startDate <= (e.endDate ?? "9999-12-31") && e.startDate <= (k.endDate ?? "9999-12-31"));
    if (!clash) kept.push(e);
  }
  employments.length = 0;
  employments.push(...kept);
  const employeeIds = [...new Set(employments.map((e) => e.employeeId))];

  const competences: CompetenceFact[] = [];
  for (const id of employeeIds) {
    if (r.chance(0.3)) competences.push({ employeeId: id, caseType: "tabt_arbejdsfortjeneste", validFrom: r.chance(0.4) ? null : dayIn("2023-01-01", 500) });
    if (r.chance(0.3)) competences.push({ employeeId: id, caseType: "merudgifter", validFrom: r.chance(0.5) ? null : dayIn("2023-01-01", 500) });
  }

  // Cases: 1–4 consecutive periods; a new period on reassignment, transfer, re-typing or flags.
  const periods: CasePeriodFact[] = [];
  for (let c = 0; c < scale.cases; c++) {
    let start = dayIn("2022-10-01", 620);
    const n = r.int(1, 4);
    let unitId = r.pick(teams);
    for (let k = 0; k < n; k++) {
      const last = k === n - 1;
      const end = last && r.chance(0.45) ? null : dayIn(start, 160);
      if (k > 0 && r.chance(0.3)) unitId = r.pick(teams);
      periods.push({
        caseId: `C${c}`, periodStart: start, periodEnd: end, unitId,
        caseworkerId: r.chance(0.12) ? null : r.pick(employeeIds),
        caseType: r.pick(CASE_TYPES), complexity: r.int(1, 3),
        emotionalFlags: r.chance(0.35) ? [...new Set([r.pick(FLAGS), r.pick(FLAGS)])] : [],
      });
      if (end === null) break;
      start = addDays(end, 1);
    }
  }

  const extraRoles = new Map<number, string[] | null>([[2, ["psychologist"]], [teams[1], []]]);
  const thresholds = new Map<number, { casesPerFte?: number | null; emotionalSharePct?: number | null }>([
    [1, { casesPerFte: 6 }], [2, { emotionalSharePct: 30 }], [teams[0], { casesPerFte: 4 }],
  ]);

  const surveys: Fixture["surveys"] = [];
  for (const [round, closedOn] of [["2023-efteraar", "2023-11-15"], ["2024-foraar", "2024-05-15"]] as const) {
    for (const unitId of teams) {
      for (const dimension of DIMENSIONS) {
        const respondents = r.int(2, 14);
        surveys.push({ round, closedOn, unitId, dimension, score: r.int(300, 900) / 10, respondents, invited: respondents + r.int(0, 4) });
      }
    }
    // One department with its own imported score beside its teams' ones.
    surveys.push({ round, closedOn, unitId: 2, dimension: "trivsel", score: 61.5, respondents: 30, invited: 35 });
  }
  return { units, teams, employments, competences, periods, extraRoles, thresholds, surveys };
}

function closure(units: Fixture["units"]) {
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const rows: { ancestorId: number; descendantId: number; depth: number }[] = [];
  for (const u of units) {
    let depth = 0;
    for (let a: number | null | undefined = u.id; a !== null && a !== undefined; a = parent.get(a)) rows.push({ ancestorId: a, descendantId: u.id, depth: depth++ });
  }
  return rows;
}

export async function insertFixture(db: Database, f: Fixture): Promise<void> {
  for (const u of f.units) {
    await db.insert(s.units).values({ id: u.id, code: u.code, name: `Enhed ${u.code}`, parentId: u.parentId, kind: u.kind as "team" });
  }
  await db.execute(sql`select setval('units_id_seq', (select max(id) from units))`);
  await db.insert(s.unitClosure).values(closure(f.units));
  const settingUnits = new Set([...f.extraRoles.keys(), ...f.thresholds.keys()]);
  for (const unitId of settingUnits) {
    const t = f.thresholds.get(unitId) ?? {};
    await db.insert(s.unitSettings).values({
      unitId, casesPerFteThreshold: t.casesPerFte ?? null, emotionalSharePctThreshold: t.emotionalSharePct ?? null,
      caseHoldingRoles: f.extraRoles.get(unitId) ?? null,
    });
  }
  const employeeIds = [...new Set(f.employments.map((e) => e.employeeId))];
  await db.insert(s.employees).values(employeeIds.map((id) => ({ id, displayName: `Medarbejder ${id}` })));
  await db.insert(s.employments).values(f.employments.map((e) => ({
    employeeId: e.employeeId, unitId: e.unitId, role: e.role as "caseworker", isManager: e.isManager, fte: e.fte,
    startDate: e.startDate, endDate: e.endDate, endReason: e.endReason as "resignation" | null,
  })));
  if (f.competences.length > 0) await db.insert(s.competences).values(f.competences);
  for (let i = 0; i < f.periods.length; i += 500) {
    await db.insert(s.casePeriods).values(f.periods.slice(i, i + 500));
  }
  const rounds = new Map(f.surveys.map((x) => [x.round, x.closedOn]));
  for (const [key, closedOn] of rounds) await db.insert(s.surveyRounds).values({ key, closedOn });
  await db.insert(s.surveyResults).values(f.surveys.map(({ closedOn: _closed, ...x }) => x));
}

/** Every row of every rollup table, per table in a stable order: two recomputations compare equal exactly when they wrote the same rows. */
export async function rollupRows(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of ROLLUP_TABLES) out[t] = await queryRows(db, sql.raw(`select * from ${t} x order by x::text`));
  return out;
}
