// The turnover page's unit picker: within the user's scope, in tree order from the top of that
// scope, never more options than the limit (the levels above the teams when the scope is larger),
// and always holding the chosen unit so submitting the form keeps it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { unitPicker, type UnitOption } from "../../db/presenters/units";
import { createTestDatabase, type TestDatabase } from "../helpers/services";

let t: TestDatabase;
const id: Record<string, number> = {};

// ORG → C1 (D1: T01–T06, D2: T07–T09), C2 (D3: T10): 16 units, 6 of them above the teams.
const TREE: Array<[code: string, kind: string, parent: string | null]> = [
  ["ORG", "organisation", null], ["C2", "centre", "ORG"], ["C1", "centre", "ORG"],
  ["D1", "department", "C1"], ["D2", "department", "C1"], ["D3", "department", "C2"],
  ...["T06", "T02", "T01", "T03", "T04", "T05"].map((c): [string, string, string] => [c, "team", "D1"]),
  ...["T07", "T08", "T09"].map((c): [string, string, string] => [c, "team", "D2"]),
  ["T10", "team", "D3"],
];

beforeAll(async () => {
  t = await createTestDatabase("ui_picker");
  for (const [code, kind, parent] of TREE) {
    const [row] = await queryRows<{ id: number }>(t.db, sql`
      insert into units (code, name, kind, parent_id) values (${code}, ${`Enhed ${code}`}, ${kind}, ${parent ? id[parent] : null}) returning id`);
    id[code] = row.id;
  }
});

afterAll(async () => {
  await t?.drop();
});

const shown = (options: UnitOption[]) => options.map((o) => `${"  ".repeat(o.depth)}${o.code}`);
const scopeOf = (...codes: string[]) => new Set(codes.map((c) => id[c]));

describe("unit picker (turnover, plans)", () => {
  it("offers every unit in tree order, children by code, when the scope fits", async () => {
    const picker = await unitPicker(t.db, "all", null, 16);
    expect(picker.teamsOmitted).toBe(false);
    expect(shown(picker.options)).toEqual([
      "ORG", "  C1", "    D1", "      T01", "      T02", "      T03", "      T04", "      T05", "      T06",
      "    D2", "      T07", "      T08", "      T09", "  C2", "    D3", "      T10",
    ]);
  });

  it("offers the levels above the teams when the scope is larger than the limit, with the chosen team under its parent", async () => {
    const picker = await unitPicker(t.db, "all", id.T08, 15);
    expect(picker.teamsOmitted).toBe(true);
    expect(shown(picker.options)).toEqual(["ORG", "  C1", "    D1", "    D2", "      T08", "  C2", "    D3"]);
  });

  it("still offers the chosen unit, last, when even the levels above the teams pass the limit", async () => {
    const picker = await unitPicker(t.db, "all", id.T10, 3);
    expect(shown(picker.options)).toEqual(["ORG", "  C1", "    D1", "T10"]);
  });

  it("starts a manager's picker at the top of their scope, several tops side by side", async () => {
    const d1 = await unitPicker(t.db, scopeOf("D1", "T01", "T02", "T03", "T04", "T05", "T06"), null, 400);
    expect(shown(d1.options)).toEqual(["D1", "  T01", "  T02", "  T03", "  T04", "  T05", "  T06"]);
    const two = await unitPicker(t.db, scopeOf("D2", "T07", "T08", "T09", "C2", "D3", "T10"), null, 400);
    expect(shown(two.options)).toEqual(["C2", "  D3", "    T10", "D2", "  T07", "  T08", "  T09"]);
  });

  it("never offers a chosen unit outside the scope", async () => {
    const picker = await unitPicker(t.db, scopeOf("D3", "T10"), id.T01, 400);
    expect(shown(picker.options)).toEqual(["D3", "  T10"]);
  });
});
