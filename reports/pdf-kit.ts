// pdfkit set up the way every PDF of the product is: A4, the DejaVu Sans TTF shipped in
// reports/fonts (embedded, so Danish letters never depend on the reader's or the server's fonts),
// and "Side X af N" at the foot of every page.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";

export type Pdf = PDFKit.PDFDocument;

const FONT_FILES = { Body: "DejaVuSans.ttf", Bold: "DejaVuSans-Bold.ttf" } as const;

let fontDir: string | undefined;

/**
 * reports/fonts from wherever this code runs: the source tree (tsx, vitest) or the server bundle
 * in build/, both below the project root.
 */
export function fontDirectory(): string {
  if (fontDir) return fontDir;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, "fonts"), path.join(dir, "reports", "fonts")]) {
      if (fs.existsSync(path.join(candidate, FONT_FILES.Body))) return (fontDir = candidate);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("reports/fonts/DejaVuSans.ttf not found");
    dir = parent;
  }
}

export const MARGIN = 56; // about 20 mm
export const A4_WIDTH = 595.28;
export const CONTENT_WIDTH = A4_WIDTH - 2 * MARGIN;

export function createPdf(meta: { title: string; subject?: string }): Pdf {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: "da-DK",
    displayTitle: true,
    info: { Title: meta.title, Subject: meta.subject ?? meta.title, Creator: "Arbejdsmiljø og belastning" },
  });
  const dir = fontDirectory();
  doc.registerFont("Body", path.join(dir, FONT_FILES.Body));
  doc.registerFont("Bold", path.join(dir, FONT_FILES.Bold));
  doc.font("Body").fontSize(10.5);
  return doc;
}

/** `keep`: the space (pt) what follows needs on the same page, e.g. a table's header and first row. */
export function heading(doc: Pdf, text: string, size: number, keep = size * 4): void {
  if (doc.y + keep > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.6).font("Bold").fontSize(size).fillColor("#111").text(text).moveDown(0.25);
  doc.font("Body").fontSize(10.5);
}

export function paragraph(doc: Pdf, text: string, options: PDFKit.Mixins.TextOptions = {}): void {
  doc.font("Body").fontSize(10.5).fillColor("#111").text(text, { ...options }).moveDown(0.3);
}

/** A two-column list of facts: label in bold, value beside it. */
export function facts(doc: Pdf, rows: [string, string][]): void {
  const labelWidth = 172;
  for (const [label, value] of rows) {
    const y = doc.y;
    const height = Math.max(
      doc.font("Bold").fontSize(10).heightOfString(label, { width: labelWidth - 8 }),
      doc.font("Body").fontSize(10).heightOfString(value, { width: CONTENT_WIDTH - labelWidth }),
    );
    if (y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    doc.font("Bold").fontSize(10).text(label, MARGIN, top, { width: labelWidth - 8 });
    doc.font("Body").fontSize(10).text(value, MARGIN + labelWidth, top, { width: CONTENT_WIDTH - labelWidth });
    doc.x = MARGIN;
    doc.y = top + height + 3;
  }
  doc.moveDown(0.3);
}

/** "Side 1 af 3" and a line of context at the foot of every page, then the bytes. */
export function finish(doc: Pdf, footer: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing into the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 8;
    doc.font("Body").fontSize(8.5).fillColor("#444");
    doc.text(footer, MARGIN, y, { width: CONTENT_WIDTH - 90, lineBreak: false, ellipsis: true });
    doc.text(`Side ${i - range.start + 1} af ${range.count}`, MARGIN, y, { width: CONTENT_WIDTH, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
