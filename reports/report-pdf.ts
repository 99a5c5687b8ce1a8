// The report back to AT (tilbagemelding) as a PDF: the same content as the page and the HTML
// file, in Danish, with the sign-offs as recorded in the product.
import { LABELS, label } from "../domain/plan-labels";
import { signoffLinesDa } from "./signoff-lines";
import { formatDate } from "../domain/format";
import type { ReportData } from "../domain/report-data";
import { CONTENT_WIDTH, MARGIN, createPdf, facts, finish, heading, paragraph } from "./pdf-kit";
import { itemOutcomeDa, reportTitle, introDa, evidenceLinesDa } from "./report-text";

const da = (d: string | null | undefined) => formatDate("da", d);

export async function renderReportPdf(data: ReportData): Promise<Uint8Array> {
  const { plan } = data;
  const L = LABELS.da;
  const isAt = plan.sourceKind === "at_decision";
  const doc = createPdf({ title: `${reportTitle(plan.sourceKind)} – ${plan.title}`, subject: plan.unitName });

  doc.font("Body").fontSize(9).fillColor("#444").text(`${plan.unitName} · ${da(data.today)}`);
  doc.moveDown(0.4).font("Bold").fontSize(18).fillColor("#111").text(reportTitle(plan.sourceKind));
  doc.moveDown(0.2).font("Bold").fontSize(12).text(plan.title).moveDown(0.5);

  if (isAt) {
    const themes = plan.atThemes.map((t) => label(L.theme, t).toLowerCase()).join(", ");
    facts(doc, [
      ["Arbejdstilsynets sagsnr.", plan.atReference ?? "–"],
      ["Afgørelse", `${label(L.reaction, plan.atReaction)} af ${da(plan.atDecisionDate)}`],
      ["Tilsynsbesøg", da(plan.atVisitDate)],
      ["Arbejdsmiljøproblem", themes || "–"],
      ["Frist", da(plan.deadline)],
      ["Enhed", plan.unitName],
      ...(plan.appealStatus !== "none" ? [["Klage", label(L.appeal, plan.appealStatus)] as [string, string]] : []),
    ]);
  } else {
    facts(doc, [["Anledning", label(L.source, plan.sourceKind)], ["Enhed", plan.unitName], ["Frist", da(plan.deadline)]]);
  }
  const intro = introDa(data);
  if (intro) paragraph(doc, intro);
  if (plan.description) paragraph(doc, plan.description);

  heading(doc, "Fokuspunkter og indsatser", 13);
  if (data.focusPoints.length === 0) paragraph(doc, "Der er endnu ikke registreret fokuspunkter.");
  data.focusPoints.forEach((fp, index) => {
    // The heading, a line of description and the table's header with its first row stay together.
    heading(doc, `${index + 1}. ${fp.title}`, 11.5, fp.items.length ? 140 : 60);
    if (fp.description) paragraph(doc, fp.description);
    if (fp.files?.length) paragraph(doc, `Bilag: ${fp.files.map((f) => `${f.fileName} (${da(f.uploadedOn)})`).join("; ")}`);
    if (fp.items.length === 0) {
      paragraph(doc, "Ingen indsatser registreret.");
      return;
    }
    doc.font("Body").fontSize(9.5);
    const head = (text: string) => ({ text, font: { src: "Bold" }, backgroundColor: "#eeeeee", type: "TH" as const });
    const table = doc.table({
      position: { x: MARGIN },
      maxWidth: CONTENT_WIDTH,
      columnStyles: [CONTENT_WIDTH * 0.34, CONTENT_WIDTH * 0.17, CONTENT_WIDTH * 0.19, CONTENT_WIDTH * 0.3],
      defaultStyle: { border: 0.5, borderColor: "#999999", padding: 4 },
    });
    table.row([head("Indsats"), head("Ansvarlig"), head("Status"), head("Dokumentation")]);
    for (const item of fp.items) {
      const evidence = evidenceLinesDa(item);
      table.row([
        item.description ? `${item.title}\n${item.description}` : item.title,
        item.ownerLabel ?? "–",
        itemOutcomeDa(item),
        evidence.length ? evidence.map((e) => `• ${e}`).join("\n") : "–",
      ]);
    }
    table.end();
    doc.x = MARGIN;
    doc.moveDown(0.5);
  });

  if (data.reviews.length) {
    heading(doc, "Opfølgning i MED-systemet", 13);
    for (const r of data.reviews) paragraph(doc, `${da(r.reviewDate)}, ${r.committeeName}: ${r.decisions}`, { indent: 0 });
  }

  heading(doc, "Underskrifter", 13);
  if (data.signoffs) {
    facts(doc, signoffLinesDa(data.signoffs, isAt).map((l) => [l.label, l.text]));
    paragraph(doc, `Rapportens version: ${data.signoffs.version.slice(0, 12)}. Underskrifterne gælder denne version; ændres planen, bortfalder de.`);
  } else {
    paragraph(doc, "For ledelsen: dato, underskrift og navn ______________________________");
    paragraph(doc, "Arbejdsmiljørepræsentant: dato, underskrift og navn ______________________________");
  }
  doc.moveDown(0.5).font("Body").fontSize(9).fillColor("#444")
    .text(`Udarbejdet ${da(data.today)} fra handleplan nr. ${plan.id}${plan.committeeName ? `, fulgt af ${plan.committeeName}` : ""}.`);
  return finish(doc, `${reportTitle(plan.sourceKind)} · ${plan.title}`);
}
