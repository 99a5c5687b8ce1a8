// CSV files byte for byte as Danish offices' tools save them (Excel's "CSV (semikolonsepareret)"
// in Windows-1252, Excel's "CSV UTF-8", LibreOffice, Excel's "Unicode-tekst"), each imported end to
// end into a fresh database: read right, or refused with a Danish message that says what to do.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import type { ImportResult } from "../../import";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { counts, importer, tempDir } from "./import-helpers";

let t: TestDatabase;
let files: ReturnType<typeof tempDir>;
let run: ReturnType<typeof importer>;

beforeAll(async () => {
  t = await createTestDatabase("import_office_csv");
  files = tempDir();
  run = importer(t.db, files.dir);
});

afterAll(async () => {
  files?.cleanup();
  await t?.drop();
});

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.db, query);
const accepted = (r: ImportResult) => expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
const brief = (r: ImportResult) => r.errors.map((e) => ({ row: e.row, column: e.column, value: e.value, key: e.key }));

/** Lines as Windows writes them: CRLF after every line, the last one too. */
const crlf = (...lines: string[]) => lines.map((l) => l + "\r\n").join("");

/** Text in Windows-1252, byte for byte (Buffer's "latin1" would turn – and € into other bytes). */
function windows1252(text: string): Buffer {
  const special: Record<string, number> = { "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97 };
  return Buffer.from([...text].map((ch) => {
    if (ch in special) return special[ch];
    const code = ch.charCodeAt(0);
    if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new Error(`not in Windows-1252: ${ch}`);
    return code;
  }));
}

const UNITS_HEADER = "unit_code;name;parent_code;kind;district;rollout_date";
// What Danish Excel writes for a sheet of units: dates as the cells show them, a name with the
// separator and quotes quoted, and the rows below the data that someone once formatted as ';;;;;'.
const UNIT_LINES = [
  UNITS_HEADER,
  "KBH;Københavns Kommune;;organisation;;",
  "FC;Familiecentret Århus – Børn og Unge;KBH;centre;;",
  "T1;Team Øst;FC;team;Ærøskøbing;01-03-2023",
  'T2;"Team ""Syd""; Åbyhøj";FC;team;Åbyhøj;15-09-2023',
  ";;;;;",
  ";;;;;",
  "",
];

describe("Excel's CSV files", () => {
  it("CSV (semikolonsepareret): Windows-1252, CRLF, æøå and – , trailing ;;;; rows and empty lines", async () => {
    const r = await run("units", "enheder.csv", windows1252(crlf(...UNIT_LINES)));
    accepted(r);
    expect(r.rowsTotal).toBe(4);
    expect(r.warnings.map((w) => w.key)).toEqual(["warning.windows1252"]);
    const stored = await rows<{ code: string; name: string; district: string | null; rollout: string | null }>(sql`
      select code, name, district, rollout_date::text as rollout from units order by code`);
    expect(stored).toEqual([
      { code: "FC", name: "Familiecentret Århus – Børn og Unge", district: null, rollout: null },
      { code: "KBH", name: "Københavns Kommune", district: null, rollout: null },
      { code: "T1", name: "Team Øst", district: "Ærøskøbing", rollout: "2023-03-01" },
      { code: "T2", name: 'Team "Syd"; Åbyhøj', district: "Åbyhøj", rollout: "2023-09-15" },
    ]);
  });

  it("refuses a file with UTF-8 rows and Windows-1252 rows, naming both, and stores nothing", async () => {
    const before = await counts(t.db);
    const content = Buffer.concat([
      Buffer.from(crlf(UNITS_HEADER, "KBH;Københavns Kommune;;organisation;;", "X1;Ærø Ålborg;KBH;team;;"), "utf8"),
      windows1252(crlf("X2;Ærø Ålborg;KBH;team;;", "X3;Team Nord;KBH;team;;", "X4;Søndre Ø;KBH;team;;")),
    ]);
    const r = await run("units", "blandet.csv", content);
    expect(r.outcome).toBe("rejected");
    expect(r.errors.map((e) => ({ key: e.key, params: e.params }))).toEqual([
      { key: "file.mixedEncoding", params: { utf8Lines: "2, 3", otherLines: "4, 6" } },
    ]);
    expect(r.errors[0].reason).toContain("række 2, 3 er UTF-8, række 4, 6 er Windows-1252");
    expect(await counts(t.db)).toEqual(before);
  });

  it("CSV UTF-8 with BOM: the same sheet saved the other way reads to the same values (unchanged)", async () => {
    const before = await counts(t.db);
    const r = await run("units", "enheder-utf8.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf(...UNIT_LINES), "utf-8")]));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("unchanged");
    expect(r.warnings).toEqual([]);
    expect(await counts(t.db)).toEqual(before);
  });

  it("a Windows-1252 file with a row error reports the value in readable Danish", async () => {
    const r = await run("units", "fejl.csv", windows1252(crlf(UNITS_HEADER, "T3;Team Nørrebro;FC;hold;;")));
    expect(r.outcome).toBe("rejected");
    expect(brief(r)).toEqual([{ row: 2, column: "kind", value: "hold", key: "value.enum" }]);
  });
});

describe("employments from other tools", () => {
  it("LibreOffice: all text quoted, LF, fields holding ; and \"\" and line breaks, an unknown note column", async () => {
    const r = await run("employments", "ansatte.csv", [
      '"employee_id";"display_name";"unit_code";"role";"fte";"start_date";"end_date";"end_reason";"Bemærkning"',
      '"E1";"Hansen; Anne";"T1";"caseworker";0,8;"01-02-2022";"";"";"Ny i teamet;\nmentor: ""Bo"""',
      '"E2";"Bo ""Bøf"" Berg";"T1";"manager";1;"2021-01-01";"31-12-2023";"resignation";"Flyttet til\nKlynge Nord\n"',
      '"E3";"Åse Øberg";"T2";"specialist";37;"01.06.2023";"";"";""',
      "",
    ].join("\n"));
    accepted(r);
    expect(r.rowsTotal).toBe(3);
    expect(r.warnings.map((w) => w.key).sort()).toEqual(["warning.hoursConverted", "warning.unknownColumns"]);
    expect(r.warnings.find((w) => w.key === "warning.unknownColumns")!.params.columns).toBe("Bemærkning");
    const stored = await rows<{ id: string; name: string; fte: number; start: string; end: string | null }>(sql`
      select e.employee_id as id, p.display_name as name, e.fte::float8 as fte, e.start_date::text as start, e.end_date::text as end
      from employments e join employees p on p.id = e.employee_id order by e.employee_id`);
    expect(stored).toEqual([
      { id: "E1", name: "Hansen; Anne", fte: 0.8, start: "2022-02-01", end: null },
      { id: "E2", name: 'Bo "Bøf" Berg', fte: 1, start: "2021-01-01", end: "2023-12-31" },
      { id: "E3", name: "Åse Øberg", fte: 1, start: "2023-06-01", end: null },
    ]);
  });

  it("rows after a cell with line breaks are numbered as the spreadsheet shows them", async () => {
    const r = await run("employments", "ansatte-fejl.csv", [
      "employee_id;unit_code;role;fte;start_date;Bemærkning",
      'E4;T1;caseworker;1;2024-01-01;"tre\nlinjer\nher"',
      "E5;T1;caseworker;to;2024-01-01;",
      "",
    ].join("\n"));
    expect(r.outcome).toBe("rejected");
    // Excel and LibreOffice show E5 in row 3 (the note is one cell); a text editor shows line 5.
    expect(brief(r)).toEqual([{ row: 3, column: "fte", value: "to", key: "value.number" }]);
  });

  it("trailing spaces in headers and cells, headers in another case and order, a non-breaking space", async () => {
    const r = await run("employments", "mellemrum.csv", crlf(
      "Start_Date ;ROLE ; Employee_ID;Unit_Code\u00a0 ;FTE   ;Display_Name",
      "2024-02-01  ; caseworker ;  E6 ;T2 ;0,5 ;Søren Ærø   ",
      '01-03-2024;"specialist  ";"E7";" T2";" 1 ";"  Ida Holm"',
    ));
    accepted(r);
    expect(r.warnings).toEqual([]);
    const stored = await rows<{ id: string; name: string; role: string; unit: string; fte: number; start: string }>(sql`
      select e.employee_id as id, p.display_name as name, e.role, u.code as unit, e.fte::float8 as fte, e.start_date::text as start
      from employments e join employees p on p.id = e.employee_id join units u on u.id = e.unit_id
      where e.employee_id in ('E6', 'E7') order by e.employee_id`);
    expect(stored).toEqual([
      { id: "E6", name: "Søren Ærø", role: "caseworker", unit: "T2", fte: 0.5, start: "2024-02-01" },
      { id: "E7", name: "Ida Holm", role: "specialist", unit: "T2", fte: 1, start: "2024-03-01" },
    ]);
  });

  it("a row of only separators between data rows is skipped, and row numbers still match the sheet", async () => {
    const r = await run("employments", "huller.csv", crlf(
      "employee_id;unit_code;role;fte;start_date;;;",
      "E8;T1;caseworker;1;2024-04-01;;;",
      ";;;;;;;",
      "E9;T1;caseworker;1;2024-13-01;;;",
      ";;;;;;;",
      "",
      "",
    ));
    expect(r.outcome).toBe("rejected");
    expect(brief(r)).toEqual([{ row: 4, column: "start_date", value: "2024-13-01", key: "value.dateImpossible" }]);
  });
});

describe("Excel's Unicode-tekst (UTF-16)", () => {
  const unicodeText = (text: string, bigEndian = false) => {
    const le = Buffer.from("\uFEFF" + text, "utf16le");
    if (!bigEndian) return le;
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) { be[i] = le[i + 1]; be[i + 1] = le[i]; }
    return be;
  };

  it("tab-separated UTF-16 with BOM, as Excel saves it, is read with æøå intact", async () => {
    const r = await run("survey-results", "trivsel.txt", unicodeText([
      "survey_round\tclosed_on\tunit_code\tdimension\tscore\trespondents\tinvited\tKommentar",
      "2024-efterår\t15-11-2024\tT1\ttrivsel\t62,5\t8\t10\t\"Høj; men \"\"faldende\"\"\"",
      "2024-efterår\t15-11-2024\tT2\ttrivsel\t71\t9\t\t",
      "",
    ].join("\r\n")));
    accepted(r);
    expect(r.warnings.map((w) => w.key)).toEqual(["warning.unknownColumns"]);
    const stored = await rows<{ round: string; unit: string; score: number; invited: number | null }>(sql`
      select r.survey_round as round, u.code as unit, r.score::float8 as score, r.invited
      from survey_results r join units u on u.id = r.unit_id order by u.code`);
    expect(stored).toEqual([
      { round: "2024-efterår", unit: "T1", score: 62.5, invited: 10 },
      { round: "2024-efterår", unit: "T2", score: 71, invited: null },
    ]);
  });

  it("big-endian UTF-16 reads the same (unchanged)", async () => {
    const r = await run("survey-results", "trivsel-be.csv", unicodeText([
      "survey_round;closed_on;unit_code;dimension;score;respondents;invited",
      "2024-efterår;15-11-2024;T1;trivsel;62,5;8;10",
      "2024-efterår;15-11-2024;T2;trivsel;71;9;",
    ].join("\r\n"), true));
    expect(r.outcome, JSON.stringify(r.errors)).toBe("unchanged");
  });

  it("UTF-16 that is not text is refused as such", async () => {
    const r = await run("survey-results", "skrald.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x41, 0x00, 0x00, 0x00, 0x01, 0x00])]));
    expect(r.outcome).toBe("rejected");
    expect(r.errors.map((e) => e.key)).toEqual(["file.binary"]);
  });
});
