import { describe, expect, it } from "vitest";
import { claimValues, grantsFor, hasGroupOverage, identityFromOidcClaims, sameGrants, type MappingRule } from "../../domain/sso-claims";
import { decodePrivileges, entitlementsFromPrivileges, parsePrivilegeList } from "../../app/lib/sso/oiobpp";

const rules: MappingRule[] = [
  { claimValue: "Leder.Nord", role: "manager", unitId: 5, committeeId: null },
  { claimValue: "HR", role: "hr", unitId: null, committeeId: null },
  { claimValue: "kombit/leder", role: "manager", unitId: null, committeeId: null },
  { claimValue: "MED", role: "med", unitId: null, committeeId: 3 },
];
const units = new Map([["KN", 5], ["KV", 7]]);

describe("claim values", () => {
  it("reads an array claim, a single string, and nothing else", () => {
    expect(claimValues({ roles: ["a", " b ", "a", 3, ""] }, "roles")).toEqual(["a", "b"]);
    expect(claimValues({ roles: "solo" }, "roles")).toEqual(["solo"]);
    expect(claimValues({ roles: { x: 1 } }, "roles")).toEqual([]);
    expect(claimValues({}, "roles")).toEqual([]);
  });

  it("sees Entra ID's group overage in _claim_names or hasgroups", () => {
    expect(hasGroupOverage({ _claim_names: { groups: "src1" } }, "groups")).toBe(true);
    expect(hasGroupOverage({ hasgroups: true }, "groups")).toBe(true);
    expect(hasGroupOverage({ hasgroups: true }, "roles")).toBe(false);
    expect(hasGroupOverage({ groups: ["g"] }, "groups")).toBe(false);
  });
});

describe("grants from the mapping", () => {
  it("gives the rule's scope, merges duplicates and ignores unmapped values", () => {
    expect(grantsFor([{ value: "Leder.Nord", unitCodes: [] }, { value: "Leder.Nord", unitCodes: [] }, { value: "Other", unitCodes: [] }], rules, units))
      .toEqual([{ role: "manager", unitId: 5, committeeId: null }]);
  });

  it("takes the units of a constrained privilege when the rule names none; unknown codes give nothing", () => {
    expect(grantsFor([{ value: "kombit/leder", unitCodes: ["KN", "KV", "XX"] }], rules, units)).toEqual([
      { role: "manager", unitId: 5, committeeId: null },
      { role: "manager", unitId: 7, committeeId: null },
    ]);
  });

  it("drops a manager rule without any unit (no constraint): a manager of nothing is no grant", () => {
    expect(grantsFor([{ value: "kombit/leder", unitCodes: [] }], rules, units)).toEqual([]);
  });

  it("keeps an unconstrained HR rule organisation-wide and a MED rule on its committee", () => {
    expect(grantsFor([{ value: "HR", unitCodes: [] }, { value: "MED", unitCodes: [] }], rules, units)).toEqual([
      { role: "hr", unitId: null, committeeId: null },
      { role: "med", unitId: null, committeeId: 3 },
    ]);
  });

  it("compares grant sets regardless of order", () => {
    const a = { role: "hr" as const, unitId: null, committeeId: null };
    const b = { role: "manager" as const, unitId: 5, committeeId: null };
    expect(sameGrants([a, b], [b, a])).toBe(true);
    expect(sameGrants([a], [a, b])).toBe(false);
  });
});

describe("identity from OIDC claims", () => {
  it("takes e-mail from email, else a mail-shaped preferred_username or upn, and the name", () => {
    expect(identityFromOidcClaims("https://login.microsoftonline.com/t/v2.0", { sub: "s1", preferred_username: "Nora@K.dk", name: "Nora" }))
      .toEqual({ issuer: "https://login.microsoftonline.com/t/v2.0", subject: "s1", email: "nora@k.dk", displayName: "Nora" });
    expect(identityFromOidcClaims("https://i", { sub: "s2", preferred_username: "nora", given_name: "Nora", family_name: "Nord" }))
      .toMatchObject({ email: null, displayName: "Nora Nord" });
  });
});

describe("OIO-BPP privileges", () => {
  const xml = `<?xml version="1.0"?><bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile">
    <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189846">
      <Privilege>http://belastning.dk/roles/usersystemrole/leder/1</Privilege>
      <Privilege>http://belastning.dk/roles/usersystemrole/hr/1</Privilege>
      <Constraint Name="http://sts.kombit.dk/constraints/orgenhed/1">KN, KV</Constraint>
      <Constraint Name="http://sts.kombit.dk/constraints/KLE/1">27.*</Constraint>
    </PrivilegeGroup>
    <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:11111111">
      <Privilege>http://belastning.dk/roles/usersystemrole/direktion/1</Privilege>
    </PrivilegeGroup>
  </bpp:PrivilegeList>`;

  it("reads groups, privileges and constraints", () => {
    const groups = parsePrivilegeList(xml);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toEqual({
      cvr: "29189846",
      privileges: ["http://belastning.dk/roles/usersystemrole/leder/1", "http://belastning.dk/roles/usersystemrole/hr/1"],
      constraints: [
        { name: "http://sts.kombit.dk/constraints/orgenhed/1", values: ["KN", "KV"] },
        { name: "http://sts.kombit.dk/constraints/KLE/1", values: ["27.*"] },
      ],
    });
  });

  it("keeps only the municipality's CVR and only organisation-unit constraints as scope", () => {
    const entitlements = entitlementsFromPrivileges(decodePrivileges(Buffer.from(xml).toString("base64")), "29189846");
    expect(entitlements).toEqual([
      { value: "http://belastning.dk/roles/usersystemrole/leder/1", unitCodes: ["KN", "KV"] },
      { value: "http://belastning.dk/roles/usersystemrole/hr/1", unitCodes: ["KN", "KV"] },
    ]);
    expect(entitlementsFromPrivileges(parsePrivilegeList(xml))).toHaveLength(3);
  });

  it("refuses XML that is not a privilege list", () => {
    expect(() => parsePrivilegeList("<Other/>")).toThrow(/PrivilegeList/);
  });
});

describe("SSO configuration", () => {
  it("allows plain http only for a provider on a loopback address", async () => {
    const { insecureAllowed } = await import("../../app/lib/sso/oidc.server");
    expect(insecureAllowed("https://login.microsoftonline.com/t/v2.0")).toBe(false);
    expect(insecureAllowed("http://127.0.0.1:4000")).toBe(true);
    expect(insecureAllowed("http://localhost:4000")).toBe(true);
    expect(() => insecureAllowed("http://idp.kommune.dk")).toThrow(/https/);
  });

  it("refuses at start SSO settings that cannot work together", async () => {
    const { env, resetEnvCache } = await import("../../env");
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { OIDC_ISSUER: "https://idp.example/", OIDC_CLIENT_ID: "x" });
      delete process.env.APP_URL;
      resetEnvCache();
      expect(() => env()).toThrow(/APP_URL: required/);
      delete process.env.OIDC_ISSUER;
      process.env.AUTH_PASSWORD = "off";
      resetEnvCache();
      expect(() => env()).toThrow(/nobody could log in/);
    } finally {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "AUTH_PASSWORD", "APP_URL"]) delete process.env[key];
      Object.assign(process.env, saved);
      resetEnvCache();
    }
  });
});
