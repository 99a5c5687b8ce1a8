// Web security against the RUNNING server: login, rate limiting, CSP nonce, security headers,
// cross-origin writes, body limits, error pages and the production start-up check.
import { spawnSync } from "node:child_process";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../db/commands/users";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { FREE_FAILURES } from "../../app/lib/rate-limit.server";
import { FORM_MAX_BYTES } from "../../server";
import { buildOrg } from "./auth-fixtures";
import { login, sessionCookie, startServer, type RunningServer } from "../helpers/auth-server";

const PASSWORD = "korrekt-hest-batteri";
const IMPORT_MAX_BYTES = 3 * 1024 * 1024;
let s: RunningServer;

beforeAll(async () => {
  s = await startServer("auth_server", { IMPORT_MAX_BYTES: String(IMPORT_MAX_BYTES) });
  const org = await buildOrg(s.db.db);
  await createUser(s.db.db, { email: "leder@k.dk", displayName: "Lene Leder", password: PASSWORD, language: "da", roles: [{ role: "manager", unitId: org.unit.TA1 }] });
  for (const name of ["laas", "ip"]) {
    await createUser(s.db.db, { email: `${name}@k.dk`, displayName: name, password: PASSWORD, language: "da", roles: [{ role: "hr" }] });
  }
});

afterAll(async () => {
  await s?.close();
});

function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${s.base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: s.base, ...headers },
    body: new URLSearchParams(fields),
  });
}

describe("login", () => {
  it("signs in with the right password: a 302 to the wanted page and an httpOnly, SameSite=Lax session cookie", async () => {
    const response = await postForm("/login", { email: "Leder@K.dk", password: PASSWORD, redirectTo: "/team?week=2024-W07" }, { "X-Forwarded-For": "10.1.0.1" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/team?week=2024-W07");
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("__session="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const home = await fetch(`${s.base}/`, { redirect: "manual", headers: { Cookie: sessionCookie(response)! } });
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/team");
  });

  it("refuses a wrong password with the Danish message and no session", async () => {
    const response = await postForm("/login", { email: "leder@k.dk", password: "forkert-gæt-123", redirectTo: "/" }, { "X-Forwarded-For": "10.1.0.2" });
    expect(response.status).toBe(400);
    expect(sessionCookie(response)).toBeNull();
    expect(await response.text()).toContain("Forkert e-mail eller adgangskode.");
  });

  it("never redirects off-site after login", async () => {
    const response = await postForm("/login", { email: "leder@k.dk", password: PASSWORD, redirectTo: "//evil.example/x" }, { "X-Forwarded-For": "10.1.0.3" });
    expect(response.headers.get("location")).toBe("/");
  });

  it("sends an anonymous visitor to the login page and back afterwards", async () => {
    const response = await fetch(`${s.base}/admin/users?side=2`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent("/admin/users?side=2")}`);
  });

  it("logs out: the session cookie is cleared", async () => {
    const cookie = await login(s.base, "leder@k.dk", PASSWORD, "10.1.0.4");
    const response = await postForm("/logout", {}, { Cookie: cookie });
    expect(response.status).toBe(302);
    expect(response.headers.getSetCookie().join()).toMatch(/__session=;.*Expires=Thu, 01 Jan 1970/i);
  });
});

describe("login throttling", () => {
  const wrong = (email: string, address: string, i = 0) => postForm("/login", { email, password: `gæt-nummer-${i}` }, { "X-Forwarded-For": address });

  it("makes a guesser at one address wait longer after each wrong password, while the owner elsewhere signs in", async () => {
    for (let i = 0; i <= FREE_FAILURES; i++) expect((await wrong("laas@k.dk", "10.2.0.1", i)).status).toBe(400);
    const waiting = await postForm("/login", { email: "laas@k.dk", password: PASSWORD }, { "X-Forwarded-For": "10.2.0.1" });
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get("retry-after"))).toBe(5);
    expect(sessionCookie(waiting)).toBeNull();
    expect(await waiting.text()).toContain("For mange loginforsøg. Vent 5 sekunder");
    // The account's owner at another address is not held up.
    expect((await postForm("/login", { email: "laas@k.dk", password: PASSWORD }, { "X-Forwarded-For": "10.2.9.9" })).status).toBe(302);
    // The wait is over: the next wrong guess doubles it.
    await s.db.db.execute(sql`update login_throttle set last_failure_at = now() - interval '6 seconds'`);
    expect((await wrong("laas@k.dk", "10.2.0.1", 9)).status).toBe(400);
    const longer = await wrong("laas@k.dk", "10.2.0.1", 10);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get("retry-after"))).toBe(10);
  });

  it("keeps the count in Postgres for every web process, hashed, and forgets it at the right password", async () => {
    for (let i = 0; i < FREE_FAILURES; i++) expect((await wrong("ip@k.dk", "10.3.0.1", i)).status).toBe(400);
    const rows = await queryRows<{ key: string; failures: number }>(s.db.db, sql`select key_hash as key, failures from login_throttle where failures = ${FREE_FAILURES}`);
    expect(rows).toHaveLength(1);
    expect(rows[0].key).toMatch(/^[0-9a-f]{64}$/);
    expect((await postForm("/login", { email: "ip@k.dk", password: PASSWORD }, { "X-Forwarded-For": "10.3.0.1" })).status).toBe(302);
    expect(await queryRows(s.db.db, sql`select 1 from login_throttle where key_hash = ${rows[0].key}`)).toHaveLength(0);
  });

  it("does not block an office behind one address when colleagues mistype", async () => {
    for (let i = 0; i < 30; i++) expect((await wrong(`kollega-${i}@k.dk`, "10.4.0.1")).status).toBe(400);
    expect((await postForm("/login", { email: "ip@k.dk", password: PASSWORD }, { "X-Forwarded-For": "10.4.0.1" })).status).toBe(302);
  });
});

describe("security headers and the Content-Security-Policy", () => {
  it("enforces a CSP whose nonce is on every script tag, fresh per response", async () => {
    const first = await fetch(`${s.base}/login`);
    const csp = first.headers.get("content-security-policy")!;
    expect(first.headers.get("content-security-policy-report-only")).toBeNull();
    const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const second = await fetch(`${s.base}/login`);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce!);
  });

  it("sends the usual hardening headers and forbids caching of pages", async () => {
    const response = await fetch(`${s.base}/login`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});

describe("cross-origin writes", () => {
  it("refuses a cross-origin form post with 403 (not Remix's 500), for pages and single-fetch data URLs", async () => {
    for (const path of ["/login", "/login.data", "/logout", "/language"]) {
      const response = await postForm(path, { email: "leder@k.dk", password: PASSWORD, lang: "en" }, { Origin: "https://evil.example", "X-Forwarded-For": "10.4.0.1" });
      expect(response.status, path).toBe(403);
      expect(sessionCookie(response)).toBeNull();
      expect(await response.text()).toContain("Ingen adgang");
    }
  });

  it("refuses Origin: null (sandboxed frames) too", async () => {
    const response = await postForm("/language", { lang: "en" }, { Origin: "null" });
    expect(response.status).toBe(403);
  });

  it("accepts a same-origin post", async () => {
    const response = await postForm("/language", { lang: "en", redirectTo: "/login" });
    expect(response.status).toBe(302);
    expect(response.headers.getSetCookie().join()).toContain("lang=");
  });
});

describe("request body limits", () => {
  it("refuses an ordinary form above the form limit with 413 before reading it", async () => {
    const response = await postForm("/language", { lang: "en", pad: "x".repeat(FORM_MAX_BYTES) });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("For stor forespørgsel");
  });

  // Own sockets (no keep-alive pool): the server answers before reading the body and closes.
  function upload(bytes: number): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${s.base}/imports`,
        { method: "POST", agent: false, headers: { Origin: s.base, "Content-Type": "text/csv", "Content-Length": bytes } },
        (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (body += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on("error", reject);
      // Only the headers matter to the limit; a refused upload is answered before its body.
      if (bytes <= IMPORT_MAX_BYTES) request.end("x".repeat(bytes));
      else request.flushHeaders();
    });
  }

  it("leaves an import-history row when it refuses an upload by its declared length", async () => {
    const cookie = await login(s.base, "ip@k.dk", PASSWORD, "10.6.0.1");
    const boundary = "----grænse";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nemployments\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Ansættelser 2024.csv"\r\nContent-Type: text/csv\r\n\r\nemployee_id;unit_code\r\n`;
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${s.base}/imports`, {
        method: "POST", agent: false,
        headers: { Origin: s.base, Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": IMPORT_MAX_BYTES * 3 },
      }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.write(head);
    });
    expect(status).toBe(413);
    const [log] = await queryRows<{ kind: string; file_name: string; outcome: string; key: string }>(s.db.db, sql`
      select kind, file_name, outcome, errors->'items'->0->>'key' as key from import_log order by id desc limit 1`);
    expect(log).toEqual({ kind: "employments", file_name: "Ansættelser 2024.csv", outcome: "rejected", key: "file.tooLarge" });
  });

  it("lets an import upload up to IMPORT_MAX_BYTES through and refuses a larger one by its declared length", async () => {
    expect((await upload(2 * 1024 * 1024)).status).not.toBe(413);
    const large = await upload(IMPORT_MAX_BYTES + 1);
    expect(large.status).toBe(413);
    expect(large.body).toContain("3 MB");
  });
});

describe("error pages", () => {
  it("answers an unknown address with the Danish 404 page", async () => {
    const response = await fetch(`${s.base}/findes/ikke`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Siden findes ikke");
    expect(html).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it("answers a malformed address with a plain 400 page, not a stack trace", async () => {
    const response = await fetch(`${s.base}/%E0%A4%A`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Ugyldig forespørgsel");
    expect(html).not.toMatch(/URIError|at .*\.(js|ts):\d+/);
  });

  it("answers a login post that is not a form with 400", async () => {
    const response = await fetch(`${s.base}/login`, {
      method: "POST", headers: { Origin: s.base, "Content-Type": "application/json" }, body: '{"email":',
    });
    expect(response.status).toBe(400);
  });

  it("answers a JSON body to any form action with 400, not a 500 from the action", async () => {
    const cookie = await login(s.base, "leder@k.dk", PASSWORD, "10.5.0.9");
    for (const path of ["/notifications", "/plans/new", "/plans/1"]) {
      const response = await fetch(`${s.base}${path}`, {
        method: "POST", headers: { Origin: s.base, Cookie: cookie, "Content-Type": "application/json" }, body: '{"intent":"read"}',
      });
      expect(response.status, path).toBe(400);
    }
  });

  it("refuses a write that the browser marks cross-site, and an Origin of the right host with another scheme", async () => {
    expect((await postForm("/language", { lang: "en" }, { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await postForm("/language", { lang: "en" }, { Origin: s.base.replace("http:", "https:") })).status).toBe(403);
    expect((await postForm("/language", { lang: "en" }, { "Sec-Fetch-Site": "same-origin" })).status).toBe(302);
  });

  it("answers a signed-in user without any grant with the Danish 403 page", async () => {
    await createUser(s.db.db, { email: "ingen@k.dk", displayName: "Ingen Adgang", password: PASSWORD, language: "da" });
    const cookie = await login(s.base, "ingen@k.dk", PASSWORD, "10.5.0.1");
    const response = await fetch(`${s.base}/admin/users`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("Ingen adgang");
    expect(html).toContain('<html lang="da"');
  });

  it("answers a failing page inside the layout: the route's error panel by status, the navigation kept", async () => {
    const cookie = await login(s.base, "leder@k.dk", PASSWORD, "10.5.0.2");
    for (const [path, status, title] of [["/plans/999999", 404, "Siden findes ikke"], ["/admin/users", 403, "Ingen adgang"]] as const) {
      const response = await fetch(`${s.base}${path}`, { headers: { Cookie: cookie } });
      expect(response.status, path).toBe(status);
      const html = await response.text();
      expect(html, path).toMatch(new RegExp(`<section class="error-page route-error"[^>]*><h1[^>]*>${title}</h1>`));
      expect(html, path).toContain(`Fejlkode: ${status}`);
      // The root layout stays: the user's navigation and the way out.
      expect(html, path).toContain('href="/plans"');
      expect(html, path).toContain("Log ud");
    }
  });
});

describe("production start-up", () => {
  it("refuses to start without SESSION_SECRET, with one readable line and no stack trace", () => {
    const { SESSION_SECRET: _unset, ...rest } = process.env;
    const run = spawnSync("node_modules/.bin/tsx", ["server.ts"], {
      env: { ...rest, NODE_ENV: "production", PORT: "3101" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("SESSION_SECRET: required in production");
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
