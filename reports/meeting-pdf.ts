// The MED meeting summary (/plans/meeting) as a PDF for the minutes: every plan of the committee's
// units with its deadline, progress, late and soon-due items and what changed since the last review.
import { LABELS, describeChange, label } from "../domain/plan-labels";
import { formatDate, formatInt } from "../domain/format";
import type { MeetingView } from "../db/presenters/plan-views";
import { CONTENT_WIDTH, MARGIN, createPdf, facts, finish, heading, paragraph, type Pdf } from "./pdf-kit";

const da = (d: string | null | undefined) => formatDate("da", d);
/** As many changes per plan as the page shows; the rest are on the plan's timeline. */
export const MEETING_MAX_CHANGES = 25;

function deadlineDa(days: number | null, reportedBackOn: string | null): string {
  if (reportedBackOn) return `tilbagemelding sendt ${da(reportedBackOn)}`;
  if (days === null) return "";
  return days > 0 ? `${days} dage tilbage` : days === 0 ? "frist i dag" : `overskredet med ${-days} dage`;
}

function itemTable(doc: Pdf, headers: string[], rows: string[][], widths: number[]): void {
  doc.font("Body").fontSize(9.5);
  const table = doc.table({
    position: { x: MARGIN }, maxWidth: CONTENT_WIDTH, columnStyles: widths.map((w) => CONTENT_WIDTH * w),
    defaultStyle: { border: 0.5, borderColor: "#999999", padding: 4 },
  });
  table.row(headers.map((h) => ({ text: h, font: { src: "Bold" }, backgroundColor: "#eeeeee", type: "TH" as const })));
  for (const row of rows) table.row(row);
  table.end();
  doc.x = MARGIN;
  doc.moveDown(0.4);
}

export async function renderMeetingPdf(meeting: MeetingView, today: string): Promise<Uint8Array> {
  const L = LABELS.da;
  const title = `Handleplaner til mødet i ${meeting.committee.name}`;
  const doc = createPdf({ title });
  doc.font("Bold").fontSize(17).fillColor("#111").text(title);
  doc.font("Body").fontSize(10).fillColor("#444").text(`Status pr. ${da(today)}`).fillColor("#111").moveDown(0.5);
  if (!meeting.plans.length) paragraph(doc, "Udvalgets enheder har ingen handleplaner.");
  for (const plan of meeting.plans) {
    heading(doc, `${plan.title}${plan.status === "closed" ? ` (${L.planStatus.closed})` : ""}`, 13);
    const deadline = plan.deadline ? `${da(plan.deadline)}${deadlineDa(plan.daysToDeadline, plan.reportedBackOn) ? ` (${deadlineDa(plan.daysToDeadline, plan.reportedBackOn)})` : ""}` : "–";
    facts(doc, [
      ["Enhed", plan.unitName],
      ["Anledning", `${label(L.source, plan.sourceKind)}${plan.atReaction ? ` – ${label(L.reaction, plan.atReaction)}` : ""}`],
      ["Frist", deadline],
      ["Fremdrift", plan.progress.pct === null ? "–" : `${formatInt("da", plan.progress.pct)} % (${plan.progress.done + plan.progress.verified}/${plan.progress.total})`],
      ["Sidst behandlet", plan.lastReview ? da(plan.lastReview) : "Ikke behandlet endnu"],
      ["Næste behandling", da(plan.nextReview)],
    ]);
    doc.font("Bold").fontSize(10.5).text(`Overskredne indsatser (${plan.overdueItems.length})`).moveDown(0.2);
    if (plan.overdueItems.length) {
      itemTable(doc, ["Indsats", "Ansvarlig", "Frist", "Over fristen", "Status"],
        plan.overdueItems.map((i) => [i.title, i.ownerLabel ?? "–", da(i.dueDate), `${i.overdueDays} dage`, label(L.status, i.status)]),
        [0.4, 0.18, 0.14, 0.13, 0.15]);
    } else paragraph(doc, "–");
    if (plan.dueSoonItems.length) {
      doc.font("Bold").fontSize(10.5).text(`Frist inden 14 dage (${plan.dueSoonItems.length})`).moveDown(0.2);
      itemTable(doc, ["Indsats", "Ansvarlig", "Frist", "Status"],
        plan.dueSoonItems.map((i) => [i.title, i.ownerLabel ?? "–", da(i.dueDate), label(L.status, i.status)]), [0.47, 0.2, 0.15, 0.18]);
    }
    doc.font("Bold").fontSize(10.5).text(plan.lastReview ? `Ændret siden behandlingen ${da(plan.lastReview)}` : "Ændringer (planen er ikke behandlet endnu)").moveDown(0.2);
    const shown = plan.changes.slice(-MEETING_MAX_CHANGES).reverse();
    if (!shown.length) paragraph(doc, "Ingen ændringer siden sidste behandling.");
    doc.font("Body").fontSize(9.5);
    for (const c of shown) doc.text(`• ${da(c.date)}: ${describeChange(c, "da")}${c.who ? ` · ${c.who}` : ""}`, { indent: 0 });
    if (plan.changes.length > MEETING_MAX_CHANGES) doc.text(`… og ${plan.changes.length - MEETING_MAX_CHANGES} ældre ændringer (se planens tidslinje).`);
    doc.moveDown(0.5);
  }
  return finish(doc, `${title} · ${da(today)}`);
}
