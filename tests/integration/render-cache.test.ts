// Rendered pages are kept per web process under a key of their loader data (app/lib/render-cache.server.ts):
// a page served again carries this response's CSP nonce, never the first one's; the session and
// the guard still decide every request; another user's page (other permission flags or language)
// is its own render.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../db/commands/users";
import { buildOrg } from "./auth-fixtures";
import { login, startServer, type RunningServer } from "../helpers/auth-server";

const PASSWORD = "korrekt-hest-batteri";
let s: RunningServer;
let manager: string;
let english: string;
let hr: string;

beforeAll(async () => {
  s = await startServer("render_cache");
  const org = await buildOrg(s.db.db);
  await createUser(s.db.db, { email: "leder@k.dk", displayName: "Lene Leder", password: PASSWORD, language: "da", roles: [{ role: "manager", unitId: org.unit.TA1 }] });
  await createUser(s.db.db, { email: "en@k.dk", displayName: "Erin English", password: PASSWORD, language: "en", roles: [{ role: "manager", unitId: org.unit.TA1 }] });
  await createUser(s.db.db, { email: "hr@k.dk", displayName: "Hanne HR", password: PASSWORD, language: "da", roles: [{ role: "hr" }] });
  manager = await login(s.base, "leder@k.dk", PASSWORD, "10.7.0.1");
  english = await login(s.base, "en@k.dk", PASSWORD, "10.7.0.2");
  hr = await login(s.base, "hr@k.dk", PASSWORD, "10.7.0.3");
});

afterAll(async () => {
  await s?.close();
});

async function page(path: string, cookie?: string) {
  const response = await fetch(`${s.base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const csp = response.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;
  return { status: response.status, nonce, html: await response.text() };
}

describe("the rendered-page cache", () => {
  it("sends the same page again with this response's nonce on every script", async () => {
    const first = await page("/team", manager);
    const second = await page("/team", manager);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.nonce).toBeTruthy();
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.html).not.toContain(first.nonce!);
    const scripts = [...second.html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${second.nonce}"`);
    expect(second.html.split(second.nonce!).join("N")).toBe(first.html.split(first.nonce!).join("N"));
  });

  it("still checks the session and the guard on every request; other flags and languages are other pages", async () => {
    await page("/team", manager);
    const anonymous = await page("/team");
    expect(anonymous.status).toBe(302);
    // HR holds no view of the team's load: refused, whatever was rendered for the manager.
    expect((await page("/team", hr)).status).toBe(403);
    const other = await page("/team", english);
    expect(other.status).toBe(200);
    const mine = await page("/team", manager);
    expect(other.html.split(other.nonce!).join("N")).not.toBe(mine.html.split(mine.nonce!).join("N"));
    expect(other.html).toContain('lang="en"');
  });
});
