// User administration on real Postgres: validation of grants, audit rows in the same
// transaction, and the guard's view of the grants (loadPrincipal) over the unit tree.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { auditLog, users } from "../../db/schema";
import { createUser, deactivate, reactivate, setPassword, setRoles, updateProfile } from "../../db/commands/users";
import { listUsers } from "../../db/presenters/users";
import { InputError } from "../../db/commands/input-error";
import { verifyLogin } from "../../app/lib/auth.server";
import { can, scopeOf } from "../../domain/access";
import { loadPrincipal, unitIdsInScope } from "../../db/principal";
import { buildOrg, type OrgFixture } from "./auth-fixtures";

let t: TestDatabase;
let org: OrgFixture;
const PASSWORD = "korrekt-hest-batteri";

beforeAll(async () => {
  t = await createTestDatabase("auth_users");
  org = await buildOrg(t.db);
});

afterAll(async () => {
  await t?.drop();
});

async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).fieldErrors;
}

async function lastAudit() {
  const [row] = await t.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

async function principalOf(userId: number) {
  const [u] = await t.db.select().from(users).where(eq(users.id, userId));
  return loadPrincipal(t.db, { id: u.id, email: u.email, displayName: u.displayName, language: u.language, employeeId: u.employeeId });
}

describe("createUser", () => {
  it("creates a user whose password verifies at login, and audits it without the hash", async () => {
    const { id } = await createUser(
      t.db,
      { email: " Admin@Kommune.dk ", displayName: "Ada Admin", password: PASSWORD, language: "da", roles: [{ role: "admin" }] },
      { actor: "seed" },
    );
    const user = await verifyLogin(t.db, "admin@kommune.dk", PASSWORD);
    expect(user?.id).toBe(id);
    expect(await verifyLogin(t.db, "admin@kommune.dk", "forkert-adgangskode")).toBeNull();
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "create", entity: "user", entityId: String(id), actor: "seed" });
    expect(JSON.stringify(audit.after)).not.toContain("argon2");
    expect(audit.after).toMatchObject({ email: "admin@kommune.dk", hasPassword: true, roles: [{ role: "admin", unitId: null, committeeId: null }] });
  });

  it("refuses a manager without a unit and a MED member without a committee", async () => {
    expect(await refusal(createUser(t.db, { email: "m@k.dk", displayName: "M", language: "da", roles: [{ role: "manager" }] })))
      .toEqual({ "roles.0": "a manager needs a unit" });
    expect(await refusal(createUser(t.db, { email: "m@k.dk", displayName: "M", language: "da", roles: [{ role: "med", unitId: org.unit.CA }] })))
      .toHaveProperty("roles.0");
  });

  it("refuses organisation-wide grants except for admin, HR and director, and unit-scoped admins", async () => {
    await refusal(createUser(t.db, { email: "x@k.dk", displayName: "X", language: "da", roles: [{ role: "admin", unitId: org.unit.CA }] }));
    const { id: hr } = await createUser(t.db, { email: "hr@k.dk", displayName: "Hanne HR", language: "da", roles: [{ role: "hr" }] });
    const { id: dir } = await createUser(t.db, { email: "dir@k.dk", displayName: "Dorte Direktør", language: "da", roles: [{ role: "director" }] });
    expect(scopeOf(await principalOf(hr), "view_turnover")).toBe("all");
    expect(scopeOf(await principalOf(dir), "view_load")).toBe("all");
  });

  it("refuses a duplicate e-mail, a short password, an unknown unit and an unknown employee, writing nothing", async () => {
    const before = (await listUsers(t.db)).length;
    expect(await refusal(createUser(t.db, { email: "ADMIN@kommune.dk", displayName: "Dup", language: "da" }))).toHaveProperty("email");
    expect(await refusal(createUser(t.db, { email: "short@k.dk", displayName: "S", password: "kort", language: "da" }))).toHaveProperty("password");
    expect(await refusal(createUser(t.db, { email: "u@k.dk", displayName: "U", language: "da", roles: [{ role: "manager", unitId: 999999 }] })))
      .toEqual({ "roles.0": "unknown unit" });
    expect(await refusal(createUser(t.db, { email: "e@k.dk", displayName: "E", language: "da", employeeId: "NOPE" }))).toHaveProperty("employeeId");
    expect((await listUsers(t.db)).length).toBe(before);
  });
});

describe("loadPrincipal over the unit tree", () => {
  it("gives a cluster-A manager cluster A's subtree and nothing of cluster B", async () => {
    const { id } = await createUser(t.db, { email: "leder.a@k.dk", displayName: "Leder A", language: "da", roles: [{ role: "manager", unitId: org.unit.CA }] });
    const p = await principalOf(id);
    expect(scopeOf(p, "view_caseworkers")).toEqual(new Set([org.unit.CA, org.unit.TA1, org.unit.TA2]));
    expect(can(p, "view_caseworkers", org.unit.TA2)).toBe(true);
    expect(can(p, "view_load", org.unit.TB1)).toBe(false);
    expect(can(p, "view_load", org.unit.ORG)).toBe(false);
    expect(can(p, "admin_users")).toBe(false);
  });

  it("gives a MED member exactly their committee's units, and never caseworker names", async () => {
    const { id } = await createUser(t.db, { email: "med.b@k.dk", displayName: "MED B", language: "da", roles: [{ role: "med", committeeId: org.committee.MED_B }] });
    const p = await principalOf(id);
    expect(scopeOf(p, "view_plans")).toEqual(new Set([org.unit.TB1]));
    expect(can(p, "view_load", org.unit.CB)).toBe(false);
    expect(can(p, "view_caseworkers", org.unit.TB1)).toBe(false);
    expect(can(p, "view_departure_names", org.unit.TB1)).toBe(false);
  });
});

describe("unitIdsInScope", () => {
  it("resolves an organisation-wide scope to every unit and a subtree to its ids, sorted", async () => {
    const admin = (await listUsers(t.db)).find((u) => u.email === "admin@kommune.dk")!;
    const all = Object.values(org.unit).sort((a, b) => a - b);
    expect(await unitIdsInScope(t.db, await principalOf(admin.id), "view_load")).toEqual(all);
    const manager = (await listUsers(t.db)).find((u) => u.email === "leder.a@k.dk")!;
    expect(await unitIdsInScope(t.db, await principalOf(manager.id), "view_load")).toEqual([org.unit.CA, org.unit.TA1, org.unit.TA2].sort((a, b) => a - b));
    expect(await unitIdsInScope(t.db, await principalOf(manager.id), "admin_users")).toEqual([]);
  });
});

describe("setRoles, deactivate, reactivate, setPassword", () => {
  it("replaces grants and audits before and after", async () => {
    const { id } = await createUser(t.db, { email: "skift@k.dk", displayName: "Skift", language: "da", roles: [{ role: "manager", unitId: org.unit.TA1 }] });
    await setRoles(t.db, id, [{ role: "manager", unitId: org.unit.TB1 }, { role: "med", committeeId: org.committee.MED_A }], { userId: null, actor: "test" });
    const p = await principalOf(id);
    expect(can(p, "view_caseworkers", org.unit.TA1)).toBe(false);
    expect(can(p, "view_caseworkers", org.unit.TB1)).toBe(true);
    expect(can(p, "review_plans", org.unit.TA2)).toBe(true);
    const audit = await lastAudit();
    expect(audit.action).toBe("set_roles");
    expect(audit.before).toMatchObject({ roles: [{ role: "manager", unitId: org.unit.TA1 }] });
    expect((audit.after as { roles: unknown[] }).roles).toHaveLength(2);
  });

  it("a deactivated user cannot sign in until reactivated", async () => {
    const { id } = await createUser(t.db, { email: "pause@k.dk", displayName: "Pause", password: PASSWORD, language: "da" });
    await deactivate(t.db, id);
    expect(await verifyLogin(t.db, "pause@k.dk", PASSWORD)).toBeNull();
    expect((await lastAudit()).action).toBe("deactivate");
    await reactivate(t.db, id);
    expect((await verifyLogin(t.db, "pause@k.dk", PASSWORD))?.id).toBe(id);
  });

  it("refuses to deactivate or demote the last active administrator", async () => {
    const admin = (await listUsers(t.db)).find((u) => u.email === "admin@kommune.dk")!;
    expect(await refusal(deactivate(t.db, admin.id))).toHaveProperty("roles");
    expect(await refusal(setRoles(t.db, admin.id, [{ role: "hr" }]))).toHaveProperty("roles");
    expect((await listUsers(t.db)).find((u) => u.id === admin.id)).toMatchObject({ active: true, roles: [{ role: "admin" }] });
  });

  it("changes a password and records only that it changed", async () => {
    const { id } = await createUser(t.db, { email: "nyt@k.dk", displayName: "Nyt", language: "da" });
    expect(await verifyLogin(t.db, "nyt@k.dk", PASSWORD)).toBeNull();
    await setPassword(t.db, id, PASSWORD);
    expect((await verifyLogin(t.db, "nyt@k.dk", PASSWORD))?.id).toBe(id);
    expect(await lastAudit()).toMatchObject({ action: "set_password", before: null, after: null });
  });

  it("updates name, language and the employee link, refusing an unknown employee", async () => {
    await t.db.execute(sql`insert into employees (id, display_name) values ('E-77', 'Eva')`);
    const { id } = await createUser(t.db, { email: "profil@k.dk", displayName: "Profil", language: "da" });
    await updateProfile(t.db, id, { displayName: "Profil Ny", language: "en", employeeId: "E-77" }, { actor: "test" });
    expect((await listUsers(t.db)).find((u) => u.id === id)).toMatchObject({ displayName: "Profil Ny", language: "en", employeeId: "E-77" });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "update", before: { displayName: "Profil", employeeId: null }, after: { displayName: "Profil Ny", employeeId: "E-77" } });
    expect(await refusal(updateProfile(t.db, id, { displayName: "X", language: "da", employeeId: "NOPE" }))).toHaveProperty("employeeId");
    await updateProfile(t.db, id, { displayName: "Profil Ny", language: "en", employeeId: "" });
    expect((await listUsers(t.db)).find((u) => u.id === id)?.employeeId).toBeNull();
  });
});
