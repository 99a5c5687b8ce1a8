// Case histories as the case system would export them: one period per state of a case. A case
// arrives in a team, gets a holder (tovholder) among the team's caseworkers on that day, and gets a
// new period whenever the holder leaves (sometimes after weeks unassigned), the case is escalated,
// moved to a sibling team or handed over. Arrivals follow each team's demand, so a team that loses
// staff carries more cases per FTE; Døgnafdelingen's cases are heavier and more emotionally demanding.
import { addDays, diffDays } from "../../domain/calendar";
import type { Random } from "./random";
import { AT_CLUSTER_CODE, TEAM_SLOTS, demandPerFte, isCaseHolding, type DemoUnit, type TeamProfile } from "./organisation";
import type { DemoEmployment } from "./workforce";
import { HISTORY_START } from "./workforce";
import type { DemoCompetence } from "./competences";

export interface DemoCasePeriod {
  caseId: string;
  start: string;
  end: string | null;
  unitCode: string;
  caseworkerId: string | null;
  caseType: string;
  complexity: number;
  flags: string[];
}

interface CaseTypePlan {
  complexity: number;
  specialised: boolean;
  /** Duration range in weeks. */
  weeks: [number, number];
  /** Chance the case carries an emotional-demand flag. */
  flagged: number;
}

/** Defaults match the catalogue in migration 0002_catalogues. */
const CASE_TYPES: Record<string, CaseTypePlan> = {
  underretning: { complexity: 1, specialised: false, weeks: [2, 12], flagged: 0.3 },
  boernefaglig_undersoegelse: { complexity: 2, specialised: false, weeks: [10, 26], flagged: 0.4 },
  forebyggende_indsats: { complexity: 1, specialised: false, weeks: [52, 210], flagged: 0.18 },
  anbringelse: { complexity: 3, specialised: false, weeks: [60, 220], flagged: 0.6 },
  eftervaern: { complexity: 2, specialised: false, weeks: [52, 180], flagged: 0.25 },
  tabt_arbejdsfortjeneste: { complexity: 2, specialised: true, weeks: [52, 180], flagged: 0.05 },
  merudgifter: { complexity: 1, specialised: true, weeks: [80, 300], flagged: 0.03 },
  koersel: { complexity: 1, specialised: false, weeks: [40, 150], flagged: 0.02 },
  aflastning: { complexity: 1, specialised: false, weeks: [60, 220], flagged: 0.1 },
};

type Mix = Partial<Record<keyof typeof CASE_TYPES, number>>;

function caseMix(team: DemoUnit, day: string): Mix {
  const profile = team.profile as TeamProfile;
  switch (profile) {
    case "doegn":
      return { underretning: 5, boernefaglig_undersoegelse: 22, anbringelse: 58, forebyggende_indsats: 15 };
    case "ydelse":
      return { tabt_arbejdsfortjeneste: 40, merudgifter: 28, koersel: 22, aflastning: 10 };
    case "unge":
      return { underretning: 6, boernefaglig_undersoegelse: 8, forebyggende_indsats: 30, eftervaern: 34, anbringelse: 12 };
    case "special":
      return { aflastning: 45, merudgifter: 20, forebyggende_indsats: 35 };
    default: {
      // After the roll-out the district teams also took specialised benefit cases (the seed notes
      // this was partly rolled back later); the AT cluster took the most.
      const rolledOut = team.rolloutDate !== null && day >= team.rolloutDate;
      const specialised = rolledOut ? (team.parentCode === AT_CLUSTER_CODE ? 16 : 9) : 4;
      return {
        underretning: 6, boernefaglig_undersoegelse: 8, forebyggende_indsats: 36, anbringelse: 5,
        tabt_arbejdsfortjeneste: specialised, merudgifter: specialised / 2, koersel: 8, aflastning: 10,
      };
    }
  }
}

function expectedWeeks(mix: Mix): number {
  let total = 0;
  let weighted = 0;
  for (const [type, w] of Object.entries(mix)) {
    const [lo, hi] = CASE_TYPES[type]!.weeks;
    total += w!;
    weighted += w! * (lo + hi) / 2;
  }
  return weighted / total;
}

function mismatchRate(team: DemoUnit, day: string): number {
  // The benefits department hands specialised cases only to competent staff when it can.
  if (team.profile === "ydelse") return 0;
  if (team.parentCode === AT_CLUSTER_CODE) return day >= "2025-09-01" ? 0.2 : 0.5;
  return 0.01;
}

function emotionalFactor(team: DemoUnit): number {
  if (team.profile === "doegn") return 1.15;
  if (team.parentCode === AT_CLUSTER_CODE) return 1.2;
  return 1;
}

function pickFlags(caseType: string, random: Random): string[] {
  const first = caseType === "anbringelse"
    ? random.weighted({ anbringelse_uden_samtykke: 3, vold_trusler: 2, overgreb: 2, selvmordsrisiko: 1, hoejkonflikt: 1 })
    : random.weighted({ hoejkonflikt: 3, vold_trusler: 2, overgreb: 1.5, selvmordsrisiko: 1, alvorlig_haendelse: 0.5 });
  if (!random.chance(0.3)) return [first];
  const second = random.weighted({ vold_trusler: 1, hoejkonflikt: 1, selvmordsrisiko: 1, overgreb: 1 });
  return second === first ? [first] : [first, second].sort();
}

interface Holder {
  employeeId: string;
  until: string | null;
}

class Staffing {
  private readonly byTeam = new Map<string, DemoEmployment[]>();
  private readonly competence = new Map<string, DemoCompetence[]>();

  constructor(employments: DemoEmployment[], competences: DemoCompetence[]) {
    for (const e of employments) {
      if (!isCaseHolding(e.role)) continue;
      const list = this.byTeam.get(e.unitCode) ?? [];
      list.push(e);
      this.byTeam.set(e.unitCode, list);
    }
    for (const c of competences) {
      const list = this.competence.get(c.employeeId) ?? [];
      list.push(c);
      this.competence.set(c.employeeId, list);
    }
  }

  private competent(employeeId: string, caseType: string, day: string): boolean {
    return (this.competence.get(employeeId) ?? []).some((c) => c.caseType === caseType && (c.validFrom === null || c.validFrom <= day));
  }

  /** A holder among the team's case-holding staff on that day, or null when nobody is there. */
  pick(team: DemoUnit, day: string, caseType: string, random: Random, exclude?: string): Holder | null {
    const present = (this.byTeam.get(team.code) ?? []).filter(
      (e) => e.start <= day && (e.end === null || e.end >= day) && e.employeeId !== exclude,
    );
    if (present.length === 0) return null;
    let pool = present;
    if (CASE_TYPES[caseType]!.specialised && !random.chance(mismatchRate(team, day))) {
      const competent = present.filter((e) => this.competent(e.employeeId, caseType, day));
      if (competent.length > 0) pool = competent;
    }
    const chosen = random.pick(pool);
    return { employeeId: chosen.employeeId, until: chosen.end };
  }
}

interface Change {
  day: string;
  kind: "escalate" | "transfer" | "handover";
}

const WARM_UP_START = "2016-01-04";

export function nominalCaseFte(team: DemoUnit): number {
  return TEAM_SLOTS[team.profile!].filter((s) => isCaseHolding(s.role)).reduce((sum, s) => sum + s.fte, 0);
}

export function generateCases(
  units: DemoUnit[], employments: DemoEmployment[], competences: DemoCompetence[], today: string, random: Random,
): DemoCasePeriod[] {
  const teams = units.filter((u) => u.kind === "team");
  const staffing = new Staffing(employments, competences);
  const periods: DemoCasePeriod[] = [];
  let sequence = 0;

  const gapDays = (day: string) => (day >= "2024-01-01" && day < "2025-09-01" ? random.int(10, 49) : random.int(5, 28));
  const gapChance = (day: string) => (day >= "2024-01-01" && day < "2025-09-01" ? 0.45 : 0.25);

  for (const team of teams) {
    const fte = nominalCaseFte(team);
    const siblings = teams.filter((t) => t.parentCode === team.parentCode && t.code !== team.code);
    for (let week = WARM_UP_START; week <= today; week = addDays(week, 7)) {
      const mix = caseMix(team, week);
      const arrivals = random.poisson((demandPerFte(team, week) * fte) / expectedWeeks(mix));
      for (let n = 0; n < arrivals; n++) {
        const start = addDays(week, random.int(0, 6));
        if (start >= today) continue;
        const caseType = random.weighted(mix);
        const plan = CASE_TYPES[caseType]!;
        const lastDay = addDays(start, random.int(plan.weeks[0] * 7, plan.weeks[1] * 7) - 1);
        if (lastDay < HISTORY_START) continue;
        // A case whose planned end lies after today is still open.
        const end = lastDay < today ? lastDay : null;
        const caseId = `SAG-${String(++sequence).padStart(6, "0")}`;
        const span = diffDays(start, end ?? today);

        const changes: Change[] = [];
        const at = () => addDays(start, random.int(1, Math.max(1, span - 1)));
        if (span > 20 && random.chance(team.profile === "doegn" ? 0.2 : 0.1)) changes.push({ day: at(), kind: "escalate" });
        if (span > 40 && siblings.length > 0 && random.chance(0.05)) changes.push({ day: at(), kind: "transfer" });
        if (span > 60 && random.chance(0.06)) changes.push({ day: at(), kind: "handover" });
        changes.sort((a, b) => a.day.localeCompare(b.day));

        let state = {
          team,
          complexity: Math.min(3, plan.complexity + (random.chance(team.profile === "doegn" ? 0.3 : 0.15) ? 1 : 0)),
          flags: random.chance(Math.min(0.95, plan.flagged * emotionalFactor(team))) ? pickFlags(caseType, random) : [],
        };
        let holder: Holder | null = null;
        let waitUntil: string | null = random.chance(0.12) ? addDays(start, gapDays(start)) : null;
        if (!waitUntil) holder = staffing.pick(team, start, caseType, random);
        if (!holder && !waitUntil) waitUntil = addDays(start, random.int(7, 28));

        let day = start;
        for (;;) {
          let segmentEnd: string | null = end;
          const cap = (d: string | null) => {
            if (d !== null && d < today && (segmentEnd === null || d < segmentEnd)) segmentEnd = d;
          };
          const next = changes.find((c) => c.day > day);
          cap(next ? addDays(next.day, -1) : null);
          if (holder) cap(holder.until);
          else if (waitUntil) cap(addDays(waitUntil, -1));
          const previous = periods[periods.length - 1];
          if (
            previous && previous.caseId === caseId && previous.unitCode === state.team.code
            && previous.caseworkerId === (holder?.employeeId ?? null) && previous.complexity === state.complexity
            && previous.flags.join("|") === state.flags.join("|")
          ) {
            previous.end = segmentEnd;
          } else {
            periods.push({
              caseId, start: day, end: segmentEnd, unitCode: state.team.code, caseworkerId: holder?.employeeId ?? null,
              caseType, complexity: state.complexity, flags: state.flags,
            });
          }
          if (segmentEnd === null || segmentEnd === end) break;
          day = addDays(segmentEnd, 1);

          let reassign = false;
          for (const change of changes.filter((c) => c.day === day)) {
            if (change.kind === "escalate") {
              state = {
                ...state,
                complexity: Math.min(3, state.complexity + 1),
                flags: state.flags.length === 0 && random.chance(0.5) ? pickFlags(caseType, random) : state.flags,
              };
            } else if (change.kind === "transfer") {
              state = { ...state, team: random.pick(siblings) };
              reassign = true;
            } else {
              reassign = true;
            }
          }
          if (holder && holder.until !== null && holder.until < day) {
            // The holder left: the case waits unassigned for a while, or is handed over at once.
            holder = null;
            waitUntil = random.chance(gapChance(day)) ? addDays(day, gapDays(day)) : null;
          }
          if (reassign) {
            const previousHolder = holder?.employeeId;
            holder = staffing.pick(state.team, day, caseType, random, previousHolder) ?? holder;
            if (state.team.code !== team.code && holder?.employeeId === previousHolder) holder = null;
            waitUntil = holder ? null : addDays(day, random.int(7, 28));
          } else if (!holder && (!waitUntil || waitUntil <= day)) {
            holder = staffing.pick(state.team, day, caseType, random);
            waitUntil = holder ? null : addDays(day, random.int(7, 28));
          }
        }
      }
    }
  }
  // The case system's export window: older periods are dropped, a period running across its first
  // day starts there.
  return periods
    .filter((p) => p.end === null || p.end >= HISTORY_START)
    .map((p) => (p.start < HISTORY_START ? { ...p, start: HISTORY_START } : p));
}
