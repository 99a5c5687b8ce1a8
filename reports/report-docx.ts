// The report back as a Word file (docx), for committees that edit it before filing: the same
// content as the PDF, A4, Danish, page numbers in the footer, the recorded sign-offs.
import {
  AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell,
  TableRow, TextRun, WidthType,
} from "docx";
import { LABELS, label } from "../domain/plan-labels";
import { signoffLinesDa } from "./signoff-lines";
import { formatDate } from "../domain/format";
import type { ReportData } from "../domain/report-data";
import { evidenceLinesDa, introDa, itemOutcomeDa, reportTitle } from "./report-text";

const da = (d: string | null | undefined) => formatDate("da", d);
const FONT = "Calibri";

function text(value: string, options: { bold?: boolean; size?: number; color?: string } = {}): Paragraph {
  return new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: value, bold: options.bold, size: options.size, color: options.color, font: FONT })] });
}

function lines(values: string[], options: { bold?: boolean } = {}): Paragraph[] {
  return values.map((v) => new Paragraph({ children: [new TextRun({ text: v, bold: options.bold, font: FONT, size: 19 })] }));
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "999999" };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

function cell(children: Paragraph[], widthPct: number, header = false): TableCell {
  return new TableCell({
    children, borders: BORDERS, width: { size: widthPct, type: WidthType.PERCENTAGE },
    shading: header ? { type: ShadingType.CLEAR, color: "auto", fill: "EEEEEE" } : undefined,
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
  });
}

function factsTable(rows: [string, string][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" }, bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" }, left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" }, right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" }, insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" }, insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } },
    rows: rows.map(([k, v]) => new TableRow({
      children: [
        new TableCell({ width: { size: 32, type: WidthType.PERCENTAGE }, children: lines([k], { bold: true }) }),
        new TableCell({ width: { size: 68, type: WidthType.PERCENTAGE }, children: lines([v]) }),
      ],
    })),
  });
}

const WIDTHS = [34, 17, 19, 30];

export async function renderReportDocx(data: ReportData): Promise<Uint8Array> {
  const { plan } = data;
  const L = LABELS.da;
  const isAt = plan.sourceKind === "at_decision";
  const body: (Paragraph | Table)[] = [
    text(`${plan.unitName} · ${da(data.today)}`, { size: 18, color: "444444" }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: reportTitle(plan.sourceKind), font: FONT, bold: true, size: 36 })] }),
    text(plan.title, { bold: true, size: 24 }),
  ];
  const themes = plan.atThemes.map((t) => label(L.theme, t).toLowerCase()).join(", ");
  body.push(factsTable(isAt ? [
    ["Arbejdstilsynets sagsnr.", plan.atReference ?? "–"],
    ["Afgørelse", `${label(L.reaction, plan.atReaction)} af ${da(plan.atDecisionDate)}`],
    ["Tilsynsbesøg", da(plan.atVisitDate)],
    ["Arbejdsmiljøproblem", themes || "–"],
    ["Frist", da(plan.deadline)],
    ["Enhed", plan.unitName],
    ...(plan.appealStatus !== "none" ? [["Klage", label(L.appeal, plan.appealStatus)] as [string, string]] : []),
  ] : [["Anledning", label(L.source, plan.sourceKind)], ["Enhed", plan.unitName], ["Frist", da(plan.deadline)]]));
  const intro = introDa(data);
  if (intro) body.push(text(intro));
  if (plan.description) body.push(text(plan.description));

  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: "Fokuspunkter og indsatser", font: FONT })] }));
  if (!data.focusPoints.length) body.push(text("Der er endnu ikke registreret fokuspunkter."));
  data.focusPoints.forEach((fp, index) => {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: `${index + 1}. ${fp.title}`, font: FONT })] }));
    if (fp.description) body.push(text(fp.description));
    if (fp.files?.length) body.push(text(`Bilag: ${fp.files.map((f) => `${f.fileName} (${da(f.uploadedOn)})`).join("; ")}`));
    if (!fp.items.length) {
      body.push(text("Ingen indsatser registreret."));
      return;
    }
    const header = new TableRow({
      tableHeader: true,
      children: ["Indsats", "Ansvarlig", "Status", "Dokumentation"].map((h, i) => cell(lines([h], { bold: true }), WIDTHS[i], true)),
    });
    const rows = fp.items.map((item) => {
      const evidence = evidenceLinesDa(item);
      return new TableRow({
        cantSplit: true,
        children: [
          cell(lines(item.description ? [item.title, item.description] : [item.title]), WIDTHS[0]),
          cell(lines([item.ownerLabel ?? "–"]), WIDTHS[1]),
          cell(lines([itemOutcomeDa(item)]), WIDTHS[2]),
          cell(lines(evidence.length ? evidence.map((e) => `• ${e}`) : ["–"]), WIDTHS[3]),
        ],
      });
    });
    body.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }));
  });

  if (data.reviews.length) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: "Opfølgning i MED-systemet", font: FONT })] }));
    for (const r of data.reviews) body.push(text(`${da(r.reviewDate)}, ${r.committeeName}: ${r.decisions}`));
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: "Underskrifter", font: FONT })] }));
  if (data.signoffs) {
    body.push(factsTable(signoffLinesDa(data.signoffs, isAt).map((l) => [l.label, l.text])));
    body.push(text(`Rapportens version: ${data.signoffs.version.slice(0, 12)}. Underskrifterne gælder denne version; ændres planen, bortfalder de.`, { size: 18 }));
  } else {
    body.push(text("For ledelsen: dato, underskrift og navn ______________________________"));
    body.push(text("Arbejdsmiljørepræsentant: dato, underskrift og navn ______________________________"));
  }
  body.push(text(`Udarbejdet ${da(data.today)} fra handleplan nr. ${plan.id}${plan.committeeName ? `, fulgt af ${plan.committeeName}` : ""}.`, { size: 18, color: "444444" }));

  const doc = new Document({
    creator: "Arbejdsmiljø og belastning",
    title: `${reportTitle(plan.sourceKind)} – ${plan.title}`,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
      footers: {
        default: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ children: ["Side ", PageNumber.CURRENT, " af ", PageNumber.TOTAL_PAGES], font: FONT, size: 17 })],
          })],
        }),
      },
      children: body,
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
