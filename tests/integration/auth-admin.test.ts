// The administration pages against the running server: only administrators reach them, every
// change they make is validated and lands in the audit trail, and the trail filters correctly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq, sql } from "drizzle-orm";
import { auditLog, users } from "../../db/schema";
import { recordAudit } from "../../db/audit";
import { createUser } from "../../db/commands/users";
import { listUsers } from "../../db/presenters/users";
import { changedFields, listAudit } from "../../db/presenters/audit";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { login, startServer, type RunningServer } from "../helpers/auth-server";

const PASSWORD = "korrekt-hest-batteri";
let s: RunningServer;
let org: OrgFixture;
let admin: string;
let adminId: number;
let manager: string;

beforeAll(async () => {
  s = await startServer("auth_admin");
  org = await buildOrg(s.db.db);
  adminId = (await createUser(s.db.db, { email: "admin@k.dk", displayName: "Ada Admin", password: PASSWORD, language: "da", roles: [{ role: "admin" }] })).id;
  await createUser(s.db.db, { email: "leder@k.dk", displayName: "Lene Leder", password: PASSWORD, language: "da", roles: [{ role: "manager", unitId: org.unit.CA }] });
  admin = await login(s.base, "admin@k.dk", PASSWORD);
  manager = await login(s.base, "leder@k.dk", PASSWORD);
});

afterAll(async () => {
  await s?.close();
});

function post(path: string, cookie: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return fetch(`${s.base}${path}`, {
    method: "POST", redirect: "manual", body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: s.base, Cookie: cookie },
  });
}

const userByEmail = async (email: string) => (await listUsers(s.db.db)).find((u) => u.email === email);

describe("/admin/users", () => {
  it("lists users with their grants for an administrator", async () => {
    const response = await fetch(`${s.base}/admin/users`, { headers: { Cookie: admin } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Lene Leder");
    expect(html).toContain("Leder: Klynge A");
  });

  it("is closed to a manager: 403 on the page and on the form, and nothing is written", async () => {
    expect((await fetch(`${s.base}/admin/users`, { headers: { Cookie: manager } })).status).toBe(403);
    const response = await post("/admin/users?index", manager, { email: "snig@k.dk", displayName: "Snig", role: "admin" });
    expect(response.status).toBe(403);
    expect(await userByEmail("snig@k.dk")).toBeUndefined();
  });

  it("creates a user with a scoped grant, attributing the audit row to the administrator", async () => {
    const response = await post("/admin/users?index", admin, {
      displayName: "Mette MED", email: "mette@k.dk", password: PASSWORD, language: "da", role: "med", committeeId: String(org.committee.MED_A),
    });
    expect(response.status).toBe(302);
    const created = (await userByEmail("mette@k.dk"))!;
    expect(response.headers.get("location")).toBe(`/admin/users/${created.id}?oprettet=1`);
    expect(created.roles).toMatchObject([{ role: "med", committeeId: org.committee.MED_A, committeeName: "MED Klynge A" }]);
    const [row] = await s.db.db.select().from(auditLog).where(eq(auditLog.entityId, String(created.id))).orderBy(desc(auditLog.id)).limit(1);
    expect(row).toMatchObject({ userId: adminId, action: "create", entity: "user" });
  });

  it("refuses a manager grant without a unit, in Danish, and creates nothing", async () => {
    const response = await post("/admin/users?index", admin, { displayName: "Uden Enhed", email: "uden@k.dk", language: "da", role: "manager" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("En leder skal have en enhed.");
    expect(await userByEmail("uden@k.dk")).toBeUndefined();
  });

  it("changes grants: unticked grants go, a new one is added", async () => {
    const { id } = await createUser(s.db.db, { email: "flyt@k.dk", displayName: "Flyt", language: "da", roles: [{ role: "manager", unitId: org.unit.TA1 }, { role: "hr" }] });
    const response = await post(`/admin/users/${id}`, admin, { intent: "roles", keep: ["hr::"], role: "manager", unitId: String(org.unit.TB1) });
    expect(response.status).toBe(302);
    const roles = (await userByEmail("flyt@k.dk"))!.roles.map((g) => `${g.role}:${g.unitId ?? ""}`).sort();
    expect(roles).toEqual(["hr:", `manager:${org.unit.TB1}`]);
  });

  it("saves a user's details through the page", async () => {
    const { id } = await createUser(s.db.db, { email: "navn@k.dk", displayName: "Gammelt Navn", language: "da" });
    const response = await post(`/admin/users/${id}`, admin, { intent: "profile", displayName: "Nyt Navn", language: "en", employeeId: "" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/admin/users/${id}?gemt=profile`);
    expect(await userByEmail("navn@k.dk")).toMatchObject({ displayName: "Nyt Navn", language: "en", employeeId: null });
  });

  it("deactivation ends an open session at its next request and blocks login", async () => {
    const { id } = await createUser(s.db.db, { email: "stop@k.dk", displayName: "Stop", password: PASSWORD, language: "da", roles: [{ role: "hr" }] });
    const session = await login(s.base, "stop@k.dk", PASSWORD, "10.9.0.1");
    expect((await post(`/admin/users/${id}`, admin, { intent: "deactivate" })).status).toBe(302);
    const next = await fetch(`${s.base}/admin/users`, { redirect: "manual", headers: { Cookie: session } });
    expect(next.status).toBe(302);
    expect(next.headers.get("location")).toMatch(/^\/login/);
    await expect(login(s.base, "stop@k.dk", PASSWORD, "10.9.0.2")).rejects.toThrow(/failed with 400/);
  });

  it("refuses to deactivate the last administrator through the page", async () => {
    const response = await post(`/admin/users/${adminId}`, admin, { intent: "deactivate" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("mindst én aktiv administrator");
  });

  it("answers 404 for a user that does not exist", async () => {
    expect((await fetch(`${s.base}/admin/users/999999`, { headers: { Cookie: admin } })).status).toBe(404);
    expect((await fetch(`${s.base}/admin/users/abc`, { headers: { Cookie: admin } })).status).toBe(404);
  });
});

describe("/admin/audit", () => {
  it("shows the trail to an administrator and refuses a manager", async () => {
    const response = await fetch(`${s.base}/admin/audit?userId=${adminId}`, { headers: { Cookie: admin } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Mette MED");
    expect((await fetch(`${s.base}/admin/audit`, { headers: { Cookie: manager } })).status).toBe(403);
  });

  it("answers 400 for a nonsense filter", async () => {
    expect((await fetch(`${s.base}/admin/audit?from=igaar`, { headers: { Cookie: admin } })).status).toBe(400);
  });
});

describe("listAudit", () => {
  it("filters by a unit's subtree, by user and by Copenhagen calendar day, newest first, in pages", async () => {
    await s.db.db.transaction(async (tx) => {
      await recordAudit(tx, { actor: "test", action: "a", entity: "plan", unitId: org.unit.TA1 });
      await recordAudit(tx, { actor: "test", action: "b", entity: "plan", unitId: org.unit.TB1 });
      await recordAudit(tx, { actor: "test", action: "c", entity: "plan", unitId: org.unit.CA });
    });
    const inA = await listAudit(s.db.db, { unitId: org.unit.CA, page: 1 });
    expect(inA.rows.map((r) => r.action)).toEqual(["c", "a"]);
    expect((await listAudit(s.db.db, { unitId: org.unit.TB1, page: 1 })).rows.map((r) => r.action)).toEqual(["b"]);
    const byAdmin = await listAudit(s.db.db, { userId: adminId, page: 1 });
    expect(byAdmin.rows.length).toBeGreaterThan(0);
    expect(byAdmin.rows.every((r) => r.userId === adminId)).toBe(true);
    const paged = await listAudit(s.db.db, { unitId: org.unit.CA, page: 2 }, 1);
    expect(paged).toMatchObject({ total: 2, page: 2, pageCount: 2 });
    expect(paged.rows.map((r) => r.action)).toEqual(["a"]);
  });

  it("counts a change at 23:30 UTC on 31 January as 1 February in Copenhagen", async () => {
    // The trail is append-only, so the timestamp is set at insert: 2025-01-31 23:30 UTC = 2025-02-01 00:30 CET.
    await s.db.db.execute(sql`insert into audit_log (at, actor, action, entity) values ('2025-01-31T23:30:00Z', 'test', 'midnat', 'plan')`);
    const feb1 = await listAudit(s.db.db, { from: "2025-02-01", to: "2025-02-01", page: 1 });
    expect(feb1.rows.map((r) => r.action)).toEqual(["midnat"]);
    const jan31 = await listAudit(s.db.db, { from: "2025-01-31", to: "2025-01-31", page: 1 });
    expect(jan31.rows).toEqual([]);
  });

  it("never lets the audit rows of user changes carry a password hash", async () => {
    const rows = await s.db.db.select().from(auditLog).where(eq(auditLog.entity, "user"));
    const hashes = (await s.db.db.select({ h: users.passwordHash }).from(users)).flatMap((u) => (u.h ? [u.h] : []));
    const text = JSON.stringify(rows);
    for (const h of hashes) expect(text).not.toContain(h);
  });
});

describe("changedFields", () => {
  it("lists only the keys that differ, as compact JSON", () => {
    expect(changedFields({ status: "planned", owner: 3, note: "x" }, { status: "done", owner: 3, due: "2025-05-01" })).toEqual([
      { key: "status", before: '"planned"', after: '"done"' },
      { key: "note", before: '"x"', after: "–" },
      { key: "due", before: "–", after: '"2025-05-01"' },
    ]);
  });

  it("shows a created record as all its fields, and nothing for an audit row without values", () => {
    expect(changedFields(null, { a: 1 })).toEqual([{ key: "a", before: "–", after: "1" }]);
    expect(changedFields(null, null)).toEqual([]);
  });
});
