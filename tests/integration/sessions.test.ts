// Sessions held in Postgres (issue #13, ADR 0010), on the running server: a cookie that was good
// stops opening pages after logout, a password change, a deactivation (also once reactivated),
// changed grants, the idle and the absolute timeout, or an administrator ending it; every login
// gets a new random id. Each case counts the sessions it ended.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { createUser, deactivate, reactivate, setPassword, setRoles } from "../../db/commands/users";
import { login, sessionCookie, startServer, type RunningServer } from "../helpers/auth-server";

const PASSWORD = "korrekt-hest-batteri";
let s: RunningServer;
let adminCookie: string;
const ended: Record<string, number> = {};

beforeAll(async () => {
  s = await startServer("sessions");
  await createUser(s.db.db, { email: "admin@k.dk", displayName: "Admin", password: PASSWORD, language: "da", roles: [{ role: "admin" }] });
  adminCookie = await login(s.base, "admin@k.dk", PASSWORD);
}, 180_000);

afterAll(async () => {
  console.log(`sessions ended per case: ${JSON.stringify(ended)}`);
  await s?.close();
});

let serial = 0;
async function newUser(): Promise<{ id: number; email: string }> {
  const email = `bruger${++serial}@k.dk`;
  const { id } = await createUser(s.db.db, { email, displayName: `Bruger ${serial}`, password: PASSWORD, language: "da", roles: [{ role: "director" }] });
  return { id, email };
}

/** True when the cookie still signs in (a dead session is sent to /login). */
async function opens(cookie: string): Promise<boolean> {
  const response = await fetch(`${s.base}/`, { headers: { Cookie: cookie }, redirect: "manual" });
  // The front page sends a signed-in user on to their start page.
  expect(response.status).toBe(302);
  return !response.headers.get("location")!.startsWith("/login");
}

async function endedSessions(userId: number): Promise<{ reason: string }[]> {
  return queryRows(s.db.db, sql`select end_reason as reason from user_sessions where user_id = ${userId} and ended_at is not null order by ended_at`);
}

describe("server-side sessions", () => {
  it("gives every login a new random id, never the same cookie twice", async () => {
    const u = await newUser();
    const a = await login(s.base, u.email, PASSWORD);
    const b = await login(s.base, u.email, PASSWORD);
    expect(a).not.toBe(b);
    const rows = await queryRows<{ n: number }>(s.db.db, sql`select count(*)::int as n from user_sessions where user_id = ${u.id} and ended_at is null`);
    expect(rows[0].n).toBe(2);
    // The cookie names a session, not a user.
    const payload = JSON.parse(Buffer.from(decodeURIComponent(a.split("=")[1]).split(".")[0], "base64").toString());
    expect(Object.keys(payload)).toEqual(["sid"]);
    expect(Buffer.from(payload.sid, "base64url").length).toBeGreaterThanOrEqual(16);
  });

  it("ends the session the browser had when it logs in again", async () => {
    const u = await newUser();
    const first = await login(s.base, u.email, PASSWORD);
    const response = await fetch(`${s.base}/login`, {
      method: "POST", redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: s.base, Cookie: first },
      body: new URLSearchParams({ email: u.email, password: PASSWORD, redirectTo: "/" }),
    });
    const second = sessionCookie(response)!;
    expect(second).not.toBe(first);
    expect(await opens(first)).toBe(false);
    expect(await opens(second)).toBe(true);
    ended.login = (await endedSessions(u.id)).length;
    expect(await endedSessions(u.id)).toEqual([{ reason: "login" }]);
  });

  it("ends it on logout: a copy of the cookie opens nothing afterwards", async () => {
    const u = await newUser();
    const cookie = await login(s.base, u.email, PASSWORD);
    expect(await opens(cookie)).toBe(true);
    const out = await fetch(`${s.base}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: s.base, "Content-Type": "application/x-www-form-urlencoded" }, body: "" });
    expect(out.status).toBe(302);
    expect(await opens(cookie)).toBe(false);
    ended.logout = (await endedSessions(u.id)).length;
    expect(await endedSessions(u.id)).toEqual([{ reason: "logout" }]);
  });

  it("ends every session of the user on a password change", async () => {
    const u = await newUser();
    const cookies = [await login(s.base, u.email, PASSWORD), await login(s.base, u.email, PASSWORD)];
    await setPassword(s.db.db, u.id, "et-helt-nyt-kodeord-42");
    for (const c of cookies) expect(await opens(c)).toBe(false);
    ended.password = (await endedSessions(u.id)).length;
    expect(ended.password).toBe(2);
  });

  it("ends them on deactivation, and reactivation does not bring them back", async () => {
    const u = await newUser();
    const cookie = await login(s.base, u.email, PASSWORD);
    await deactivate(s.db.db, u.id);
    await reactivate(s.db.db, u.id);
    expect(await opens(cookie)).toBe(false);
    ended.deactivation = (await endedSessions(u.id)).length;
    expect(await endedSessions(u.id)).toEqual([{ reason: "deactivated" }]);
  });

  it("ends them when the grants change, and not when they are saved unchanged", async () => {
    const u = await newUser();
    const cookie = await login(s.base, u.email, PASSWORD);
    await setRoles(s.db.db, u.id, [{ role: "director" }]);
    expect(await opens(cookie)).toBe(true);
    await setRoles(s.db.db, u.id, [{ role: "hr" }]);
    expect(await opens(cookie)).toBe(false);
    ended.roles = (await endedSessions(u.id)).length;
    expect(await endedSessions(u.id)).toEqual([{ reason: "roles" }]);
  });

  it("enforces the idle timeout (8 h) on the server", async () => {
    const u = await newUser();
    const cookie = await login(s.base, u.email, PASSWORD);
    await s.db.db.execute(sql`update user_sessions set last_seen_at = now() - interval '7 hours 59 minutes' where user_id = ${u.id}`);
    expect(await opens(cookie)).toBe(true); // and the visit moves last_seen_at on
    await s.db.db.execute(sql`update user_sessions set last_seen_at = now() - interval '8 hours 1 minute' where user_id = ${u.id}`);
    expect(await opens(cookie)).toBe(false);
    ended.idle = (await endedSessions(u.id)).length;
    expect(await endedSessions(u.id)).toEqual([{ reason: "idle" }]);
  });

  it("enforces the absolute timeout (12 h) however busy the session is", async () => {
    const u = await newUser();
    const cookie = await login(s.base, u.email, PASSWORD);
    await s.db.db.execute(sql`update user_sessions set created_at = now() - interval '12 hours 1 minute' where user_id = ${u.id}`);
    expect(await opens(cookie)).toBe(false);
    ended.absolute = (await endedSessions(u.id)).length;
    expect(await endedSessions(u.id)).toEqual([{ reason: "absolute" }]);
  });

  it("lets an administrator see a user's sessions and end one or all of them", async () => {
    const u = await newUser();
    const one = await login(s.base, u.email, PASSWORD);
    const two = await login(s.base, u.email, PASSWORD);
    const page = await (await fetch(`${s.base}/admin/users/${u.id}`, { headers: { Cookie: adminCookie } })).text();
    expect(page).toContain("Åbne sessioner");
    const hashes = [...page.matchAll(/name="session" value="([0-9a-f]{64})"/g)].map((m) => m[1]);
    expect(hashes).toHaveLength(2);
    const post = (body: Record<string, string>) => fetch(`${s.base}/admin/users/${u.id}`, {
      method: "POST", redirect: "manual",
      headers: { Cookie: adminCookie, Origin: s.base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body),
    });
    // The newest is listed first: the second login.
    expect((await post({ intent: "end_sessions", session: hashes[0] })).status).toBe(302);
    expect(await opens(two)).toBe(false);
    expect(await opens(one)).toBe(true);
    expect((await post({ intent: "end_sessions" })).status).toBe(302);
    expect(await opens(one)).toBe(false);
    ended.administrator = (await endedSessions(u.id)).length;
    expect(await endedSessions(u.id)).toEqual([{ reason: "admin" }, { reason: "admin" }]);
    const audit = await queryRows<{ n: number }>(s.db.db, sql`select count(*)::int as n from audit_log where action = 'end_sessions' and entity_id = ${String(u.id)}`);
    expect(audit[0].n).toBe(2);
    expect((await post({ intent: "end_sessions", session: "not-a-hash" })).status).toBe(400);
    expect(await (await fetch(`${s.base}/admin/users/${u.id}`, { headers: { Cookie: adminCookie } })).text()).toContain("ingen åbne sessioner");
  });
});

describe("redirects after login and language", () => {
  const form = (path: string, body: Record<string, string>) => fetch(`${s.base}${path}`, {
    method: "POST", redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: s.base },
    body: new URLSearchParams(body),
  });

  it("send a browser only to a path on this site, whatever the login form was given", async () => {
    const u = await newUser();
    for (const redirectTo of ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/team"]) {
      const response = await form("/login", { email: u.email, password: PASSWORD, redirectTo });
      expect(response.status, JSON.stringify(redirectTo)).toBe(302);
      expect(response.headers.get("location")).toBe(redirectTo === "/team" ? "/team" : "/");
    }
  });

  it("answer a newline in the language form's target with the front page, not a 500", async () => {
    for (const redirectTo of ["/team\nX: y", "/\t/evil.example", "/\r\n/evil.example"]) {
      const response = await form("/language", { lang: "en", redirectTo });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/");
    }
  });
});
