// SD Løn answers → contract rows (pure): status codes, the end-reason table, merging changes.
import { describe, expect, it } from "vitest";
import { applyEmploymentChanges, DEFAULT_SD_END_REASONS, emptySdState, sdRows, soapBody } from "../../connectors/sd/translate";
import { mapEndReason } from "../../connectors/tables";
import { ConnectorError } from "../../connectors/contract";

const SECRET = "sd-unit-secret-0123456789abcdef0123456";
const answer = (employments: string) => soapBody(`<Envelope><Body><GetEmploymentChangedAtDate20111201>
  <Person><PersonCivilRegistrationIdentifier>0101801111</PersonCivilRegistrationIdentifier>${employments}</Person>
</GetEmploymentChangedAtDate20111201></Body></Envelope>`, "GetEmploymentChangedAtDate20111201");
const el = (name: string, from: string, inner: string, to = "9999-12-31") => `<${name}><ActivationDate>${from}</ActivationDate><DeactivationDate>${to}</DeactivationDate>${inner}</${name}>`;
const employment = (statuses: [string, string][]) => `<Employment><EmploymentIdentifier>00001</EmploymentIdentifier>
  ${el("EmploymentDepartment", "2023-01-01", "<DepartmentIdentifier>T</DepartmentIdentifier>")}
  ${el("Profession", "2023-01-01", "<EmploymentName>Socialrådgiver</EmploymentName>")}
  ${statuses.map(([from, code]) => el("EmploymentStatus", from, `<EmploymentStatusCode>${code}</EmploymentStatusCode>`)).join("")}
  ${el("WorkingTime", "2023-01-01", "<OccupationRate>0,8000</OccupationRate>")}</Employment>`;
const units = [{ id: "T", name: "Team", level: null, parent: null }];
const tables = (endReasons = DEFAULT_SD_END_REASONS) => ({ roles: { "Socialrådgiver": "caseworker" as const }, unitKinds: {}, endReasons, managerProfessions: [] });

describe("SD translation", () => {
  it.each([["7", "other"], ["8", "unknown"], ["9", "retirement"]])("status %s after the employment ends it with %s", (code, reason) => {
    const state = applyEmploymentChanges(emptySdState(), answer(employment([["2023-01-01", "1"], ["2024-05-01", "3"], ["2024-10-01", code]])), "2025-01-01", SECRET);
    const rows = sdRows(units, state, tables());
    // On leave (3) is still employed: one period, 0.8 FTE, ending the day before the new status.
    expect(rows.employments.map((r) => [r.fte, r.start_date, r.end_date, r.end_reason])).toEqual([["0.8", "2023-01-01", "2024-09-30", reason]]);
  });

  it("the administrator's table decides; only a code mapped to resignation is voluntary", () => {
    const state = applyEmploymentChanges(emptySdState(), answer(employment([["2023-01-01", "1"], ["2024-10-01", "8"]])), "2025-01-01", SECRET);
    expect(sdRows(units, state, tables({ ...DEFAULT_SD_END_REASONS, "8": "resignation" })).employments[0].end_reason).toBe("resignation");
    expect(mapEndReason({}, null)).toBe("unknown");
    expect(mapEndReason({ "8": "resignation" }, "99")).toBe("unknown");
  });

  it("a later answer replaces the same date and caps the earlier element", () => {
    let state = applyEmploymentChanges(emptySdState(), answer(employment([["2023-01-01", "1"]])), "2024-01-01", SECRET);
    state = applyEmploymentChanges(state, answer(`<Employment><EmploymentIdentifier>00001</EmploymentIdentifier>${el("WorkingTime", "2024-02-01", "<OccupationRate>1.0</OccupationRate>")}</Employment>`), "2024-03-01", SECRET);
    const rows = sdRows(units, state, tables());
    expect(rows.employments.map((r) => [r.fte, r.start_date, r.end_date, r.end_reason])).toEqual([["0.8", "2023-01-01", "2024-01-31", "internal_transfer"], ["1", "2024-02-01", "", ""]]);
    expect(JSON.stringify(state)).not.toContain("0101801111");
    expect(state.readTo).toBe("2024-03-01");
  });

  it("an employment in a department SD's organisation does not list is a bad record with its id", () => {
    const state = applyEmploymentChanges(emptySdState(), answer(employment([["2023-01-01", "1"]])), "2024-01-01", SECRET);
    expect(() => sdRows([], state, tables())).toThrow(ConnectorError);
    try { sdRows([], state, tables()); } catch (e) { expect((e as ConnectorError).recordId).toBe("00001"); }
  });
});
