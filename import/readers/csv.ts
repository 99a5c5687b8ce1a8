// CSV as Danish offices save it: UTF-8 with or without BOM, Windows-1252 or Excel's UTF-16
// "Unicode-tekst" (converted here); `;` or `,` (or tab) detected from the header row; RFC 4180
// quoting. Streams: memory stays flat.
import fs from "node:fs";
import { CsvRowSplitter } from "./csv-rows";
import type { TextEncoding } from "./sniff";
import type { SheetRow } from "./types";

/** The delimiter that occurs most often outside quotes in the first line; `;` wins ties. */
export function detectDelimiter(text: string): ";" | "," | "\t" {
  const counts = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts["\t"] > counts[";"] && counts["\t"] > counts[","]) return "\t";
  return counts[","] > counts[";"] ? "," : ";";
}

async function readHead(filePath: string, encoding: TextEncoding): Promise<string> {
  const handle = await fs.promises.open(filePath, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return new TextDecoder(encoding).decode(buffer.subarray(0, bytesRead), { stream: true });
  } finally {
    await handle.close();
  }
}

/** Excel's "sep=;" first line names the delimiter; Excel hides it, so rows count from the next line. */
export function separatorHint(head: string): ";" | "," | "\t" | null {
  const match = /^sep=([;,\t])\r?\n/i.exec(head.replace(/^\uFEFF/, ""));
  return match ? (match[1] as ";" | "," | "\t") : null;
}

export async function* readCsv(filePath: string, encoding: TextEncoding): AsyncGenerator<SheetRow> {
  const head = await readHead(filePath, encoding);
  const hint = separatorHint(head);
  const splitter = new CsvRowSplitter(hint ?? detectDelimiter(head));
  const shift = hint ? 1 : 0;
  // TextDecoder drops a BOM by itself and keeps characters split across chunks whole.
  const decoder = new TextDecoder(encoding);
  const rows: SheetRow[] = [];
  const emit = function* () {
    for (const row of rows) if (row.row > shift) yield shift ? { row: row.row - shift, cells: row.cells } : row;
    rows.length = 0;
  };
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    splitter.push(decoder.decode(chunk, { stream: true }), rows);
    yield* emit();
  }
  splitter.push(decoder.decode(), rows);
  splitter.end(rows);
  yield* emit();
}
