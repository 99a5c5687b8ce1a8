// The report back's sign-offs as lines of Danish text: the page (app/lib/plans-ui.tsx), the PDF
// and the Word file print the same lines.
import { formatDate } from "../domain/format";
import type { ReportData } from "../domain/report-data";

function da(date: string | null | undefined): string {
  return formatDate("da", date);
}

/** "2025-06-16T10:42:05" → "16.06.2025 kl. 10.42" */
function stampDa(stamp: string): string {
  return `${da(stamp.slice(0, 10))} kl. ${stamp.slice(11, 16).replace(":", ".")}`;
}

/** The sign-offs as recorded in the product: who and when, and whether they hold for this version. */
export function signoffLinesDa(state: NonNullable<ReportData["signoffs"]>, isAt: boolean): { label: string; text: string; valid: boolean }[] {
  const sig = (s: typeof state.management, none: string) =>
    !s ? { text: none, valid: false }
      : { text: `${s.signerName}, ${stampDa(s.signedAt)}${s.current ? "" : " – GÆLDER IKKE: rapporten er ændret efter underskrift"}`, valid: s.current };
  const informed = state.employeesInformed;
  return [
    { label: "For ledelsen", ...sig(state.management, "Ikke underskrevet") },
    { label: "Arbejdsmiljørepræsentant", ...sig(state.safetyRep, "Ikke underskrevet") },
    {
      label: "De ansatte er orienteret",
      text: informed
        ? `Bekræftet af ${informed.signerName} ${stampDa(informed.signedAt)}: de ansatte blev orienteret ${da(informed.onDate)} om ${isAt ? "afgørelsen og tilbagemeldingen" : "handleplanen"}${informed.current ? "" : " – GÆLDER IKKE: rapporten er ændret siden"}`
        : "Ikke bekræftet",
      valid: !!informed?.current,
    },
    ...(isAt ? [{
      label: "Sendt til Arbejdstilsynet",
      text: state.sentToAt ? `${da(state.sentToAt.onDate)} via OnlineAt (registreret af ${state.sentToAt.signerName})` : "Ikke registreret",
      valid: !!state.sentToAt,
    }] : []),
  ];
}
