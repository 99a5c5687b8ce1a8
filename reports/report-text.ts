// The sentences of the report back that the PDF and the Word file share (the page renders the
// same in React, app/lib/plans-ui.tsx ReportDocument). Always Danish: it is written to AT.
import { LABELS, label } from "../domain/plan-labels";
import { formatDate } from "../domain/format";
import type { ReportData } from "../domain/report-data";

type Item = ReportData["focusPoints"][number]["items"][number];
const da = (d: string | null | undefined) => formatDate("da", d);

export function reportTitle(sourceKind: string): string {
  return sourceKind === "at_decision" ? "Tilbagemelding til Arbejdstilsynet" : "Status på handleplan";
}

export function introDa(data: ReportData): string | null {
  const { plan } = data;
  if (plan.sourceKind !== "at_decision") return null;
  const themes = plan.atThemes.map((t) => label(LABELS.da.theme, t).toLowerCase()).join(", ");
  return `Vi henviser til Arbejdstilsynets afgørelse af ${da(plan.atDecisionDate)} om ${label(LABELS.da.reaction, plan.atReaction).toLowerCase()}`
    + `${plan.atVisitDate ? ` efter tilsynsbesøget den ${da(plan.atVisitDate)}` : ""}${themes ? ` vedrørende ${themes}` : ""}. `
    + "Nedenfor redegør vi for, hvordan problemet er løst: for hvert fokuspunkt hvad der er gjort, hvornår, og hvilken dokumentation der findes.";
}

/** What was done and when: the status column. */
export function itemOutcomeDa(item: Item): string {
  const s = LABELS.da.status;
  switch (item.status) {
    case "verified": return `${s.verified}${item.verifiedOn ? ` ${da(item.verifiedOn)}` : ""}${item.doneOn ? ` (udført ${da(item.doneOn)})` : ""}`;
    case "done": return `${s.done} ${da(item.doneOn)}`;
    case "cancelled": return `${s.cancelled}: ${item.cancelReason ?? ""}`;
    default: return `${label(s, item.status)}, frist ${da(item.dueDate)}`;
  }
}

/** The evidence column: notes with their dates, then the attached files. */
export function evidenceLinesDa(item: Item): string[] {
  return [
    ...item.evidence.map((e) => `${da(e.notedOn)}: ${e.note}`),
    ...(item.files ?? []).map((f) => `Bilag: ${f.fileName} (${da(f.uploadedOn)}${f.uploadedByName ? `, ${f.uploadedByName}` : ""})`),
  ];
}
