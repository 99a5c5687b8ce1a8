// One streaming pass over the stored file before anything parses it: size, sha256, what the bytes
// are (zip, old Excel, UTF-16, text) and, for text, whether it is UTF-8 or Windows-1252.
import fs from "node:fs";
import { createHash } from "node:crypto";

export type FileShape = "zip" | "xls" | "utf16" | "text" | "binary" | "empty";

export interface FileInspection {
  size: number;
  sha256: string;
  shape: FileShape;
  /** For text: how to decode it. */
  encoding: "utf-8" | "windows-1252";
}

// Bytes Windows-1252 leaves undefined: a file holding them is not text in any encoding we accept.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function shapeOfHead(head: Buffer): FileShape | null {
  if (head.length === 0) return "empty";
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06)) return "zip";
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return "xls";
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return "utf16";
  return null;
}

export async function inspectFile(filePath: string): Promise<FileInspection> {
  const hash = createHash("sha256");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let size = 0;
  let head: Buffer | null = null;
  let isUtf8 = true;
  let controls = 0;
  let nul = false;
  let undefined1252 = false;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (head === null) head = chunk.subarray(0, 8);
    size += chunk.length;
    if (isUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        isUtf8 = false;
      }
    }
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b < 0x20) {
        if (b === 0) nul = true;
        else if (b !== 0x09 && b !== 0x0a && b !== 0x0d) controls++;
      } else if (b >= 0x80 && !isUtf8 && UNDEFINED_1252.has(b)) {
        undefined1252 = true;
      }
    }
  }
  if (isUtf8) {
    try {
      utf8.decode();
    } catch {
      isUtf8 = false;
    }
  }
  const sha256 = hash.digest("hex");
  const byHead = shapeOfHead(head ?? Buffer.alloc(0));
  if (byHead) return { size, sha256, shape: byHead, encoding: "utf-8" };
  // A stray form feed is tolerable in a text export; NUL bytes or many control bytes are not.
  const binary = nul || controls * 1000 > size || (!isUtf8 && undefined1252);
  return { size, sha256, shape: binary ? "binary" : "text", encoding: isUtf8 ? "utf-8" : "windows-1252" };
}
