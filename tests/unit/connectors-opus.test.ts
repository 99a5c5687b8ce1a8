// KMD Opus delta files → contract rows (pure): moves, leaves, a manager change, CPR pseudonymised.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyOpusFile, emptyOpusState, fileDate, opusRows, type OpusState } from "../../connectors/opus/translate";
import { pseudonymise } from "../../connectors/pseudonym";
import { ConnectorError } from "../../connectors/contract";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/connectors/opus");
const SECRET = "test-secret-for-pseudonyms-0123456789";
const files = fs.readdirSync(dir).filter((n) => n.endsWith(".xml")).sort();
const tables = { roles: { "Socialrådgiver": "caseworker" as const }, unitKinds: {} };

function readAll(upTo = files.length): OpusState {
  return files.slice(0, upTo).reduce((state, name) => applyOpusFile(state, name, fs.readFileSync(path.join(dir, name), "utf8"), SECRET), emptyOpusState());
}

describe("Opus translation", () => {
  it("reads the file date from the name", () => {
    expect(fileDate("ZLPE20241001020000_delta.xml")).toBe("2024-10-01");
    expect(() => fileDate("report.xml")).toThrow(ConnectorError);
  });

  it("gives the contract file's periods, with CPR-keyed pseudonyms and no CPR anywhere", () => {
    const state = readAll();
    const out = opusRows(state, tables);
    const id = (cpr: string) => pseudonymise(cpr, SECRET, "x");
    const A = id("0101801111"), B = id("0202802222"), C = id("0303803333"), D = id("0404804444"), E = id("0505805555");
    const rows = out.employments.map((r) => [r.employee_id, r.unit_code, r.is_manager, r.fte, r.start_date, r.end_date, r.end_reason].join(";")).sort();
    expect(rows).toEqual([
      `${A};310;false;1;2023-01-01;2024-06-30;internal_transfer`,
      `${A};320;false;1;2024-07-01;;`,
      `${B};310;false;0.5;2023-01-01;;`,
      `${B};320;false;0.5;2023-01-01;;`,
      `${C};310;true;1;2023-01-01;2024-03-31;internal_transfer`,
      `${C};310;false;1;2024-04-01;;`,
      `${D};320;false;1;2023-01-01;2024-09-30;unknown`,
      `${E};320;false;1;2024-04-01;;`,
    ].sort());
    expect(out.units.map((u) => [u.unit_code, u.parent_code, u.kind])).toEqual([["100", "", "organisation"], ["200", "100", "department"], ["310", "200", "team"], ["320", "200", "team"]]);
    const stored = JSON.stringify(state);
    for (const cpr of ["0101801111", "0202802222", "0303803333", "0404804444", "0505805555"]) expect(stored).not.toContain(cpr);
    expect(A).toMatch(/^p-[0-9a-f]{24}$/);
    expect(pseudonymise("010180-1111", SECRET, "x")).toBe(A);
    expect(pseudonymise("0101801111", `${SECRET}-other`, "x")).not.toBe(A);
  });

  it("a delta applied to the state changes only what it says", () => {
    const before = readAll(2);
    expect(opusRows(before, tables).employments.filter((r) => r.unit_code === "320" && r.end_date === "")).toHaveLength(3);
    expect(before.lastFile).toBe(files[1]);
  });

  it("a leave of an unknown employee, a malformed file and a missing CPR are refused without showing a CPR", () => {
    expect(() => applyOpusFile(emptyOpusState(), "ZLPE20240101000000_delta.xml", `<kmd><employee id="9" action="leave"/></kmd>`, SECRET)).toThrow(/never employed/);
    expect(() => applyOpusFile(emptyOpusState(), "ZLPE20240101000000_delta.xml", `<kmd><employee id="9"><cpr>0101801111</kmd>`, SECRET)).toThrow(/not well-formed/);
    try {
      applyOpusFile(emptyOpusState(), "ZLPE20240101000000_delta.xml", `<kmd><employee id="9"><cpr>01018011</cpr><orgUnit>1</orgUnit><numerator>1</numerator><denominator>1</denominator></employee></kmd>`, SECRET);
      expect.unreachable();
    } catch (error) {
      expect((error as ConnectorError).recordId).toBe("9");
      expect((error as Error).message).not.toContain("01018011");
    }
  });
});
