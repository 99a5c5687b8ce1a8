// Evidence uploads: the bytes decide the kind, Office files by the entries of their zip, zip bombs
// stop at the limits, and downloads carry a safe Content-Disposition.
import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { Document, Packer, Paragraph } from "docx";
import { checkEvidence, cleanFileName, contentDisposition, kindFromFileName, magicMatches } from "../../evidence/files";

const LIMITS = { maxBytes: 2 * 1024 * 1024, maxUncompressedBytes: 1024 * 1024, maxEntries: 20 };
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\n%%EOF\n");
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

async function zip(entries: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, content] of Object.entries(entries)) z.file(name, content);
  return z.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function realDocx(): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph("Referat fra MED-mødet")] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("checkEvidence", () => {
  it("accepts PDF, PNG and JPEG whose first bytes match the extension", async () => {
    expect(await checkEvidence("referat.pdf", PDF, LIMITS)).toEqual({ ok: true, kind: "pdf" });
    expect(await checkEvidence("tavle.PNG", PNG, LIMITS)).toEqual({ ok: true, kind: "png" });
    expect(await checkEvidence("foto.jpg", JPEG, LIMITS)).toEqual({ ok: true, kind: "jpeg" });
  });

  it("refuses a PNG named .pdf, and a file of a kind not on the list", async () => {
    expect(await checkEvidence("referat.pdf", PNG, LIMITS)).toEqual({ ok: false, problem: "content_mismatch" });
    expect(await checkEvidence("script.exe", PDF, LIMITS)).toEqual({ ok: false, problem: "bad_extension" });
    expect(await checkEvidence("noname", PDF, LIMITS)).toEqual({ ok: false, problem: "bad_extension" });
  });

  it("refuses empty and over-large files", async () => {
    expect(await checkEvidence("a.pdf", new Uint8Array(), LIMITS)).toEqual({ ok: false, problem: "empty" });
    const big = new Uint8Array(LIMITS.maxBytes + 1);
    big.set(PDF);
    expect(await checkEvidence("a.pdf", big, LIMITS)).toEqual({ ok: false, problem: "too_large" });
  });

  it("accepts a Word file made by docx, and refuses the same file named .xlsx", async () => {
    const docx = await realDocx();
    expect(await checkEvidence("procedure.docx", docx, LIMITS)).toEqual({ ok: true, kind: "docx" });
    expect(await checkEvidence("procedure.xlsx", docx, LIMITS)).toEqual({ ok: false, problem: "content_mismatch" });
  });

  it("refuses a plain zip renamed .docx (no Word main part)", async () => {
    const plain = await zip({ "[Content_Types].xml": "<Types/>", "notes.txt": "hej" });
    expect(await checkEvidence("notes.docx", plain, LIMITS)).toEqual({ ok: false, problem: "content_mismatch" });
  });

  it("refuses a workbook with a macro project named .xlsx", async () => {
    const xlsm = await zip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>", "xl/vbaProject.bin": "x" });
    expect(await checkEvidence("budget.xlsx", xlsm, LIMITS)).toEqual({ ok: false, problem: "macros" });
  });

  it("stops a zip bomb: too much unpacked data, or too many entries", async () => {
    const bomb = await zip({ "[Content_Types].xml": "<Types/>", "word/document.xml": new Uint8Array(LIMITS.maxUncompressedBytes + 1) });
    expect(bomb.length).toBeLessThan(20_000);
    expect(await checkEvidence("bomb.docx", bomb, LIMITS)).toEqual({ ok: false, problem: "zip_too_large" });
    const many: Record<string, string> = { "[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>" };
    for (let i = 0; i < LIMITS.maxEntries; i++) many[`word/media/p${i}.txt`] = "x";
    expect(await checkEvidence("many.docx", await zip(many), LIMITS)).toEqual({ ok: false, problem: "zip_too_many_entries" });
  });

  it("refuses a damaged zip", async () => {
    const broken = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await checkEvidence("x.pptx", broken, LIMITS)).toEqual({ ok: false, problem: "zip_corrupt" });
  });
});

describe("names and headers", () => {
  it("reads the kind from the extension, case-insensitively", () => {
    expect(kindFromFileName("Foto.JPEG")).toBe("jpeg");
    expect(kindFromFileName("x.docm")).toBeNull();
    expect(magicMatches("webp", new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe(true);
  });

  it("keeps only the base name, without control characters", () => {
    expect(cleanFileName("C:\\Users\\mette\\Mødereferat\u0007.pdf")).toBe("Mødereferat.pdf");
    expect(cleanFileName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    const long = cleanFileName(`${"å".repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith(".pdf")).toBe(true);
  });

  it("sends an attachment with an ASCII fallback and the UTF-8 name per RFC 5987", () => {
    expect(contentDisposition("Referat – Æblehaven \"maj\".pdf")).toBe(
      "attachment; filename=\"Referat  AEblehaven _maj_.pdf\"; filename*=UTF-8''Referat%20%E2%80%93%20%C3%86blehaven%20%22maj%22.pdf",
    );
    expect(contentDisposition("ø.pdf")).toBe("attachment; filename=\"oe.pdf\"; filename*=UTF-8''%C3%B8.pdf");
  });
});
