// Column mappings (pure): best guesses for a Danish HR export's header and values, and applying them.
import { describe, expect, it } from "vitest";
import { applyMapping, guessColumns, guessValue, headerFitsKind, missingFields, squash } from "../../connectors/mapping/mapping";

const EMPLOYMENT_FIELDS = ["employee_id", "display_name", "unit_code", "role", "is_manager", "fte", "start_date", "end_date", "end_reason"];

describe("column mapping", () => {
  it("squashes Danish headers", () => {
    expect(squash("Medarbejder-nr.")).toBe("medarbejdernr");
    expect(squash("Årsag")).toBe("aarsag");
    expect(squash("Beskæftigelsesgrad")).toBe("beskaeftigelsesgrad");
  });

  it("guesses each field's column once, by name, synonym or containment", () => {
    const header = ["Medarbejdernr", "Afdeling", "Stilling", "Leder", "Timer", "Ansat fra", "Ansat til", "Årsag"];
    expect(guessColumns(header, EMPLOYMENT_FIELDS)).toEqual({
      employee_id: "Medarbejdernr", display_name: null, unit_code: "Afdeling", role: "Stilling", is_manager: "Leder",
      fte: "Timer", start_date: "Ansat fra", end_date: "Ansat til", end_reason: "Årsag",
    });
    expect(guessColumns(["unit_code", "Navn"], ["unit_code", "name"])).toEqual({ unit_code: "unit_code", name: "Navn" });
  });

  it("guesses values: Ja/Nej, and our keys by their spelling", () => {
    expect(guessValue("Ja", ["true", "false"])).toBe("true");
    expect(guessValue("Nej", ["true", "false"])).toBe("false");
    expect(guessValue("Social kapital", ["trivsel", "social_kapital"])).toBe("social_kapital");
    expect(guessValue("Overflyttet", ["resignation", "internal_transfer"])).toBeNull();
  });

  it("applies columns and value tables, case-insensitively, leaving unmapped values as they are", () => {
    const mapping = { columns: { employee_id: "Nr", is_manager: "Leder", role: "Stilling" }, values: { is_manager: { Ja: "true", Nej: "false" }, role: { Socialrådgiver: "caseworker" } } };
    expect(applyMapping(mapping, { Nr: "7", Leder: "ja", Stilling: "Konsulent", Andet: "x" })).toEqual({ employee_id: "7", is_manager: "true", role: "Konsulent" });
    expect(missingFields(mapping, ["employee_id", "unit_code"])).toEqual(["unit_code"]);
  });

  it("a header that names every required field needs no mapping", () => {
    expect(headerFitsKind(["Unit_Code", "name", "kind"], ["unit_code", "name", "kind"])).toBe(true);
    expect(headerFitsKind(["Enhed", "Navn"], ["unit_code", "name", "kind"])).toBe(false);
  });
});
