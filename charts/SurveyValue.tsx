// How a survey figure reads on every page: a number only when shown; a hidden group says why in
// words and never carries a number (METRICS.md "Wellbeing"). Change says better/worse in words too.
import { formatNumber } from "../domain/format";
import { roundHalfAwayFromZero } from "../domain/rounding";

export interface SurveyCellView {
  score: number | null;
  hidden: "too_few" | "complementary" | null;
}

const TEXTS = {
  da: { tooFew: (n: number) => `færre end ${n} svar`, complementary: "skjult for at beskytte en lille gruppe", none: "–", better: "bedre", worse: "dårligere", same: "uændret" },
  en: { tooFew: (n: number) => `fewer than ${n} responses`, complementary: "hidden to protect a small group", none: "–", better: "better", worse: "worse", same: "unchanged" },
};

/** `minimum`: the organisation's minimum group size (5 unless raised). */
export function SurveyValue({ cell, lang, minimum = 5 }: { cell: SurveyCellView | null; lang: "da" | "en"; minimum?: number }) {
  const t = TEXTS[lang];
  if (!cell) return <span className="muted">{t.none}</span>;
  if (cell.hidden || cell.score === null) {
    return <span className="hidden-figure">{cell.hidden === "complementary" ? t.complementary : t.tooFew(minimum)}</span>;
  }
  return <>{formatNumber(lang, cell.score)}</>;
}

export function ChangeValue({ change, higherIsBetter, lang }: { change: number | null; higherIsBetter: boolean; lang: "da" | "en" }) {
  const t = TEXTS[lang];
  if (change === null) return <span className="muted">{t.none}</span>;
  const rounded = roundHalfAwayFromZero(change, 1); // as the scores are shown: half away from zero
  if (rounded === 0) return <span>{formatNumber(lang, 0)} ({t.same})</span>;
  const better = higherIsBetter ? rounded > 0 : rounded < 0;
  return (
    <span className={better ? "change-better" : "change-worse"}>
      <span aria-hidden="true">{rounded > 0 ? "↑" : "↓"} </span>
      {rounded > 0 ? "+" : ""}{formatNumber(lang, rounded)} ({better ? t.better : t.worse})
    </span>
  );
}
