// The risk radar (METRICS.md "Risk radar"): the three patterns AT acts on, per team, from the last
// 6 complete weeks, the latest survey round and the 12-month turnover. Each raised signal carries
// the evidence it rests on, so a manager can see why.
import { roundHalfAwayFromZero } from "./rounding";

export interface RiskWeek {
  weekStart: string;
  casesPerFte: number | null;
  emotionalSharePct: number | null;
  mismatchedCases: number;
  overCasesPerFte: boolean;
  overEmotionalShare: boolean;
}

/** A shown survey figure of the team and of the organisation (root) in the same round. */
export interface SurveyComparison {
  dimension: string;
  higherIsBetter: boolean;
  team: number | null;
  organisation: number | null;
}

export interface RiskInput {
  /** The last 6 complete weeks, oldest first (fewer when data is shorter). */
  weeks: RiskWeek[];
  surveyRound: string | null;
  survey: SurveyComparison[];
  turnover12mPct: number | null;
  turnoverThresholdPct: number;
  managerDepartures12m: number;
}

export type RiskSignalKind = "workload_emotional" | "unclear_demands" | "turnover";

export interface RiskSignal {
  signal: RiskSignalKind;
  /** How many of the signal's conditions hold (more evidence = more severe). */
  severity: number;
  evidence: RiskEvidence[];
}

export type RiskEvidence =
  | { kind: "weeks_over_cases_per_fte"; weeks: number; of: number; values: (number | null)[] }
  | { kind: "emotional_share_over"; week: string; value: number | null }
  | { kind: "weeks_with_mismatch"; weeks: number; of: number; values: number[] }
  | { kind: "survey_worse"; round: string; dimension: string; team: number; organisation: number; pointsWorse: number }
  | { kind: "turnover_over"; pct: number; threshold: number }
  | { kind: "manager_departures"; count: number };

export const WORKLOAD_DIMENSIONS = ["kvantitative_krav", "arbejdstempo", "foelelsesmaessige_krav"];
export const ROLE_DIMENSIONS = ["rolleklarhed", "rollekonflikter"];
const POINTS_WORSE = 10;

/**
 * How many points worse the team is than the organisation (positive = worse), when both are
 * shown, to 6 decimals: in doubles 64.1 − 54.1 is 9.999999999999993, which would miss "at least
 * 10 points" on scores that differ by exactly 10.
 */
export function pointsWorse(c: SurveyComparison): number | null {
  if (c.team === null || c.organisation === null) return null;
  return roundHalfAwayFromZero(c.higherIsBetter ? c.organisation - c.team : c.team - c.organisation, 6);
}

function surveyEvidence(input: RiskInput, dimensions: string[]) {
  const shown = input.survey.filter((c) => dimensions.includes(c.dimension) && pointsWorse(c) !== null);
  const worse = shown
    .filter((c) => pointsWorse(c)! >= POINTS_WORSE)
    .map((c): RiskEvidence => ({
      kind: "survey_worse", round: input.surveyRound ?? "", dimension: c.dimension, team: c.team!, organisation: c.organisation!, pointsWorse: pointsWorse(c)!,
    }));
  return { anyShown: shown.length > 0, worse };
}

export function riskSignals(input: RiskInput): RiskSignal[] {
  const signals: RiskSignal[] = [];
  const weeks = input.weeks.slice(-6);
  const latest = weeks[weeks.length - 1];

  // Workload and time pressure with high emotional demands: all three conditions must hold; the
  // survey condition only counts when the survey is shown for the team and the organisation.
  const overWeeks = weeks.filter((w) => w.overCasesPerFte).length;
  const workloadSurvey = surveyEvidence(input, WORKLOAD_DIMENSIONS);
  if (overWeeks >= 4 && latest?.overEmotionalShare && (!workloadSurvey.anyShown || workloadSurvey.worse.length > 0)) {
    signals.push({
      signal: "workload_emotional",
      severity: 2 + (workloadSurvey.worse.length > 0 ? 1 : 0),
      evidence: [
        { kind: "weeks_over_cases_per_fte", weeks: overWeeks, of: weeks.length, values: weeks.map((w) => w.casesPerFte) },
        { kind: "emotional_share_over", week: latest.weekStart, value: latest.emotionalSharePct },
        ...workloadSurvey.worse,
      ],
    });
  }

  // Unclear and conflicting demands: any one condition suffices.
  const mismatchWeeks = weeks.filter((w) => w.mismatchedCases > 0).length;
  const roleSurvey = surveyEvidence(input, ROLE_DIMENSIONS);
  const unclear: RiskEvidence[] = [];
  if (mismatchWeeks >= 2) unclear.push({ kind: "weeks_with_mismatch", weeks: mismatchWeeks, of: weeks.length, values: weeks.map((w) => w.mismatchedCases) });
  unclear.push(...roleSurvey.worse);
  if (unclear.length > 0) signals.push({ signal: "unclear_demands", severity: unclear.length, evidence: unclear });

  const turnover: RiskEvidence[] = [];
  if (input.turnover12mPct !== null && input.turnover12mPct > input.turnoverThresholdPct) {
    turnover.push({ kind: "turnover_over", pct: input.turnover12mPct, threshold: input.turnoverThresholdPct });
  }
  if (input.managerDepartures12m >= 2) turnover.push({ kind: "manager_departures", count: input.managerDepartures12m });
  if (turnover.length > 0) signals.push({ signal: "turnover", severity: turnover.length, evidence: turnover });

  return signals;
}
