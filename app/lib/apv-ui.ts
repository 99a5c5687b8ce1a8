// Labels of the APV pages in Danish and English.
export const APV_LABELS = {
  da: {
    method: {
      questionnaire: "Spørgeskema", dialogue_meeting: "Dialogmøde", interviews: "Interview", observation: "Observation", other: "Anden metode",
    } as Record<string, string>,
    error: {
      required: "Skal udfyldes.", invalid_date: "Ugyldig dato.", too_long: "Teksten er for lang.", invalid: "Ugyldig værdi.",
      unknown: "Findes ikke.", in_future: "Datoen kan ikke ligge i fremtiden.", forbidden: "Du har ikke ret til denne ændring.",
    } as Record<string, string>,
  },
  en: {
    method: {
      questionnaire: "Questionnaire", dialogue_meeting: "Dialogue meeting", interviews: "Interviews", observation: "Observation", other: "Other method",
    } as Record<string, string>,
    error: {
      required: "Required.", invalid_date: "Invalid date.", too_long: "The text is too long.", invalid: "Invalid value.",
      unknown: "Does not exist.", in_future: "The date cannot be in the future.", forbidden: "You may not make this change.",
    } as Record<string, string>,
  },
};

/** "om 120 dage" / "i dag" / "overskredet med 3 dage" */
export function revisionText(days: number, lang: "da" | "en"): string {
  if (lang === "da") return days > 0 ? `om ${days} dage` : days === 0 ? "i dag" : `overskredet med ${-days} dage`;
  return days > 0 ? `in ${days} days` : days === 0 ? "today" : `${-days} days overdue`;
}
