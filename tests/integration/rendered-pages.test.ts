// The rendered-page cache in front of Remix (app/lib/rendered-pages.server.ts, docs/decisions/0019)
// on the real server and Postgres: a hit answers what the page would answer without the cache.
// Each case first fills the cache as one viewer, then asks again as someone (or something) else:
// refused access stays refused, a signed-out or ended session is sent to the login page, a page
// with names never reaches a viewer without the right to them, a write moves the page on, the
// header's unread count and the language are their own pages, names shown from the cache are
// logged, and every response carries its own nonce, the one its CSP header allows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { createUser } from "../../db/commands/users";
import { createRecomputeRequest } from "../../db/recompute-requests";
import { processRecomputeRequest } from "../../jobs/recompute/job";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { login, startServer, type RunningServer } from "../helpers/auth-server";

const PASSWORD = "korrekt-hest-batteri";
const TODAY = "2024-06-12";
const CASEWORKER = "Anna Asen";
let s: RunningServer;
let org: OrgFixture;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  s = await startServer("rendered_pages", { APP_TODAY: TODAY });
  org = await buildOrg(s.db.db);
  const db = s.db.db;
  await db.execute(sql`insert into employees (id, display_name) values ('EA1', ${CASEWORKER})`);
  await db.execute(sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason) values
    ('EA1', ${org.unit.TA1}, 'caseworker', false, 1, '2023-01-01', null, null)`);
  await db.execute(sql`insert into case_periods (case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity) values
    ('A-1', '2024-01-01', null, ${org.unit.TA1}, 'EA1', 'underretning', 1)`);
  const requestId = await createRecomputeRequest(db, "test", { from: "2024-01-01", to: TODAY });
  await processRecomputeRequest(db, requestId, TODAY);
  const people = {
    manager: { role: "manager", unitId: org.unit.CA },
    outsider: { role: "manager", unitId: org.unit.CB },
    director: { role: "director" },
    changing: { role: "manager", unitId: org.unit.CA },
  } as const;
  for (const [name, grant] of Object.entries(people)) {
    ({ id: ids[name] } = await createUser(db, { email: `${name}@k.dk`, displayName: `Bruger ${name}`, password: PASSWORD, language: "da", roles: [grant] }));
    cookies[name] = await login(s.base, `${name}@k.dk`, PASSWORD, `10.31.0.${Object.keys(cookies).length + 1}`);
  }
});

afterAll(async () => {
  await s?.close();
});

const TEAM = () => `/team?unit=${org.unit.TA1}`;

async function get(cookie: string | null, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${s.base}${path}`, { headers: { ...(cookie ? { cookie } : {}), ...headers }, redirect: "manual" });
  const csp = response.headers.get("content-security-policy") ?? "";
  return {
    status: response.status,
    hit: response.headers.get("x-page-cache") === "hit",
    location: response.headers.get("location"),
    nonce: /'nonce-([^']+)'/.exec(csp)?.[1] ?? null,
    html: await response.text(),
  };
}

/** Fills the cache as `who` and checks that the next request of theirs is a hit. */
async function fill(who: string, path: string) {
  await get(cookies[who], path);
  const again = await get(cookies[who], path);
  expect(again.status).toBe(200);
  expect(again.hit).toBe(true);
  return again;
}

const nameReads = async (user: string) => (await queryRows<{ n: number }>(s.db.db, sql`
  select count(*)::int as n from name_reads where user_id = ${ids[user]} and kind = 'caseworker_load'`))[0].n;

describe("the rendered-page cache", () => {
  it("refuses on a hit whoever is refused without the cache", async () => {
    expect((await fill("manager", TEAM())).html).toContain(CASEWORKER);
    const refused = await get(cookies.outsider, TEAM());
    expect(refused.status).toBe(403);
    expect(refused.html).not.toContain(CASEWORKER);
    // The same person after their grants moved to another cluster (the session kept): refused too.
    await fill("changing", TEAM());
    await s.db.db.execute(sql`update user_roles set unit_id = ${org.unit.CB} where user_id = ${ids.changing}`);
    const moved = await get(cookies.changing, TEAM());
    expect(moved.status).toBe(403);
    expect(moved.html).not.toContain(CASEWORKER);
    await s.db.db.execute(sql`update user_roles set unit_id = ${org.unit.CA} where user_id = ${ids.changing}`);
    const all = await fill("manager", "/teams");
    expect(all.html).toContain("Team A1");
    expect((await get(cookies.manager, `/teams?within=${org.unit.CB}`)).status).toBe(403);
  });

  it("sends the signed-out and an ended session to the login page on a hit", async () => {
    await fill("manager", TEAM());
    const anonymous = await get(null, TEAM());
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(TEAM())}`);
    await fill("changing", TEAM());
    await s.db.db.execute(sql`update user_sessions set ended_at = now(), end_reason = 'logout' where user_id = ${ids.changing} and ended_at is null`);
    const ended = await get(cookies.changing, TEAM());
    expect(ended.status).toBe(302);
    expect(ended.location).toBe(`/login?redirectTo=${encodeURIComponent(TEAM())}`);
    cookies.changing = await login(s.base, "changing@k.dk", PASSWORD, "10.31.0.9");
  });

  it("never hands a page with names to a viewer without the right to them", async () => {
    expect((await fill("manager", TEAM())).html).toContain(CASEWORKER);
    const director = await get(cookies.director, TEAM());
    expect(director.status).toBe(200);
    expect(director.html).not.toContain(CASEWORKER);
    // The same user, the same session, the role changed to one without caseworkers' names.
    expect((await fill("changing", TEAM())).html).toContain(CASEWORKER);
    await s.db.db.execute(sql`update user_roles set role = 'director', unit_id = null where user_id = ${ids.changing}`);
    const demoted = await get(cookies.changing, TEAM());
    expect(demoted.status).toBe(200);
    expect(demoted.html).not.toContain(CASEWORKER);
    await s.db.db.execute(sql`update user_roles set role = 'manager', unit_id = ${org.unit.CA} where user_id = ${ids.changing}`);
  });

  it("logs every showing of names, hits included", async () => {
    await fill("manager", TEAM());
    const before = await nameReads("manager");
    expect((await get(cookies.manager, TEAM())).hit).toBe(true);
    expect((await get(cookies.manager, TEAM())).hit).toBe(true);
    expect(await nameReads("manager")).toBe(before + 2);
  });

  it("shows the page anew after a write moves the data version", async () => {
    expect((await fill("manager", TEAM())).html).not.toContain("Team A1 (omdøbt)");
    await s.db.db.execute(sql`update units set name = 'Team A1 (omdøbt)' where id = ${org.unit.TA1}`);
    const renamed = await get(cookies.manager, TEAM());
    expect(renamed.hit).toBe(false);
    expect(renamed.html).toContain("Team A1 (omdøbt)");
    expect((await get(cookies.manager, "/teams")).html).toContain("Team A1 (omdøbt)");
    await s.db.db.execute(sql`update units set name = 'Team A1' where id = ${org.unit.TA1}`);
  });

  it("keeps the header's unread count and the language apart", async () => {
    const before = await fill("manager", TEAM());
    expect(before.html).not.toContain('class="badge"');
    await s.db.db.execute(sql`insert into notifications (user_id, kind, message, for_date) values (${ids.manager}, 'due_soon', 'Frist snart', ${TODAY})`);
    const unread = await get(cookies.manager, TEAM());
    expect(unread.html).toContain('aria-label="1 ulæste"');
    const switched = await fetch(`${s.base}/language`, {
      method: "POST", redirect: "manual",
      headers: { cookie: cookies.manager, Origin: s.base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ lang: "en", redirectTo: TEAM() }),
    });
    const lang = switched.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("lang="))!;
    const english = await get(`${cookies.manager}; ${lang}`, TEAM());
    expect(english.html).toContain('lang="en"');
    expect(english.html).toContain('aria-label="1 unread"');
    await s.db.db.execute(sql`delete from notifications where user_id = ${ids.manager}`);
  });

  it("gives every response its own nonce, the one its CSP header allows, gzipped or not", async () => {
    await fill("manager", TEAM());
    const answers = [
      await get(cookies.manager, TEAM()),
      await get(cookies.manager, TEAM()),
      await get(cookies.manager, TEAM(), { "accept-encoding": "identity" }),
    ];
    const nonces = answers.map((a) => a.nonce);
    expect(new Set(nonces).size).toBe(3);
    for (const answer of answers) {
      expect(answer.hit).toBe(true);
      const tags = [...answer.html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) expect(tag).toContain(`nonce="${answer.nonce}"`);
      for (const other of nonces) if (other !== answer.nonce) expect(answer.html).not.toContain(other!);
    }
    const [a, b] = answers;
    expect(a.html.split(a.nonce!).join("N")).toBe(b.html.split(b.nonce!).join("N"));
  });

  it("does not answer the caseworker detail or Remix's data requests from the cache", async () => {
    await fill("manager", TEAM());
    expect((await get(cookies.manager, `${TEAM()}&caseworker=EA1`)).hit).toBe(false);
    const before = await nameReads("manager");
    await get(cookies.manager, `${TEAM()}&caseworker=EA1`);
    expect(await nameReads("manager")).toBe(before + 1);
    const data = await get(cookies.manager, `/team.data?unit=${org.unit.TA1}`);
    expect(data.status).toBe(200);
    expect(data.hit).toBe(false);
  });
});
