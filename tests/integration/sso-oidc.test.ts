// OpenID Connect end to end over HTTP: the real server, a real OpenID provider (oidc-provider) on
// 127.0.0.1, the mapping in Postgres. Login creates the user just in time with the mapped role and
// scope; unmapped, overage, deactivated, tampered and expired logins are refused; logout ends both
// sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { addMapping, removeMappings } from "../../db/commands/sso";
import { createUser, deactivate } from "../../db/commands/users";
import { userRoles, users } from "../../db/schema";
import { startLocalIdp, type LocalIdp } from "../../cli/demo-idp";
import { CookieBrowser, freePort } from "../helpers/cookie-browser";
import { startServer, type RunningServer } from "../helpers/auth-server";

const USERS = [
  { sub: "nord-leder", name: "Nora Nord", email: "nora.nord@k.dk", roles: ["Belastning.Leder.Nord"] },
  { sub: "vest-hr", name: "Vera Vest", email: "vera@k.dk", groups: ["3f2c-hr-group"], roles: [] },
  { sub: "nobody", name: "Niels Ingen", email: "niels@k.dk", roles: ["Some.Other.App"] },
  { sub: "overage", name: "Olga Mange", email: "olga@k.dk", overage: true },
];

let idp: LocalIdp;
let server: RunningServer;
let unit: Record<string, number>;
/** Set by a test: the provider's token endpoint then runs this many seconds in the past. */
let tokenClockOffsetMs = 0;
const db = (): Database => server.db.db;

async function buildNordVest(db: Database): Promise<Record<string, number>> {
  await db.execute(sql`insert into units (code, name, kind) values ('ORG', 'Kommunen', 'organisation')`);
  for (const [code, name, kind, parent] of [
    ["KN", "Klynge Nord", "cluster", "ORG"], ["KV", "Klynge Vest", "cluster", "ORG"],
    ["TN1", "Team Nord 1", "team", "KN"], ["TV1", "Team Vest 1", "team", "KV"],
  ] as const) {
    await db.execute(sql`insert into units (code, name, kind, parent_id) select ${code}, ${name}, ${kind}, id from units where code = ${parent}`);
  }
  await db.execute(sql`
    insert into unit_closure (ancestor_id, descendant_id, depth)
    with recursive walk(ancestor_id, descendant_id, depth) as (
      select id, id, 0 from units union all
      select w.ancestor_id, u.id, w.depth + 1 from walk w join units u on u.parent_id = w.descendant_id)
    select ancestor_id, descendant_id, depth from walk`);
  const rows = await queryRows<{ id: number; code: string }>(db, sql`select id, code from units`);
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

beforeAll(async () => {
  idp = await startLocalIdp(USERS, {
    wrap: (handler) => (req, res) => {
      if (!req.url?.startsWith("/token") || tokenClockOffsetMs === 0) return handler(req, res);
      // The provider's clock is hours behind while it issues the tokens: they arrive expired.
      const realNow = Date.now;
      const offset = tokenClockOffsetMs;
      Date.now = () => realNow() - offset;
      res.once("finish", () => (Date.now = realNow));
      handler(req, res);
    },
  });
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  await idp.register({ clientId: "belastning", clientSecret: "s3cret-for-tests", redirectUri: `${appUrl}/auth/oidc/callback`, postLogoutRedirectUri: `${appUrl}/login` });
  server = await startServer("sso_oidc", {
    APP_URL: appUrl, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: "belastning", OIDC_CLIENT_SECRET: "s3cret-for-tests", OIDC_PROVIDER_NAME: "Test-IdP", OIDC_ROLES_CLAIM: "roles,groups",
    AUTH_PASSWORD: "off", AUTH_BREAK_GLASS_EMAIL: "nodadgang@k.dk",
  }, port);
  unit = await buildNordVest(db());
  await addMapping(db(), { claimValue: "Belastning.Leder.Nord", role: "manager", unitCode: "KN" }, { actor: "test" });
  await addMapping(db(), { claimValue: "3f2c-hr-group", role: "hr" }, { actor: "test" });
  await createUser(db(), { email: "nodadgang@k.dk", displayName: "Nødadgang", password: "break-glass-password", roles: [{ role: "admin" }] });
  await createUser(db(), { email: "almindelig@k.dk", displayName: "Almindelig", password: "ordinary-password-1", roles: [{ role: "hr" }] });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await idp?.close();
});

interface Tamper { authUrl?: (url: URL) => void; callback?: (url: URL) => void }

/** The whole browser journey: product → provider login screen → product callback. */
async function ssoLogin(browser: CookieBrowser, sub: string, tamper: Tamper = {}): Promise<Response> {
  const start = await browser.request(`${server.base}/auth/oidc/login?redirectTo=/organisation`);
  expect(start.status).toBe(302);
  const authUrl = new URL(start.headers.get("location")!);
  expect(authUrl.origin).toBe(idp.issuer);
  expect(authUrl.searchParams.get("code_challenge_method")).toBe("S256");
  tamper.authUrl?.(authUrl);
  const isCallback = (u: URL) => u.pathname === "/auth/oidc/callback";
  let { url } = await browser.follow(authUrl.href, (u) => isCallback(u) || u.pathname.startsWith("/interaction/"));
  if (new URL(url).pathname.startsWith("/interaction/")) {
    const submitted = await browser.post(url, { prompt: "login", login: sub, password: "any" });
    expect(submitted.status).toBe(303);
    ({ url } = await browser.follow(new URL(submitted.headers.get("location")!, url).href, isCallback));
  }
  const callback = new URL(url);
  expect(isCallback(callback)).toBe(true);
  tamper.callback?.(callback);
  return browser.request(callback.href);
}

const refusedReason = (response: Response) => {
  const location = response.headers.get("location") ?? "";
  return location.startsWith("/auth/refused") ? new URL(location, server.base).searchParams.get("reason") : null;
};

describe("OpenID Connect login", () => {
  it("creates a Klynge Nord manager at first login who sees Klynge Nord and not Klynge Vest", async () => {
    const browser = new CookieBrowser();
    const done = await ssoLogin(browser, "nord-leder");
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/organisation");
    const [user] = await db().select().from(users).where(and(eq(users.externalIssuer, idp.issuer), eq(users.externalSubject, "nord-leder")));
    expect(user).toMatchObject({ email: "nora.nord@k.dk", displayName: "Nora Nord", passwordHash: null, active: true });
    const grants = await db().select({ role: userRoles.role, unitId: userRoles.unitId }).from(userRoles).where(eq(userRoles.userId, user!.id));
    expect(grants).toEqual([{ role: "manager", unitId: unit.KN }]);
    expect((await browser.request(`${server.base}/organisation?unit=${unit.KN}`)).status).toBe(200);
    expect((await browser.request(`${server.base}/organisation?unit=${unit.TN1}`)).status).toBe(200);
    expect((await browser.request(`${server.base}/organisation?unit=${unit.KV}`)).status).toBe(403);
    expect((await browser.request(`${server.base}/team?unit=${unit.TV1}`)).status).toBe(403);
  });

  it("maps a group id to an organisation-wide HR grant", async () => {
    const browser = new CookieBrowser();
    const done = await ssoLogin(browser, "vest-hr");
    expect(done.headers.get("location")).toBe("/organisation");
    const rows = await queryRows<{ role: string; unit_id: number | null }>(db(), sql`
      select r.role, r.unit_id from user_roles r join users u on u.id = r.user_id where u.external_subject = 'vest-hr'`);
    expect(rows).toEqual([{ role: "hr", unit_id: null }]);
  });

  it("re-reads the mapping at the next login: the grant follows the mapping", async () => {
    await removeMappings(db(), { claimValue: "Belastning.Leder.Nord" }, { actor: "test" });
    await addMapping(db(), { claimValue: "Belastning.Leder.Nord", role: "manager", unitCode: "KV" }, { actor: "test" });
    try {
      const browser = new CookieBrowser();
      expect((await ssoLogin(browser, "nord-leder")).status).toBe(302);
      expect((await browser.request(`${server.base}/organisation?unit=${unit.KV}`)).status).toBe(200);
      expect((await browser.request(`${server.base}/organisation?unit=${unit.KN}`)).status).toBe(403);
      expect(await queryRows(db(), sql`select count(*)::int as n from users where external_subject = 'nord-leder'`)).toEqual([{ n: 1 }]);
    } finally {
      await removeMappings(db(), { claimValue: "Belastning.Leder.Nord" }, { actor: "test" });
      await addMapping(db(), { claimValue: "Belastning.Leder.Nord", role: "manager", unitCode: "KN" }, { actor: "test" });
    }
  });

  it("refuses a user whose claims map to nothing, without creating an account, on a Danish page", async () => {
    const browser = new CookieBrowser();
    const done = await ssoLogin(browser, "nobody");
    expect(refusedReason(done)).toBe("unmapped");
    expect(browser.has(server.base, "__session")).toBe(false);
    expect(await queryRows(db(), sql`select id from users where external_subject = 'nobody'`)).toEqual([]);
    const page = await (await browser.request(new URL(done.headers.get("location")!, server.base).href)).text();
    expect(page).toContain("du har ikke en rolle i Belastning");
    expect(page).toContain("Bed din leder eller kommunens IT-afdeling");
  });

  it("refuses Entra ID's group overage by name", async () => {
    const done = await ssoLogin(new CookieBrowser(), "overage");
    expect(refusedReason(done)).toBe("overage");
    const page = await (await fetch(new URL(done.headers.get("location")!, server.base))).text();
    expect(page).toContain("group overage");
  });

  it("refuses a tampered state", async () => {
    const done = await ssoLogin(new CookieBrowser(), "nord-leder", { callback: (u) => u.searchParams.set("state", "x".repeat(43)) });
    expect(refusedReason(done)).toBe("failed");
  });

  it("refuses an ID token whose nonce is not the one this browser was given", async () => {
    const done = await ssoLogin(new CookieBrowser(), "nord-leder", { authUrl: (u) => u.searchParams.set("nonce", "n".repeat(43)) });
    expect(refusedReason(done)).toBe("failed");
  });

  it("refuses an expired ID token", async () => {
    tokenClockOffsetMs = 2 * 60 * 60 * 1000;
    try {
      const done = await ssoLogin(new CookieBrowser(), "nord-leder");
      expect(refusedReason(done)).toBe("failed");
    } finally {
      tokenClockOffsetMs = 0;
    }
  });

  it("refuses a callback without the browser's pending login", async () => {
    const browser = new CookieBrowser();
    const response = await browser.request(`${server.base}/auth/oidc/callback?code=abc&state=def`);
    expect(refusedReason(response)).toBe("failed");
  });

  it("refuses a deactivated user", async () => {
    await ssoLogin(new CookieBrowser(), "vest-hr");
    const [user] = await db().select().from(users).where(eq(users.externalSubject, "vest-hr"));
    await deactivate(db(), user!.id, { actor: "test" });
    const done = await ssoLogin(new CookieBrowser(), "vest-hr");
    expect(refusedReason(done)).toBe("inactive");
  });

  it("logs out at both ends: the product session and, through end_session_endpoint, the provider's", async () => {
    const browser = new CookieBrowser();
    expect((await ssoLogin(browser, "nord-leder")).status).toBe(302);
    const logout = await browser.post(`${server.base}/logout`, {});
    expect(logout.status).toBe(302);
    const endSession = new URL(logout.headers.get("location")!);
    expect(endSession.origin).toBe(idp.issuer);
    expect(endSession.searchParams.get("id_token_hint")).toBeTruthy();
    expect((await browser.request(`${server.base}/organisation?unit=${unit.KN}`)).headers.get("location")).toMatch(/^\/login/);
    // The provider asks to confirm; the confirmation ends its session and returns to our /login.
    const confirmPage = await browser.request(endSession.href);
    const html = await confirmPage.text();
    const action = /action="([^"]+)"/.exec(html)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const confirmed = await browser.post(new URL(action, idp.issuer).href, { xsrf, logout: "yes" });
    expect(confirmed.headers.get("location")).toBe(`${server.base}/login`);
    // A new login must show the provider's login screen again (no provider session left).
    const start = await browser.request(`${server.base}/auth/oidc/login`);
    const { url } = await browser.follow(start.headers.get("location")!, (u) => u.pathname.startsWith("/interaction/") || u.pathname === "/auth/oidc/callback");
    expect(new URL(url).pathname).toMatch(/^\/interaction\//);
  });
});

describe("the login page with single sign-on and AUTH_PASSWORD=off", () => {
  it("offers the provider first, as a link, and the password form only folded away for the break-glass administrator", async () => {
    const html = await (await fetch(`${server.base}/login?redirectTo=%2Fplans`)).text();
    const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    const link = main.indexOf('href="/auth/oidc/login?redirectTo=%2Fplans"');
    expect(link).toBeGreaterThan(-1);
    expect(main).toContain("Log ind med Test-IdP");
    expect(link).toBeLessThan(main.indexOf("<form"));
    expect(main.match(/type="submit"/g)).toHaveLength(1);
    expect(main.indexOf("<details")).toBeLessThan(main.indexOf("<form"));
  });

  it("refuses password login for everyone but the break-glass administrator", async () => {
    const attempt = (email: string, password: string) => fetch(`${server.base}/login`, {
      method: "POST", redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.base },
      body: new URLSearchParams({ email, password, redirectTo: "/" }),
    });
    const ordinary = await attempt("almindelig@k.dk", "ordinary-password-1");
    expect(ordinary.status).toBe(403);
    expect(await ordinary.text()).toContain("Login med adgangskode er slået fra");
    const breakGlass = await attempt("NodAdgang@k.dk", "break-glass-password");
    expect(breakGlass.status).toBe(302);
  });
});
