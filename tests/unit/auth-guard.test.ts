// The permission rules on hand-built facts (no database): scope resolution over unit subtrees,
// committee scopes, organisation-wide grants, and the privacy rules of DOMAIN.md.
//
// The tree used throughout (ids in brackets):
//   ORG[1]
//   ├── Klynge A[10] ── Team A1[11], Team A2[12]
//   └── Klynge B[20] ── Team B1[21]
// MED committee 100 covers Klynge A; committee 200 covers Team B1 only.
import { describe, expect, it } from "vitest";
import { delaySeconds, throttleKey } from "../../app/lib/rate-limit.server";
import { CAPABILITIES, ROLE_CAPABILITIES, can, resolveScopes, scopeOf, type GrantFacts, type Principal } from "../../domain/access";

const PARENT: Record<number, number | null> = { 1: null, 10: 1, 11: 10, 12: 10, 20: 1, 21: 20 };
/** Every (ancestor, descendant) pair including self, derived from PARENT. */
const CLOSURE = Object.keys(PARENT).map(Number).flatMap((descendant) => {
  const pairs: { ancestorId: number; descendantId: number }[] = [];
  for (let a: number | null = descendant; a !== null; a = PARENT[a]) pairs.push({ ancestorId: a, descendantId: descendant });
  return pairs;
});
const COMMITTEE_UNITS = [{ committeeId: 100, unitId: 10 }, { committeeId: 200, unitId: 21 }];

function principal(grants: GrantFacts["grants"]): Principal {
  const user = { id: 1, email: "x@k.dk", displayName: "X", language: "da" as const, employeeId: null };
  return { user, ...resolveScopes({ grants, committeeUnits: COMMITTEE_UNITS, closure: CLOSURE }) };
}

describe("unit subtree scopes", () => {
  const managerA = principal([{ role: "manager", unitId: 10, committeeId: null }]);

  it("a manager of cluster A reaches cluster A and its teams", () => {
    expect(scopeOf(managerA, "view_caseworkers")).toEqual(new Set([10, 11, 12]));
    expect(can(managerA, "view_load", 12)).toBe(true);
  });

  it("a manager of cluster A cannot reach a team of cluster B, nor the parent organisation", () => {
    expect(can(managerA, "view_load", 21)).toBe(false);
    expect(can(managerA, "view_caseworkers", 21)).toBe(false);
    expect(can(managerA, "view_turnover", 20)).toBe(false);
    expect(can(managerA, "view_load", 1)).toBe(false);
  });

  it("a team manager does not reach the sibling team", () => {
    const managerA1 = principal([{ role: "manager", unitId: 11, committeeId: null }]);
    expect(can(managerA1, "view_caseworkers", 11)).toBe(true);
    expect(can(managerA1, "view_caseworkers", 12)).toBe(false);
  });

  it("grants on two subtrees add up", () => {
    const both = principal([{ role: "manager", unitId: 11, committeeId: null }, { role: "manager", unitId: 21, committeeId: null }]);
    expect(scopeOf(both, "view_load")).toEqual(new Set([11, 21]));
  });
});

describe("MED committee scopes", () => {
  it("a MED member reaches exactly the committee's units and their subtrees", () => {
    const medA = principal([{ role: "med", unitId: null, committeeId: 100 }]);
    expect(scopeOf(medA, "view_plans")).toEqual(new Set([10, 11, 12]));
    const medB = principal([{ role: "med", unitId: null, committeeId: 200 }]);
    expect(scopeOf(medB, "review_plans")).toEqual(new Set([21]));
    expect(can(medB, "view_load", 20)).toBe(false);
  });

  it("a MED member never sees caseworker names or departure names, and reviews plans", () => {
    const med = principal([{ role: "med", unitId: null, committeeId: 100 }]);
    expect(can(med, "view_caseworkers", 11)).toBe(false);
    expect(can(med, "view_departure_names", 11)).toBe(false);
    expect(can(med, "review_plans", 11)).toBe(true);
    expect(can(med, "view_turnover", 11)).toBe(true);
  });
});

describe("organisation-wide grants", () => {
  it("HR sees turnover everywhere, no names of leavers, and no caseload or survey figures", () => {
    const hr = principal([{ role: "hr", unitId: null, committeeId: null }]);
    expect(scopeOf(hr, "view_turnover")).toBe("all");
    expect(can(hr, "view_departure_names", 21)).toBe(false); // only the person's own managers
    expect(can(hr, "view_load", 21)).toBe(false);
    expect(can(hr, "view_caseworkers")).toBe(false);
    expect(can(hr, "view_wellbeing")).toBe(false);
  });

  it("the director reads everything except names, and changes nothing", () => {
    const director = principal([{ role: "director", unitId: null, committeeId: null }]);
    for (const cap of ["view_load", "view_turnover", "view_wellbeing", "view_plans"] as const) expect(can(director, cap, 21)).toBe(true);
    for (const cap of ["view_caseworkers", "view_departure_names", "edit_plans", "review_plans", "import_data", "admin_users"] as const) {
      expect(can(director, cap), cap).toBe(false);
    }
  });

  it("the administrator runs the system everywhere but sees no names", () => {
    const admin = principal([{ role: "admin", unitId: null, committeeId: null }]);
    for (const cap of ["admin_users", "view_audit", "view_jobs", "import_data", "view_load"] as const) expect(scopeOf(admin, cap)).toBe("all");
    expect(can(admin, "view_caseworkers", 11)).toBe(false);
    expect(can(admin, "view_departure_names", 11)).toBe(false);
  });

  it("an organisation-wide grant of a role that needs a scope reaches nothing", () => {
    const broken = principal([{ role: "manager", unitId: null, committeeId: null }]);
    expect(can(broken, "view_load")).toBe(false);
  });

  it("a user without grants can do nothing", () => {
    const nobody = principal([]);
    for (const cap of CAPABILITIES) expect(can(nobody, cap)).toBe(false);
  });
});

describe("the capability table", () => {
  it("only managers hold per-caseworker figures (names only for the person's own managers)", () => {
    const holders = Object.entries(ROLE_CAPABILITIES).filter(([, caps]) => caps.includes("view_caseworkers")).map(([role]) => role);
    expect(holders).toEqual(["manager"]);
  });
});

describe("login throttling", () => {
  it("lets two wrong passwords pass, then doubles the wait from 5 s up to 15 minutes", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 11, 50].map(delaySeconds)).toEqual([0, 0, 0, 5, 10, 20, 40, 640, 900, 900]);
  });

  it("keys on the account and the address together, whatever case the e-mail is typed in", () => {
    expect(throttleKey("Anna@K.dk ", "10.0.0.1")).toBe(throttleKey("anna@k.dk", "10.0.0.1"));
    expect(throttleKey("anna@k.dk", "10.0.0.1")).not.toBe(throttleKey("anna@k.dk", "10.0.0.2"));
    expect(throttleKey("anna@k.dk", "10.0.0.1")).not.toContain("anna");
  });
});
