// The XLSX bomb of issue #13, measured: `npm run bench:xlsx-bomb -- [MiB] [unpack limit MiB]` writes a ~3 MB workbook
// whose sheet unpacks to 900 MiB (styles stored after the sheet, so it cannot be streamed), opens
// it three times at once through the importer's reader as an upload would, and prints the peak
// RSS. No database: the file is refused (or read) before anything is written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import { openSheet } from "../import/readers";
import { buildZip, type ZipEntrySpec } from "../tests/fixtures/import/zip";
import { DEFAULT_COMPRESSION_RATIO } from "../import/readers/xlsx";

const mib = Number(process.argv[2] ?? 900);
// The old default (1 GiB) by default, so it is the compression ratio that has to refuse it.
const unpackLimit = Number(process.argv[3] ?? 1024) * 1024 * 1024;

async function entriesOf(buffer: Buffer): Promise<ZipEntrySpec[]> {
  const zip = await (yauzl as unknown as { fromBufferPromise(b: Buffer, o: object): Promise<yauzl.ZipFile> }).fromBufferPromise(buffer, { lazyEntries: true });
  const out: ZipEntrySpec[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => zip.openReadStream(entry, async (err, stream) => {
      if (err || !stream) return reject(err);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
      zip.readEntry();
    }));
    zip.on("end", resolve);
    zip.readEntry();
  });
  return out;
}

/** The sheet's XML, deflated as it is generated: the 900 MiB never sit in memory here. */
async function deflatedSheet(bytes: number): Promise<{ bytes: Buffer; crc: number; size: number }> {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const tail = Buffer.from("</sheetData></worksheet>");
  // Identical rows (the r attributes are optional) deflate about 300 times, as the file did.
  const row = (_r: number) => `<row><c t="inlineStr"><is><t>E1</t></is></c><c><v>1</v></c></row>`;
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  let size = 0;
  let crc = 0;
  const write = async (b: Buffer) => {
    size += b.length;
    crc = zlib.crc32(b, crc);
    if (!deflate.write(b)) await new Promise((r) => deflate.once("drain", r));
  };
  await write(head);
  let r = 1;
  while (size < bytes - tail.length) {
    const parts: string[] = [];
    for (let i = 0; i < 10_000; i++) parts.push(row(r++));
    await write(Buffer.from(parts.join("")));
  }
  await write(tail);
  deflate.end();
  await done;
  return { bytes: Buffer.concat(out), crc, size };
}

const wb = new ExcelJS.Workbook();
wb.addWorksheet("Ark1").addRow(["employee_id", "fte"]);
const entries = await entriesOf(Buffer.from(await wb.xlsx.writeBuffer()));
const sheet = await deflatedSheet(mib * 1024 * 1024);
const rank = (name: string) => (name === "xl/styles.xml" ? 3 : /^xl\/worksheets\/sheet/.test(name) ? 2 : /sharedStrings|workbook\.xml\.rels|workbook\.xml|Content_Types|^_rels/.test(name) ? 0 : 1);
const bomb = buildZip(entries.map((e) => (/^xl\/worksheets\/sheet1\.xml$/.test(e.name) ? { ...e, deflated: sheet } : e)).sort((a, b) => rank(a.name) - rank(b.name)));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xlsx-bomb-"));
const file = path.join(dir, "bomb.xlsx");
fs.writeFileSync(file, bomb);
console.log(`bomb: ${(bomb.length / 1e6).toFixed(1)} MB on disk, sheet ${(sheet.size / 1024 / 1024).toFixed(0)} MiB unpacked (ratio ${Math.round(sheet.size / sheet.bytes.length)}; limit ${DEFAULT_COMPRESSION_RATIO})`);

global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const t0 = performance.now();
const outcomes = await Promise.all([1, 2, 3].map(async () => {
  try {
    const opened = await openSheet(file, "bomb.xlsx", { maxBytes: 200 * 1024 * 1024, maxUncompressedBytes: unpackLimit, maxEntries: 1000 });
    let rows = 0;
    for await (const _ of opened.rows) rows++;
    return `read ${rows} rows`;
  } catch (error) {
    return `refused: ${(error as { key?: string }).key ?? (error as Error).message}`;
  }
}));
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(`three at once: ${outcomes.join("; ")} in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
console.log(`RSS: ${(baseline / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB (+${((peak - baseline) / 1e6).toFixed(0)} MB)`);
fs.rmSync(dir, { recursive: true, force: true });
