// Evidence files: what an upload may be, checked from its bytes (never from what the browser says),
// and how it is handed back. Pure apart from reading the zip of an Office file in memory.
import yauzl from "yauzl";
import type { EvidenceKind } from "../db/schema/plan-records";

export interface EvidenceLimits {
  maxBytes: number;
  /** Office files are zips: refuse archives that unpack beyond this or hold more entries. */
  maxUncompressedBytes: number;
  maxEntries: number;
}

export type EvidenceProblem =
  | "empty" | "too_large" | "bad_extension" | "content_mismatch" | "zip_too_large" | "zip_too_many_entries"
  | "zip_corrupt" | "macros";

export type EvidenceCheck = { ok: true; kind: EvidenceKind } | { ok: false; problem: EvidenceProblem };

const EXTENSIONS: Record<string, EvidenceKind> = {
  pdf: "pdf", png: "png", jpg: "jpeg", jpeg: "jpeg", webp: "webp", docx: "docx", xlsx: "xlsx", pptx: "pptx",
};

export const CONTENT_TYPES: Record<EvidenceKind, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

/** The file input's accept list (a hint to the browser; the server checks the bytes). */
export const ACCEPT = Object.keys(EXTENSIONS).map((e) => `.${e}`).join(",");

/** The part of each Office package that names its type (ECMA-376 main parts at their usual names). */
const OFFICE_MAIN_PART: Record<"docx" | "xlsx" | "pptx", string> = {
  docx: "word/document.xml", xlsx: "xl/workbook.xml", pptx: "ppt/presentation.xml",
};

export function kindFromFileName(fileName: string): EvidenceKind | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return match ? EXTENSIONS[match[1].toLowerCase()] ?? null : null;
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Does the file start the way its kind does? Office kinds: only that it is a zip (the entries decide). */
export function magicMatches(kind: EvidenceKind, bytes: Uint8Array): boolean {
  switch (kind) {
    case "pdf": return startsWith(bytes, ascii("%PDF-"));
    case "png": return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "jpeg": return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case "webp": return startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8);
    case "docx": case "xlsx": case "pptx": return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  }
}

/**
 * Reads the zip's central directory first (entry count, declared sizes), then inflates every entry
 * with yauzl's size validation, so a zip that lies about its sizes stops at the limit too (as
 * import/readers/xlsx.ts does for XLSX). Returns the entry names.
 */
export async function zipEntryNames(bytes: Uint8Array, limits: EvidenceLimits): Promise<{ names: string[] } | { problem: EvidenceProblem }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z!))),
    );
  } catch {
    return { problem: "zip_corrupt" };
  }
  try {
    if (zip.entryCount > limits.maxEntries) return { problem: "zip_too_many_entries" };
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => { entries.push(entry); declared += entry.uncompressedSize; zip.readEntry(); });
      zip.on("end", resolve);
      zip.on("error", reject);
      zip.readEntry();
    });
    if (declared > limits.maxUncompressedBytes) return { problem: "zip_too_large" };
    let inflated = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s!))),
      );
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limits.maxUncompressedBytes) {
          (stream as unknown as { destroy(): void }).destroy();
          return { problem: "zip_too_large" };
        }
      }
    }
    return { names: entries.map((e) => e.fileName) };
  } catch {
    return { problem: "zip_corrupt" };
  } finally {
    zip.close();
  }
}

/** Decides whether an upload is acceptable evidence, and of which kind. */
export async function checkEvidence(fileName: string, bytes: Uint8Array, limits: EvidenceLimits): Promise<EvidenceCheck> {
  if (bytes.length === 0) return { ok: false, problem: "empty" };
  if (bytes.length > limits.maxBytes) return { ok: false, problem: "too_large" };
  const kind = kindFromFileName(fileName);
  if (!kind) return { ok: false, problem: "bad_extension" };
  if (!magicMatches(kind, bytes)) return { ok: false, problem: "content_mismatch" };
  if (kind === "docx" || kind === "xlsx" || kind === "pptx") {
    const zip = await zipEntryNames(bytes, limits);
    if ("problem" in zip) return { ok: false, problem: zip.problem };
    if (!zip.names.includes("[Content_Types].xml") || !zip.names.includes(OFFICE_MAIN_PART[kind])) {
      return { ok: false, problem: "content_mismatch" };
    }
    // A macro project in a file named .docx/.xlsx/.pptx is a renamed .docm/.xlsm/.pptm.
    if (zip.names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return { ok: false, problem: "macros" };
  }
  return { ok: true, kind };
}

/** The name as stored and shown: no path, no control characters, at most 200 characters. */
export function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (clean.length <= 200) return clean;
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(clean)?.[0] ?? "";
  return clean.slice(0, 200 - ext.length) + ext;
}

/**
 * RFC 6266 with an RFC 5987 filename* for the real (UTF-8) name and a plain ASCII fallback for old
 * clients; always "attachment", so a file never renders inside the application's origin.
 */
export function contentDisposition(fileName: string): string {
  const danish: Record<string, string> = { æ: "ae", ø: "oe", å: "aa", Æ: "AE", Ø: "OE", Å: "AA" };
  const fallback = fileName.replace(/[æøåÆØÅ]/g, (c) => danish[c]).normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\%;]/g, "_").trim() || "fil";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
