// CSV as Danish offices save it: UTF-8 with or without BOM, or Windows-1252 (converted here);
// `;` or `,` (or tab) detected from the header row; RFC 4180 quoting. Streams: memory stays flat.
import fs from "node:fs";
import { Transform } from "node:stream";
import { parse } from "csv-parse";
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

function decoder(encoding: "utf-8" | "windows-1252"): Transform {
  // TextDecoder drops a UTF-8 BOM by itself and keeps multi-byte characters split across chunks whole.
  const text = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}

async function readHead(filePath: string, encoding: "utf-8" | "windows-1252"): Promise<string> {
  const handle = await fs.promises.open(filePath, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return new TextDecoder(encoding).decode(buffer.subarray(0, bytesRead), { stream: true });
  } finally {
    await handle.close();
  }
}

export async function* readCsv(filePath: string, encoding: "utf-8" | "windows-1252"): AsyncGenerator<SheetRow> {
  const delimiter = detectDelimiter(await readHead(filePath, encoding));
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  });
  const source = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
  const text = decoder(encoding);
  source.on("error", (e) => parser.destroy(e));
  text.on("error", (e) => parser.destroy(e));
  source.pipe(text).pipe(parser);
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { row: item.info.lines, cells: item.record };
  }
}
