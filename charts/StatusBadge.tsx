// Status as shape, word and colour together: colour is never the only signal (WCAG 1.4.1).
import type { Status } from "../domain/status";

export type StatusValue = Status | null;

const ICON: Record<Status | "none", string> = { green: "✓", amber: "▲", red: "■", none: "–" };

const WORDS = {
  da: { green: "Grøn: under grænserne", amber: "Gul: over en grænse i denne uge", red: "Rød: over i mindst 4 af 6 uger", none: "Ingen data" },
  en: { green: "Green: within the thresholds", amber: "Amber: over a threshold this week", red: "Red: over in at least 4 of 6 weeks", none: "No data" },
};

const SHORT = {
  da: { green: "Grøn", amber: "Gul", red: "Rød", none: "Ingen data" },
  en: { green: "Green", amber: "Amber", red: "Red", none: "No data" },
};

export function statusWord(lang: "da" | "en", status: StatusValue, long = true): string {
  return (long ? WORDS : SHORT)[lang][status ?? "none"];
}

/** A pill with icon and word; `compact` shows the icon only, with the word for screen readers and as a tooltip. */
export function StatusBadge({ status, lang, compact = false, long = false }: { status: StatusValue; lang: "da" | "en"; compact?: boolean; long?: boolean }) {
  const key = status ?? "none";
  const word = statusWord(lang, status, long);
  return (
    <span className={`status status-${key}`} title={statusWord(lang, status, true)}>
      <span aria-hidden="true">{ICON[key]}</span>
      {compact ? <span className="visually-hidden">{word}</span> : <span>{word}</span>}
    </span>
  );
}
