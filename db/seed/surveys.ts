// Wellbeing survey results as the vendor delivers them: per team, round and dimension, with the
// number invited (the team's headcount on the closing day) and respondents. Autumn 2024 shows the
// marked fall in wellbeing and social capital; Døgnafdelingen reports high emotional demands and
// workload, the AT cluster poor role clarity and role conflicts after its roll-out.
import { addDays } from "../../domain/calendar";
import type { Random } from "./random";
import type { StoryClock } from "./story-clock";
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

export interface SurveyRound {
  key: string;
  /** Danish label, e.g. "efterår 2025". */
  label: string;
  closedOn: string;
  /** The closing day on the story's calendar (story-clock.ts), which decides what the round shows. */
  storyDay: string;
}

/** The story's first round closed in spring 2023; rounds every half-year since, in the demo's calendar. */
const FIRST_STORY_ROUND = "2023-03-01";
/** The round that shows the marked fall closed in the half-year before AT's visit (autumn 2024 in the story). */
const FALL = { from: "2024-09-01", to: "2025-03-01" };

function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((weekday - first + 7) % 7) + 7 * (n - 1);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function lastWeekday(year: number, month: number, weekday: number): string {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const back = (lastDay.getUTCDay() - weekday + 7) % 7;
  return lastDay.toISOString().slice(0, 10).replace(/\d{2}$/, String(lastDay.getUTCDate() - back).padStart(2, "0"));
}

/** Spring rounds close on the last Friday of April, autumn rounds on the third Friday of November. */
export function roundsOfYear(year: number): { key: string; label: string; closedOn: string }[] {
  return [
    { key: `${year}-foraar`, label: `forår ${year}`, closedOn: lastWeekday(year, 4, 5) },
    { key: `${year}-efteraar`, label: `efterår ${year}`, closedOn: nthWeekday(year, 11, 5, 3) },
  ];
}

/** Every half-yearly round from the story's first up to the last that closed before today. */
export function surveyRounds(clock: StoryClock): SurveyRound[] {
  const first = clock.day(FIRST_STORY_ROUND);
  const rounds: SurveyRound[] = [];
  for (let year = Number(first.slice(0, 4)); year <= Number(clock.today.slice(0, 4)); year++) {
    for (const round of roundsOfYear(year)) {
      if (round.closedOn < first || round.closedOn >= clock.today) continue;
      rounds.push({ ...round, storyDay: addDays(round.closedOn, -clock.shift) });
    }
  }
  return rounds;
}

/** The round with the marked fall in trivsel and social kapital, which the survey plans answer. */
export function fallRound(rounds: SurveyRound[]): SurveyRound | null {
  return rounds.find((r) => r.storyDay >= FALL.from && r.storyDay < FALL.to) ?? null;
}

/** Organisation-wide level of each dimension before the fall (COPSOQ-like 0–100). */
const BASELINE: Record<string, number> = {
  trivsel: 72, social_kapital: 70, tillid_ledelse: 72, retfaerdighed: 66, foelelsesmaessige_krav: 55,
  kvantitative_krav: 50, arbejdstempo: 58, rolleklarhed: 75, rollekonflikter: 42, udbraendthed: 35,
  indflydelse: 65, anerkendelse: 68,
};

const FALL_EFFECT: Partial<Record<string, number>> = {
  trivsel: -9, social_kapital: -10, tillid_ledelse: -7, retfaerdighed: -5, anerkendelse: -5,
  udbraendthed: 6, kvantitative_krav: 4, arbejdstempo: 4,
};

/**
 * What a round shows besides each team's own pattern, by its place around the fall: a small dip in
 * the round before, the fall, then a partial recovery after the local action plans (half of the
 * fall won back, so the plans' units improve since the plans started).
 */
function roundEffect(index: number, fallIndex: number): Partial<Record<string, number>> {
  if (fallIndex < 0) return {};
  if (index === fallIndex - 1) return { trivsel: -2, social_kapital: -2, kvantitative_krav: 2 };
  if (index === fallIndex) return FALL_EFFECT;
  if (index > fallIndex) return Object.fromEntries(Object.entries(FALL_EFFECT).map(([k, v]) => [k, v! / 2]));
  return {};
}

function teamEffect(team: DemoUnit, storyDay: string): Partial<Record<string, number>> {
  if (team.profile === "doegn") {
    return { foelelsesmaessige_krav: 18, kvantitative_krav: 14, arbejdstempo: 13, udbraendthed: 8, trivsel: -4 };
  }
  if (team.parentCode === AT_CLUSTER_CODE && team.rolloutDate && storyDay >= team.rolloutDate) {
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

/** Units and employments on the story's calendar; the results carry the demo's round keys and days. */
export function generateSurveys(units: DemoUnit[], employments: DemoEmployment[], rounds: SurveyRound[], random: Random): DemoSurveyResult[] {
  const results: DemoSurveyResult[] = [];
  const teams = units.filter((u) => u.kind === "team");
  const teamOffset = new Map(teams.map((t) => [t.code, random.int(-40, 40) / 10]));
  const fall = fallRound(rounds);
  const fallIndex = fall === null ? -1 : rounds.indexOf(fall);
  for (const [index, round] of rounds.entries()) {
    const roundEffects = roundEffect(index, fallIndex);
    for (const team of teams) {
      const invited = headcountOn(team.code, round.storyDay, employments);
      if (invited === 0) continue;
      const respondents = Math.min(invited, Math.round(invited * (0.65 + random.next() * 0.3)));
      const effect = teamEffect(team, round.storyDay);
      for (const [dimension, base] of Object.entries(BASELINE)) {
        const raw = base + (roundEffects[dimension] ?? 0) + (effect[dimension] ?? 0)
          + teamOffset.get(team.code)! + (random.next() - 0.5) * 4;
        const score = Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10;
        results.push({ round: round.key, closedOn: round.closedOn, unitCode: team.code, dimension, score, respondents, invited });
      }
    }
  }
  return results;
}
