import { describe, expect, it } from "vitest";
import { looksLikeCpr, normaliseHeader, parseBoolean, parseDate, parseDecimal, parseInteger, resolveFte } from "../../import/parse";
import { detectDelimiter } from "../../import/readers/csv";
import { findCycles } from "../../import/kinds/units";
import { renderMessage } from "../../import/messages";

describe("dates", () => {
  it.each([
    ["2024-02-29", "2024-02-29"],
    ["29-02-2024", "2024-02-29"],
    ["29.02.2024", "2024-02-29"],
    ["1.2.2024", "2024-02-01"],
    ["01-02-2024", "2024-02-01"],
    ["  2024-12-31 ", "2024-12-31"],
    ["2024-03-05 00:00:00", "2024-03-05"],
    ["", null],
  ])("%s reads as %s", (raw, expected) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(["2023-02-29", "31.04.2024", "00-01-2024", "2024-13-01", "0000-01-01", "2024-00-10", "32-01-2024"])("impossible date %s is refused as impossible", (raw) => {
    expect(parseDate(raw)).toEqual({ ok: false, key: "value.dateImpossible" });
  });

  it.each(["02/01/2024", "2024.01.02", "1-2-24", "i går", "29-02.2024", "29.02-2024", "2024-01-0x", "+1-02-2024", "2024-1-010", "2024-01-01 13:30"])("%s is not a date", (raw) => {
    expect(parseDate(raw)).toEqual({ ok: false, key: "value.date" });
  });
});

describe("numbers", () => {
  it("reads decimal comma and decimal point alike", () => {
    expect(parseDecimal("0,8")).toEqual({ ok: true, value: 0.8 });
    expect(parseDecimal("0.8")).toEqual({ ok: true, value: 0.8 });
    expect(parseDecimal(" 62,5 ")).toEqual({ ok: true, value: 62.5 });
    expect(parseDecimal(",5")).toEqual({ ok: true, value: 0.5 });
    expect(parseDecimal("")).toEqual({ ok: true, value: null });
  });

  it("refuses text, two separators and thousands groups", () => {
    for (const raw of ["abc", "1,2,3", "1.234,5", "0,8 fte", "--1"]) expect(parseDecimal(raw).ok).toBe(false);
  });

  it("whole numbers accept a zero fraction from spreadsheets but not a real fraction", () => {
    expect(parseInteger("12")).toEqual({ ok: true, value: 12 });
    expect(parseInteger("12,0")).toEqual({ ok: true, value: 12 });
    expect(parseInteger("12,5")).toEqual({ ok: false, key: "value.integer" });
    expect(parseInteger("tolv")).toEqual({ ok: false, key: "value.integer" });
  });
});

describe("booleans", () => {
  it.each([
    ["true", true], ["FALSE", false], ["ja", true], ["Nej", false], ["1", true], ["0", false],
    ["x", true], ["X", true], ["", null], ["SAND", true], ["FALSK", false],
  ])("%s reads as %s", (raw, expected) => {
    expect(parseBoolean(raw)).toEqual({ ok: true, value: expected });
  });

  it("refuses anything else", () => {
    expect(parseBoolean("måske")).toEqual({ ok: false, key: "value.boolean" });
  });
});

describe("CPR numbers", () => {
  it("recognises DDMMYY-XXXX and ten digits, not pseudonymous ids", () => {
    expect(looksLikeCpr("010190-1234")).toBe(true);
    expect(looksLikeCpr("0101901234")).toBe(true);
    expect(looksLikeCpr("E-10443")).toBe(false);
    expect(looksLikeCpr("123456789")).toBe(false);
    expect(looksLikeCpr("12345678901")).toBe(false);
  });
});

describe("fte", () => {
  it("keeps a fraction and converts weekly hours as hours/37", () => {
    expect(resolveFte(0.8)).toEqual({ fte: 0.8, fromHours: false });
    expect(resolveFte(1.5)).toEqual({ fte: 1.5, fromHours: false });
    // 30 hours / 37 = 0.81081…, stored with four decimals.
    expect(resolveFte(30)).toEqual({ fte: 0.8108, fromHours: true });
    expect(resolveFte(37)).toEqual({ fte: 1, fromHours: true });
  });

  it("rounds a fraction to the four decimals stored, so a re-import compares equal", () => {
    // 0.33333 is stored as 0.3333; 30/37 typed as a formula (0.810810…) as 0.8108; a half
    // (0.12345) rounds away from zero to 0.1235; 0.00004 rounds to 0, which is no FTE.
    expect(resolveFte(0.33333)).toEqual({ fte: 0.3333, fromHours: false });
    expect(resolveFte(30 / 37)).toEqual({ fte: 0.8108, fromHours: false });
    expect(resolveFte(0.12345)).toEqual({ fte: 0.1235, fromHours: false });
    expect(resolveFte(0.00004)).toBeNull();
  });

  it("refuses zero, negatives and more than 1.5 × 37 hours", () => {
    expect(resolveFte(0)).toBeNull();
    expect(resolveFte(-1)).toBeNull();
    expect(resolveFte(56)).toBeNull();
  });
});

describe("headers and delimiters", () => {
  it("matches headers case-insensitively, with spaces or hyphens for underscores", () => {
    expect(normaliseHeader("\uFEFFUnit_Code")).toBe("unit_code");
    expect(normaliseHeader(" Start Date ")).toBe("start_date");
    expect(normaliseHeader("END-REASON")).toBe("end_reason");
  });

  it("detects ; or , or tab from the header row, ignoring quoted separators", () => {
    expect(detectDelimiter("a;b;c\n1,2;3;4")).toBe(";");
    expect(detectDelimiter("a,b,c\n1;2")).toBe(",");
    expect(detectDelimiter('"x;y",b,c')).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
  });
});

describe("unit tree cycles", () => {
  it("finds a cycle once, and none in a tree", () => {
    const tree = new Map<string, string | null>([["A", null], ["B", "A"], ["C", "B"]]);
    expect(findCycles(tree)).toEqual([]);
    const cyclic = new Map<string, string | null>([["A", null], ["B", "D"], ["C", "B"], ["D", "C"], ["E", "C"]]);
    expect(findCycles(cyclic)).toEqual([["B", "D", "C"]]);
  });
});

describe("messages", () => {
  it("renders Danish by default and English on request", () => {
    expect(renderMessage("file.tooManyRows", { limit: 10 })).toContain("flere end 10 datarækker");
    expect(renderMessage("file.tooManyRows", { limit: 10 }, "en")).toContain("more than 10 data rows");
  });
});
