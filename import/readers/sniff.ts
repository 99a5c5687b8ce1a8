// One streaming pass over the stored file before anything parses it: size, sha256, what the bytes
// are (zip, old Excel, text) and, for text, how to decode it: UTF-8, Windows-1252, or UTF-16 with a
// byte-order mark (Excel's "Unicode-tekst").
import fs from "node:fs";
import { createHash } from "node:crypto";

export type FileShape = "zip" | "xls" | "text" | "binary" | "empty";

export type TextEncoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

export interface FileInspection {
  size: number;
  sha256: string;
  shape: FileShape;
  /** For text: how to decode it. */
  encoding: TextEncoding;
  /**
   * Lines (1 = the first) holding UTF-8 letters and lines holding bytes that are not UTF-8, when a
   * file has both: such a file cannot be decoded either way without garbling one kind (at most
   * MIXED_LINES_REPORTED of each).
   */
  mixed?: { utf8Lines: number[]; otherLines: number[] };
}

export const MIXED_LINES_REPORTED = 10;

/**
 * Classifies each line's bytes above 0x7f as well-formed UTF-8 sequences or not, across chunks.
 * A file whose lines disagree is a UTF-8 export with rows pasted in from a Windows-1252 one.
 */
class LineEncodings {
  private line = 1;
  private need = 0;
  private lineUtf8 = false;
  private lineOther = false;
  readonly utf8Lines: number[] = [];
  readonly otherLines: number[] = [];
  private utf8Count = 0;
  private otherCount = 0;

  push(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.need > 0) {
        if ((b & 0xc0) === 0x80) {
          if (--this.need === 0) this.lineUtf8 = true;
          continue;
        }
        this.need = 0;
        this.lineOther = true;
      }
      if (b < 0x80) {
        if (b === 0x0a) this.endLine();
      } else if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) this.need = 2;
      else if (b >= 0xf0 && b <= 0xf4) this.need = 3;
      else this.lineOther = true;
    }
  }

  private endLine(): void {
    if (this.need > 0) {
      this.need = 0;
      this.lineOther = true;
    }
    if (this.lineUtf8 && this.utf8Count++ < MIXED_LINES_REPORTED) this.utf8Lines.push(this.line);
    if (this.lineOther && this.otherCount++ < MIXED_LINES_REPORTED) this.otherLines.push(this.line);
    this.lineUtf8 = false;
    this.lineOther = false;
    this.line++;
  }

  result(): { utf8Lines: number[]; otherLines: number[] } | undefined {
    this.endLine();
    return this.utf8Count > 0 && this.otherCount > 0 ? { utf8Lines: this.utf8Lines, otherLines: this.otherLines } : undefined;
  }
}

// Bytes Windows-1252 leaves undefined: a file holding them is not text in any encoding we accept.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function shapeOfHead(head: Buffer): FileShape | null {
  if (head.length === 0) return "empty";
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06)) return "zip";
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return "xls";
  return null;
}

/** UTF-16 is recognised by its byte-order mark only: Excel always writes one. */
function utf16Of(head: Buffer): "utf-16le" | "utf-16be" | null {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return null;
}

/** Counts what makes text not text: NUL and control characters other than tab, CR and LF. */
class ControlCounter {
  controls = 0;
  nul = false;

  add(code: number): void {
    if (code >= 0x20) return;
    if (code === 0) this.nul = true;
    else if (code !== 0x09 && code !== 0x0a && code !== 0x0d) this.controls++;
  }

  /** A stray form feed is tolerable in a text export; NUL or many control characters are not. */
  binary(characters: number): boolean {
    return this.nul || this.controls * 1000 > characters;
  }
}

export async function inspectFile(filePath: string): Promise<FileInspection> {
  const hash = createHash("sha256");
  let size = 0;
  let head: Buffer | null = null;
  let utf16: "utf-16le" | "utf-16be" | null = null;
  // UTF-8 and Windows-1252 are told apart on the bytes; UTF-16 is checked on the decoded text.
  let decoder = new TextDecoder("utf-8", { fatal: true });
  let decodes = true;
  let characters = 0;
  const counter = new ControlCounter();
  let undefined1252 = false;
  const lines = new LineEncodings();
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (head === null) {
      head = chunk.subarray(0, 8);
      utf16 = utf16Of(head);
      if (utf16) decoder = new TextDecoder(utf16, { fatal: true });
    }
    size += chunk.length;
    if (utf16) {
      let text = "";
      try {
        if (decodes) text = decoder.decode(chunk, { stream: true });
      } catch {
        decodes = false;
      }
      characters += text.length;
      for (let i = 0; i < text.length; i++) counter.add(text.charCodeAt(i));
      continue;
    }
    if (decodes) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        decodes = false;
      }
    }
    characters += chunk.length;
    lines.push(chunk);
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b < 0x20) counter.add(b);
      else if (b >= 0x80 && !decodes && UNDEFINED_1252.has(b)) undefined1252 = true;
    }
  }
  if (decodes) {
    try {
      decoder.decode();
    } catch {
      decodes = false;
    }
  }
  const sha256 = hash.digest("hex");
  const byHead = shapeOfHead(head ?? Buffer.alloc(0));
  if (byHead) return { size, sha256, shape: byHead, encoding: "utf-8" };
  if (utf16) {
    return { size, sha256, shape: !decodes || counter.binary(characters) ? "binary" : "text", encoding: utf16 };
  }
  const binary = counter.binary(characters) || (!decodes && undefined1252);
  const mixed = decodes ? undefined : lines.result();
  return { size, sha256, shape: binary ? "binary" : "text", encoding: decodes ? "utf-8" : "windows-1252", ...(mixed ? { mixed } : {}) };
}
