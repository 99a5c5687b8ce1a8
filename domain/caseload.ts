// Caseload per unit and ISO week, exactly as METRICS.md "Caseload" defines it. Pure: the SQL in
// jobs/recompute/stages/load/ computes the same figures at scale and is checked against these functions.
import { addDays, weekSnapshot, weekStart, type IsoDate } from "./calendar";

export interface CasePeriodFact {
  caseId: string;
  periodStart: IsoDate;
  periodEnd: IsoDate | null;
  unitId: number;
  caseworkerId: string | null;
  caseType: string;
  complexity: 1 | 2 | 3 | number;
  emotionalFlags: string[];
}

export interface EmploymentFact {
  employeeId: string;
  unitId: number;
  role: string;
  fte: number;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

export interface CompetenceFact {
  employeeId: string;
  caseType: string;
  /** Null = valid since always. */
  validFrom: IsoDate | null;
}

export interface ComplexityWeights {
  1: number;
  2: number;
  3: number;
}

export const DEFAULT_WEIGHTS: ComplexityWeights = { 1: 1, 2: 1.5, 3: 2 };
export const DEFAULT_CASE_HOLDING = ["caseworker", "specialist"];

export interface LoadInput {
  periods: CasePeriodFact[];
  employments: EmploymentFact[];
  competences: CompetenceFact[];
  /** Keys of the specialised case types. */
  specialisedTypes: Set<string>;
  weights: ComplexityWeights;
  /** Extra case-holding roles per unit (already resolved through inheritance). */
  extraRoles: (unitId: number) => string[];
}

/** The sums a unit's weekly figures are made of; they add up over a subtree. */
export interface LoadSums {
  openCases: number;
  unassignedCases: number;
  caseworkerFte: number;
  weightedSum: number;
  flaggedCases: number;
  mismatchedCases: number;
  newCases: number;
  closedCases: number;
}

export interface CaseworkerLoad {
  unitId: number;
  employeeId: string;
  openCases: number;
  weightedSum: number;
  flaggedCases: number;
  specialisedCases: number;
  mismatchedCases: number;
}

export function emptySums(): LoadSums {
  return {
    openCases: 0, unassignedCases: 0, caseworkerFte: 0, weightedSum: 0,
    flaggedCases: 0, mismatchedCases: 0, newCases: 0, closedCases: 0,
  };
}

export function covers(start: IsoDate, end: IsoDate | null, day: IsoDate): boolean {
  return start <= day && (end === null || end >= day);
}

export function weightOf(weights: ComplexityWeights, complexity: number): number {
  return weights[complexity as 1 | 2 | 3];
}

/** A competence counts when it is valid on the day: valid_from empty or on/before the day. */
export function holdsCompetence(competences: CompetenceFact[], employeeId: string, caseType: string, day: IsoDate): boolean {
  return competences.some((c) => c.employeeId === employeeId && c.caseType === caseType && (c.validFrom === null || c.validFrom <= day));
}

/** Unassigned cases are never mismatched: they count against the team as unassigned instead. */
export function isMismatched(input: Pick<LoadInput, "competences" | "specialisedTypes">, period: CasePeriodFact, day: IsoDate): boolean {
  if (period.caseworkerId === null || !input.specialisedTypes.has(period.caseType)) return false;
  return !holdsCompetence(input.competences, period.caseworkerId, period.caseType, day);
}

/** First and last period of every case: what new and closed cases are counted from. */
function caseEnds(periods: CasePeriodFact[]): Map<string, { first: CasePeriodFact; last: CasePeriodFact }> {
  const ends = new Map<string, { first: CasePeriodFact; last: CasePeriodFact }>();
  for (const p of periods) {
    const e = ends.get(p.caseId);
    if (!e) ends.set(p.caseId, { first: p, last: p });
    else {
      if (p.periodStart < e.first.periodStart) e.first = p;
      if (p.periodStart > e.last.periodStart) e.last = p;
    }
  }
  return ends;
}

/**
 * Figures of every unit's OWN facts (not its subtree) for the ISO week starting weekMonday.
 * Units without any fact that week are absent.
 */
export function unitWeekSums(input: LoadInput, weekMonday: IsoDate): Map<number, LoadSums> {
  const monday = weekStart(weekMonday);
  const sunday = weekSnapshot(monday);
  const out = new Map<number, LoadSums>();
  const at = (unitId: number) => {
    let s = out.get(unitId);
    if (!s) out.set(unitId, (s = emptySums()));
    return s;
  };
  for (const p of input.periods) {
    if (!covers(p.periodStart, p.periodEnd, sunday)) continue;
    const s = at(p.unitId);
    s.openCases += 1;
    if (p.caseworkerId === null) s.unassignedCases += 1;
    s.weightedSum += weightOf(input.weights, p.complexity);
    if (p.emotionalFlags.length > 0) s.flaggedCases += 1;
    if (isMismatched(input, p, sunday)) s.mismatchedCases += 1;
  }
  for (const { first, last } of caseEnds(input.periods).values()) {
    if (first.periodStart >= monday && first.periodStart <= sunday) at(first.unitId).newCases += 1;
    if (last.periodEnd !== null && last.periodEnd >= monday && last.periodEnd <= sunday) at(last.unitId).closedCases += 1;
  }
  for (const e of input.employments) {
    if (!covers(e.startDate, e.endDate, sunday)) continue;
    const holding = DEFAULT_CASE_HOLDING.includes(e.role) || input.extraRoles(e.unitId).includes(e.role);
    if (holding) at(e.unitId).caseworkerFte += e.fte;
  }
  return out;
}

/** Per case holder on the snapshot day, in the unit whose cases they hold. */
export function caseworkerWeek(input: LoadInput, weekMonday: IsoDate): CaseworkerLoad[] {
  const sunday = weekSnapshot(weekStart(weekMonday));
  const byKey = new Map<string, CaseworkerLoad>();
  for (const p of input.periods) {
    if (p.caseworkerId === null || !covers(p.periodStart, p.periodEnd, sunday)) continue;
    const key = `${p.unitId}|${p.caseworkerId}`;
    let row = byKey.get(key);
    if (!row) {
      row = { unitId: p.unitId, employeeId: p.caseworkerId, openCases: 0, weightedSum: 0, flaggedCases: 0, specialisedCases: 0, mismatchedCases: 0 };
      byKey.set(key, row);
    }
    row.openCases += 1;
    row.weightedSum += weightOf(input.weights, p.complexity);
    if (p.emotionalFlags.length > 0) row.flaggedCases += 1;
    if (input.specialisedTypes.has(p.caseType)) row.specialisedCases += 1;
    if (isMismatched(input, p, sunday)) row.mismatchedCases += 1;
  }
  return [...byKey.values()];
}

export function addSums(a: LoadSums, b: LoadSums): LoadSums {
  return {
    openCases: a.openCases + b.openCases,
    unassignedCases: a.unassignedCases + b.unassignedCases,
    caseworkerFte: a.caseworkerFte + b.caseworkerFte,
    weightedSum: a.weightedSum + b.weightedSum,
    flaggedCases: a.flaggedCases + b.flaggedCases,
    mismatchedCases: a.mismatchedCases + b.mismatchedCases,
    newCases: a.newCases + b.newCases,
    closedCases: a.closedCases + b.closedCases,
  };
}

/**
 * Subtree sums: every unit gets its own sums plus those of everything below it. Ratios are then
 * recomputed from these sums (loadRatios), never averaged from the children's ratios.
 */
export function rollUpSums(own: Map<number, LoadSums>, parentOf: Map<number, number | null>): Map<number, LoadSums> {
  const out = new Map<number, LoadSums>();
  for (const unitId of parentOf.keys()) out.set(unitId, emptySums());
  for (const [unitId, sums] of own) {
    for (let u: number | null | undefined = unitId; u !== null && u !== undefined; u = parentOf.get(u)) {
      out.set(u, addSums(out.get(u) ?? emptySums(), sums));
    }
  }
  return out;
}

export interface LoadRatios {
  /** Null when the caseworker FTE is 0 (METRICS.md: empty). */
  casesPerFte: number | null;
  weightedLoadPerFte: number | null;
  /** Null when there are no open cases. */
  emotionalSharePct: number | null;
}

/** The ratios need only these four sums; callers pass whatever rows they hold. */
export type RatioSums = Pick<LoadSums, "openCases" | "caseworkerFte" | "weightedSum" | "flaggedCases">;

/**
 * FTE and weighted sums have at most 4 decimals (stored as numeric): as integers in 1/10,000 each
 * ratio is one division of exact integers, so the result is the double nearest the true value and
 * half-away-from-zero rounding sees a true half as a half. (7 / 2.24 computes 3.1249999999999996
 * and (23 / 80) * 100 computes 28.749999999999996: shown as 3.12 and 28.7 instead of 3.13 and 28.8.)
 */
const inTenThousandths = (x: number) => Math.round(x * 10_000);

export function loadRatios(s: RatioSums): LoadRatios {
  const fte = inTenThousandths(s.caseworkerFte);
  return {
    casesPerFte: fte > 0 ? (s.openCases * 10_000) / fte : null,
    weightedLoadPerFte: fte > 0 ? inTenThousandths(s.weightedSum) / fte : null,
    emotionalSharePct: s.openCases > 0 ? (s.flaggedCases * 100) / s.openCases : null,
  };
}


/**
 * Per-caseworker rows are kept for the most recent weeks only: at national scale every holder ×
 * week over 5 years would be ~20M rows that no page shows (the team page looks back 26 weeks).
 */
export const CASEWORKER_WEEKS_KEPT = 26;

/** The first week whose per-caseworker figures are kept, for `today`. */
export function caseworkerWindowStart(today: string): string {
  return addDays(weekStart(today), -7 * (CASEWORKER_WEEKS_KEPT - 1));
}
