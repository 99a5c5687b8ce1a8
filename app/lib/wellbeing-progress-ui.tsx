// "Is the unit improving since the plan started?" in words, for the meeting view's plan facts:
// the verdict, the counts behind it and which rounds were compared. Never by colour alone.
import { formatSurveyRound, type Lang } from "./i18n";
import type { PlanWellbeingProgress } from "../../db/presenters/wellbeing";

/** As the presenter gives it (a type only: nothing of db/ reaches the browser). */
export type WellbeingProgressView = PlanWellbeingProgress;

const TEXTS = {
  da: {
    term: "Trivsel siden planens start",
    verdict: { improving: "I bedring", worsening: "Forværret", unchanged: "Uændret", no_comparison: "Kan ikke vurderes endnu" },
    rounds: (a: string, b: string) => `${a} → ${b}`,
    counts: (b: number, w: number, u: number) => `${b} ${b === 1 ? "dimension" : "dimensioner"} bedre, ${w} dårligere, ${u} uændret`,
    notComparable: (n: number) => `${n} kan ikke sammenlignes (ikke vist i begge målinger)`,
    noRounds: "kræver en vist måling før og efter planens start",
    link: "Se trivsel",
  },
  en: {
    term: "Wellbeing since the plan started",
    verdict: { improving: "Improving", worsening: "Worsening", unchanged: "Unchanged", no_comparison: "Cannot be judged yet" },
    rounds: (a: string, b: string) => `${a} → ${b}`,
    counts: (b: number, w: number, u: number) => `${b} ${b === 1 ? "dimension" : "dimensions"} better, ${w} worse, ${u} unchanged`,
    notComparable: (n: number) => `${n} cannot be compared (not shown in both rounds)`,
    noRounds: "needs a shown round before and after the plan started",
    link: "See wellbeing",
  },
};

export function WellbeingProgress({ progress, unitId, lang }: { progress: WellbeingProgressView; unitId: number; lang: Lang }) {
  const t = TEXTS[lang];
  const symbol = progress.verdict === "improving" ? "↑ " : progress.verdict === "worsening" ? "↓ " : "";
  const compared = progress.better + progress.worse + progress.unchanged > 0;
  return (
    <>
      <dt>{t.term}</dt>
      <dd className="plan-progress">
        <strong className={`progress-${progress.verdict}`}><span aria-hidden="true">{symbol}</span>{t.verdict[progress.verdict]}</strong>
        {progress.baseline && progress.latest && progress.baseline !== progress.latest
          ? <> ({t.rounds(formatSurveyRound(lang, progress.baseline), formatSurveyRound(lang, progress.latest))})</> : null}
        {": "}{compared ? t.counts(progress.better, progress.worse, progress.unchanged) : t.noRounds}
        {compared && progress.notComparable ? <>; {t.notComparable(progress.notComparable)}</> : null}
        {" "}<a className="no-print" href={`/wellbeing?unit=${unitId}`}>{t.link}</a>
      </dd>
    </>
  );
}
