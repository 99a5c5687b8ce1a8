// The wording a new plan starts with when it is opened from a risk signal or a survey result: its
// title, description and AT themes. Pure, so the loader only fetches; plans are written in Danish
// (the loader asks for "da"), English exists for a user who writes in English.
// The evidence lines come from domain/plan-labels.ts's describeRiskEvidence, which is Danish only.
import { formatDate, formatNumber, type Lang, type Texts } from "../../domain/format";
import { LABELS, SIGNAL_THEMES, describeRiskEvidence } from "../../domain/plan-labels";

export interface PlanPrefill { title: string; description: string; atThemes: string[] }

export interface SignalForPrefill { signal: string; asOfWeek: string; evidence: unknown }

export interface ScoreForPrefill {
  dimension: string; labelDa: string; labelEn: string; higherIsBetter: boolean; atTheme: string | null; score: number; respondents: number;
}

const TEXTS: Texts<{
  and: string;
  signalFrom: (week: string, signal: string) => string;
  surveyTitle: (round: string, unit: string, dimension?: string) => string;
  surveyIntro: (round: string) => string;
  score: (label: string, score: string, higherIsBetter: boolean, respondents: number) => string;
  noScores: (round: string) => string;
}> = {
  da: {
    and: " og ",
    signalFrom: (week, signal) => `Signal fra risikoradaren for ugen fra ${week}: ${signal}.`,
    surveyTitle: (round, unit, dimension) => (dimension ? `Trivselsmåling ${round}, ${dimension.toLowerCase()}: ${unit}` : `Trivselsmåling ${round}: ${unit}`),
    surveyIntro: (round) => `Resultater fra trivselsmålingen ${round} (kun grupper med mindst 5 besvarelser vises):`,
    score: (label, score, higher, n) => `– ${label}: ${score} (${higher ? "højere er bedre" : "lavere er bedre"}, ${n} besvarelser)`,
    noScores: (round) => `Trivselsmålingen ${round}: ingen resultater kan vises for enheden (for få besvarelser).`,
  },
  en: {
    and: " and ",
    signalFrom: (week, signal) => `Signal from the risk radar for the week from ${week}: ${signal}.`,
    surveyTitle: (round, unit, dimension) => (dimension ? `Wellbeing survey ${round}, ${dimension.toLowerCase()}: ${unit}` : `Wellbeing survey ${round}: ${unit}`),
    surveyIntro: (round) => `Results of the wellbeing survey ${round} (only groups with at least 5 responses are shown):`,
    score: (label, score, higher, n) => `– ${label}: ${score} (${higher ? "higher is better" : "lower is better"}, ${n} responses)`,
    noScores: (round) => `Wellbeing survey ${round}: no results can be shown for the unit (too few responses).`,
  },
};

/** A plan about the unit's risk signals of the latest radar week, with the figures behind each. */
export function riskSignalPrefill(lang: Lang, unitName: string, signals: SignalForPrefill[], dimensionLabels: Record<string, string>): PlanPrefill {
  const t = TEXTS[lang];
  const L = LABELS[lang];
  const signalName = (signal: string) => L.signal[signal as keyof typeof L.signal] ?? signal;
  return {
    title: `${signals.map((s) => signalName(s.signal)).join(t.and)}: ${unitName}`,
    atThemes: [...new Set(signals.flatMap((s) => SIGNAL_THEMES[s.signal] ?? []))],
    description: signals.map((s) => [
      t.signalFrom(formatDate(lang, s.asOfWeek), signalName(s.signal)),
      ...describeRiskEvidence(s.evidence, dimensionLabels).map((line) => `– ${line}`),
    ].join("\n")).join("\n\n"),
  };
}

/**
 * A plan about a survey round's results for the unit. With a dimension (from the wellbeing page)
 * the plan is about that dimension and its AT theme, and it leads the description; the other
 * dimensions follow as background.
 */
export function surveyPrefill(lang: Lang, unitName: string, round: string, all: ScoreForPrefill[], dimension?: string): PlanPrefill {
  const t = TEXTS[lang];
  const label = (s: ScoreForPrefill) => (lang === "da" ? s.labelDa : s.labelEn);
  const focus = dimension ? all.find((s) => s.dimension === dimension) : undefined;
  const scores = focus ? [focus, ...all.filter((s) => s !== focus)] : all;
  return {
    title: t.surveyTitle(round, unitName, focus ? label(focus) : undefined),
    atThemes: focus
      ? (focus.atTheme ? [focus.atTheme] : [])
      : [...new Set(scores.flatMap((s) => (s.atTheme ? [s.atTheme] : [])))],
    description: scores.length
      ? [t.surveyIntro(round), ...scores.map((s) => t.score(label(s), formatNumber(lang, s.score, 1), s.higherIsBetter, s.respondents))].join("\n")
      : t.noScores(round),
  };
}
