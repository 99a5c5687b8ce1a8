// The streaming XLSX reader. exceljs's own stream.xlsx.WorkbookReader reads the zip in one
// forward pass (unzipper's Parse, consumed by an async iterator), and that pass drops entries
// when the consumer is slow: under load xl/workbook.xml went missing and a sound file was refused
// as corrupt (exceljs issues #3064, #2790; unzipper #234). Here the zip is opened by its central
// directory (yauzl, as checkZip already does) and the parts a sheet depends on are read first —
// relations, workbook, shared strings, styles — so every sheet is read with its name, state,
// strings and date formats, whatever order the producer stored the parts in. Rows still stream
// through exceljs's WorksheetReader, one sheet at a time, with backpressure.
import ExcelJS from "exceljs";
import yauzl from "yauzl";

export interface StreamedSheet {
  name: string;
  hidden: boolean;
  date1904: boolean;
  /** Opens the sheet's rows; a sheet never opened is never inflated. */
  rows(): AsyncIterable<ExcelJS.Row>;
}

interface Relationship {
  Id: string;
  Target: string;
}

interface SheetModel {
  id: number;
  name: string;
  state?: string;
  rId: string;
}

/** The parts of exceljs's WorkbookReader used here: its parsers for each part, fed our streams. */
interface WorkbookParts {
  workbookRels?: Relationship[];
  model?: { sheets?: SheetModel[] };
  /** workbook.xml's workbookPr part, its model set once parsed. */
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

const SHEET_PATH = /^xl\/worksheets\/sheet(\d+)\.xml$/;

function openZip(filePath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(filePath, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) => (err ? reject(err) : resolve(zip!))),
  );
}

function entriesOf(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream!))));
}

/** A relation's target as a zip path: relative to xl/, or absolute from the package root. */
function targetPath(target: string): string {
  return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
}

/**
 * The worksheets in the workbook's tab order (sheets its workbook.xml does not list follow in
 * number order). The zip stays open until the caller stops iterating.
 */
export async function* streamSheets(filePath: string): AsyncGenerator<StreamedSheet> {
  const zip = await openZip(filePath);
  try {
    const entries = await entriesOf(zip);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
      worksheets: "emit",
      sharedStrings: "cache",
      styles: "cache",
      hyperlinks: "ignore",
    }) as unknown as WorkbookParts;
    const part = async (name: string) => {
      const entry = entries.get(name);
      return entry ? openEntry(zip, entry) : null;
    };
    const rels = await part("xl/_rels/workbook.xml.rels");
    if (rels) await reader._parseRels(rels);
    const workbook = await part("xl/workbook.xml");
    if (workbook) await reader._parseWorkbook(workbook);
    const strings = await part("xl/sharedStrings.xml");
    if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;
    const styles = await part("xl/styles.xml");
    if (styles) await reader._parseStyles(styles);

    const sheetNumbers = [...entries.keys()]
      .map((name) => SHEET_PATH.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .sort((a, b) => Number(a) - Number(b));
    const relById = new Map((reader.workbookRels ?? []).map((r) => [r.Id, targetPath(r.Target)]));
    const modelByNumber = new Map<string, SheetModel>();
    for (const sheet of reader.model?.sheets ?? []) {
      const number = SHEET_PATH.exec(relById.get(sheet.rId) ?? "")?.[1];
      if (number !== undefined) modelByNumber.set(number, sheet);
    }
    const tabOrder = [...modelByNumber.keys()].filter((n) => sheetNumbers.includes(n));
    const ordered = [...tabOrder, ...sheetNumbers.filter((n) => !modelByNumber.has(n))];
    const date1904 = Boolean(reader.properties?.model?.date1904);

    for (const number of ordered) {
      const model = modelByNumber.get(number);
      yield {
        name: model?.name ?? `sheet${number}`,
        hidden: model?.state === "hidden" || model?.state === "veryHidden",
        date1904,
        rows: () => ({
          async *[Symbol.asyncIterator]() {
            const stream = await openEntry(zip, entries.get(`xl/worksheets/sheet${number}.xml`)!);
            for (const { value } of reader._parseWorksheet(stream as AsyncIterable<Buffer>, number)) yield* value;
          },
        }),
      };
    }
  } finally {
    zip.close();
  }
}
