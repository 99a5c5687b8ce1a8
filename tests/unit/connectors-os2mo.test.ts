// OS2mo → contract rows (pure), and the connector's queries against OS2mo's published v29 schema.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSchema, parse, validate } from "graphql";
import { translateOs2mo } from "../../connectors/os2mo/translate";
import { ENGAGEMENTS_QUERY, MANAGERS_QUERY, ORG_UNITS_QUERY, PING_QUERY } from "../../connectors/os2mo/queries";
import { ConnectorError } from "../../connectors/contract";
import { OS2MO_ENGAGEMENTS, OS2MO_MANAGERS, OS2MO_ORG_UNITS, OS2MO_ROLE_TABLE, P } from "../../demo/os2mo/organisation";

const records = { orgUnits: OS2MO_ORG_UNITS, engagements: OS2MO_ENGAGEMENTS, managers: OS2MO_MANAGERS };
const tables = { roles: { ...OS2MO_ROLE_TABLE }, unitKinds: {} };

/** The contract file tests/fixtures/connectors/contract/employments.csv with OS2mo's person uuids. */
function contractEmployments(ids: Record<string, string>) {
  const [head, ...lines] = fs.readFileSync(new URL("../fixtures/connectors/contract/employments.csv", import.meta.url), "utf8").trim().split("\n");
  const names = head.split(";");
  return lines.map((line) => {
    const cells = line.split(";");
    const row = Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ""]));
    return { ...row, employee_id: ids[row.employee_id], display_name: "" };
  });
}

describe("OS2mo translation", () => {
  it("gives the rows of the hand-written contract files: a move, a double engagement, a manager stepping down, a leaver", () => {
    const out = translateOs2mo(records, tables);
    expect(out.units).toEqual([
      { unit_code: "ORG", name: "Kommunen", parent_code: "", kind: "organisation" },
      { unit_code: "FAM", name: "Familieafdelingen", parent_code: "ORG", kind: "department" },
      { unit_code: "T-NORD", name: "Team Nord", parent_code: "FAM", kind: "team" },
      { unit_code: "T-SYD", name: "Team Syd", parent_code: "FAM", kind: "team" },
    ]);
    const key = (r: { employee_id: string; unit_code: string; start_date: string }) => `${r.employee_id}|${r.unit_code}|${r.start_date}`;
    const sort = <T extends { employee_id: string; unit_code: string; start_date: string }>(rows: T[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(out.employments)).toEqual(sort(contractEmployments(P) as unknown as typeof out.employments));
    expect(out.notes).toEqual({ missingFraction: 1, vacantManagers: 1 });
  });

  it("maps unit types by the administrator's table", () => {
    const out = translateOs2mo(records, { ...tables, unitKinds: { Afdeling: "centre" } });
    expect(out.units.find((u) => u.unit_code === "FAM")?.kind).toBe("centre");
  });

  it("a job function without a role stops the sync, naming the engagement", () => {
    try {
      translateOs2mo(records, { roles: {}, unitKinds: {} });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).recordId).toBe(OS2MO_ENGAGEMENTS[0].uuid);
      expect((error as ConnectorError).detail).toContain("Socialrådgiver");
    }
    const withDefault = translateOs2mo(records, { roles: {}, defaultRole: "other", unitKinds: {} });
    expect(new Set(withDefault.employments.map((e) => e.role))).toEqual(new Set(["other"]));
  });

  it("an engagement in a unit OS2mo did not list, or with a broken shape, is a bad record with its id", () => {
    const stray = { ...OS2MO_ENGAGEMENTS[0], validities: [{ ...OS2MO_ENGAGEMENTS[0].validities[0], org_unit_uuid: "99999999-0000-4000-8000-000000000000" }] };
    expect(() => translateOs2mo({ ...records, engagements: [stray] }, tables)).toThrow(/did not list/);
    const broken = { uuid: "e-broken", validities: [{ fraction: "half" }] };
    expect(() => translateOs2mo({ ...records, engagements: [broken] }, tables)).toThrow(ConnectorError);
  });

  it("fraction is occupation rate × 1,000,000", () => {
    const one = { ...OS2MO_ENGAGEMENTS[0], validities: [{ ...OS2MO_ENGAGEMENTS[0].validities[0], fraction: 750_000 }] };
    const out = translateOs2mo({ ...records, engagements: [one], managers: [] }, tables);
    expect(out.employments.map((e) => e.fte)).toEqual(["0.75"]);
  });
});

describe("the connector's queries", () => {
  const schema = buildSchema(fs.readFileSync(new URL("../../connectors/os2mo/schema.v29.graphql", import.meta.url), "utf8"));
  it.each([["org units", ORG_UNITS_QUERY], ["engagements", ENGAGEMENTS_QUERY], ["managers", MANAGERS_QUERY], ["ping", PING_QUERY]])(
    "%s validate against OS2mo's v29 schema", (_name, query) => {
      expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
    });
  it("a field v29 does not have is refused (the check can fail)", () => {
    expect(validate(schema, parse("{ org_units { objects { uuid no_such_field } } }")).length).toBeGreaterThan(0);
  });
});
