// Wellbeing survey results as the vendor delivers them: per team, round and dimension, with the
// number invited (the team's headcount on the closing day) and respondents. Autumn 2024 shows the
// marked fall in wellbeing and social capital; Døgnafdelingen reports high emotional demands and
// workload, the AT cluster poor role clarity and role conflicts after its roll-out.
import type { Random } from "./random";
import { AT_CLUSTER_CODE, type DemoUnit } from "./organisation";
import type { DemoEmployment } from "./workforce";

export interface DemoSurveyResult {
  round: string;
  closedOn: string;
  unitCode: string;
  dimension: string;
  score: number;
  respondents: number;
  invited: number;
}

export const SURVEY_ROUNDS = [
  { key: "2023-foraar", closedOn: "2023-04-28" },
  { key: "2023-efteraar", closedOn: "2023-11-17" },
  { key: "2024-foraar", closedOn: "2024-04-26" },
  { key: "2024-efteraar", closedOn: "2024-11-15" },
] as const;

/** Organisation-wide level of each dimension before the fall (COPSOQ-like 0–100). */
const BASELINE: Record<string, number> = {
  trivsel: 72, social_kapital: 70, tillid_ledelse: 72, retfaerdighed: 66, foelelsesmaessige_krav: 55,
  kvantitative_krav: 50, arbejdstempo: 58, rolleklarhed: 75, rollekonflikter: 42, udbraendthed: 35,
  indflydelse: 65, anerkendelse: 68,
};

const ROUND_EFFECT: Record<string, Partial<Record<string, number>>> = {
  "2024-foraar": { trivsel: -2, social_kapital: -2, kvantitative_krav: 2 },
  "2024-efteraar": {
    trivsel: -9, social_kapital: -10, tillid_ledelse: -7, retfaerdighed: -5, anerkendelse: -5,
    udbraendthed: 6, kvantitative_krav: 4, arbejdstempo: 4,
  },
};

function teamEffect(team: DemoUnit, round: { key: string; closedOn: string }): Partial<Record<string, number>> {
  if (team.profile === "doegn") {
    return { foelelsesmaessige_krav: 18, kvantitative_krav: 14, arbejdstempo: 13, udbraendthed: 8, trivsel: -4 };
  }
  if (team.parentCode === AT_CLUSTER_CODE && team.rolloutDate && round.closedOn >= team.rolloutDate) {
    return { rolleklarhed: -21, rollekonflikter: 19, trivsel: -5, tillid_ledelse: -6 };
  }
  if (team.profile === "ydelse") return { kvantitative_krav: 8, arbejdstempo: 6 };
  return {};
}

function headcountOn(unitCode: string, day: string, employments: DemoEmployment[]): number {
  const people = new Set<string>();
  for (const e of employments) {
    if (e.unitCode === unitCode && e.start <= day && (e.end === null || e.end >= day)) people.add(e.employeeId);
  }
  return people.size;
}

export function generateSurveys(units: DemoUnit[], employments: DemoEmployment[], today: string, random: Random): DemoSurveyResult[] {
  const results: DemoSurveyResult[] = [];
  const teams = units.filter((u) => u.kind === "team");
  const teamOffset = new Map(teams.map((t) => [t.code, random.int(-40, 40) / 10]));
  for (const round of SURVEY_ROUNDS) {
    if (round.closedOn > today) continue;
    for (const team of teams) {
      const invited = headcountOn(team.code, round.closedOn, employments);
      if (invited === 0) continue;
      const respondents = Math.min(invited, Math.round(invited * (0.65 + random.next() * 0.3)));
      const effect = teamEffect(team, round);
      for (const [dimension, base] of Object.entries(BASELINE)) {
        const raw = base + (ROUND_EFFECT[round.key]?.[dimension] ?? 0) + (effect[dimension] ?? 0)
          + teamOffset.get(team.code)! + (random.next() - 0.5) * 4;
        const score = Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10;
        results.push({ round: round.key, closedOn: round.closedOn, unitCode: team.code, dimension, score, respondents, invited });
      }
    }
  }
  return results;
}
