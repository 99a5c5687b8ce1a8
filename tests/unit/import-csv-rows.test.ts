import { describe, expect, it } from "vitest";
import { CsvRowSplitter } from "../../import/readers/csv-rows";
import type { SheetRow } from "../../import/readers/types";

function split(chunks: string[], delimiter = ";"): SheetRow[] {
  const splitter = new CsvRowSplitter(delimiter);
  const out: SheetRow[] = [];
  for (const chunk of chunks) splitter.push(chunk, out);
  splitter.end(out);
  return out;
}

const TRICKY = 'a;b;c\r\n"x;1";"say ""hi""";" kept "\r\n\r\nplain ; 2,5 ;\n"multi\r\nline";5 "inch";\n"last";"no newline"';

describe("CSV row splitter", () => {
  it("splits quoted separators, doubled quotes, CRLF, blank lines, multi-line fields and a stray quote", () => {
    expect(split([TRICKY])).toEqual([
      { row: 1, cells: ["a", "b", "c"] },
      { row: 2, cells: ["x;1", 'say "hi"', " kept "] },
      { row: 4, cells: ["plain", "2,5", ""] },
      { row: 5, cells: ["multi\r\nline", '5 "inch"', ""] },
      // The line break inside quotes keeps "multi…line" one row, as a spreadsheet shows it.
      { row: 6, cells: ["last", "no newline"] },
    ]);
  });

  it("gives the same rows however the text is cut into chunks", () => {
    const whole = split([TRICKY]);
    for (let cut = 1; cut < TRICKY.length; cut++) {
      expect(split([TRICKY.slice(0, cut), TRICKY.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
    expect(split([...TRICKY])).toEqual(whole);
  });

  it("splits on commas when told to", () => {
    expect(split(['E1,"0,8",x\n'], ",")).toEqual([{ row: 1, cells: ["E1", "0,8", "x"] }]);
  });

  it("keeps empty quoted fields as empty cells and skips a file of empty lines", () => {
    expect(split(['"";""\n'])).toEqual([{ row: 1, cells: ["", ""] }]);
    expect(split(["\n\r\n\n"])).toEqual([]);
  });
});
