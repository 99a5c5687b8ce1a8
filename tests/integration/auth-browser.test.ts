// In a real browser (Debian's chromium through playwright-core): the enforced CSP lets Remix's
// nonce-carrying scripts run, the page hydrates without a single CSP violation, and a login
// submitted by the hydrated app (single fetch, /login.data) passes the Origin check.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type BrowserContext } from "playwright-core";
import { createUser } from "../../db/commands/users";
import { FREE_FAILURES } from "../../app/lib/rate-limit.server";
import { startServer, type RunningServer } from "../helpers/auth-server";

const PASSWORD = "korrekt-hest-batteri";
let s: RunningServer;
let browser: BrowserContext;
let profile: string;

beforeAll(async () => {
  s = await startServer("auth_browser");
  await createUser(s.db.db, { email: "laas@k.dk", displayName: "Låst", password: PASSWORD, language: "da", roles: [{ role: "hr" }] });
  await createUser(s.db.db, { email: "admin@k.dk", displayName: "Ada Admin", password: PASSWORD, language: "da", roles: [{ role: "admin" }] });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "auth-chromium-"));
  // A fresh profile per run (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

describe("the login page in a browser", () => {
  it("hydrates under the enforced CSP and signs in through single fetch", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const pageErrors: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
    });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const dataRequests: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") dataRequests.push(new URL(request.url()).pathname);
    });

    // Lands on a page of this slice, so the check covers no other team's client code.
    await page.goto(`${s.base}/login?redirectTo=${encodeURIComponent("/admin/users")}`);
    await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 15_000 });

    await page.fill('input[name="email"]', "admin@k.dk");
    await page.fill('input[name="password"]', "forkert-adgangskode");
    await page.getByRole("button", { name: "Log ind" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("Forkert e-mail eller adgangskode.");

    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole("button", { name: "Log ind" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/users", { timeout: 15_000 });
    await page.getByRole("heading", { name: "Brugere" }).waitFor();

    expect(dataRequests.every((p) => p === "/login.data")).toBe(true);
    expect(dataRequests.length).toBe(2);
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("shows the lockout message in the hydrated form after too many wrong passwords", async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${s.base}/login`);
    await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 15_000 });
    await page.fill('input[name="email"]', "laas@k.dk");
    for (let i = 0; i <= FREE_FAILURES; i++) {
      await page.fill('input[name="password"]', `gæt-nummer-${i}`);
      const answered = page.waitForResponse((r) => r.url().endsWith("/login.data") && r.request().method() === "POST");
      await page.getByRole("button", { name: "Log ind" }).click();
      await answered;
    }
    await page.fill('input[name="password"]', PASSWORD);
    const locked = page.waitForResponse((r) => r.url().endsWith("/login.data") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Log ind" }).click();
    expect((await locked).status()).toBe(429);
    await page.getByText("For mange loginforsøg").waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });
});
