// Shared ground for the Playwright journeys: a fresh Postgres database with the small demo
// organisation, aggregated, served by the real server in a child process, and a headless Chromium.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { privateBuild } from "../helpers/auth-server";
import { expectAccessible } from "./axe";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
export const SCREENSHOT_DIR = path.join(ROOT, "tests/e2e/screenshots");
/** A fixed "today" so the journeys see the same weeks and deadlines on every run. */
export const E2E_TODAY = "2025-06-16";

export interface E2EEnvironment {
  baseUrl: string;
  database: TestDatabase;
  browser: Browser;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}

async function tsx(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await run(path.join(ROOT, "node_modules/.bin/tsx"), [script, ...args], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
}


async function waitForServer(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const response = await fetch(`${url}/login`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer within 60 s:\n${output()}`);
}

/**
 * beforeServe: called with the server's address before it starts, for settings that name it
 * (APP_URL, an identity provider's redirect URI); its variables are added to the server's env.
 */
export async function startE2E(prefix: string, beforeServe?: (baseUrl: string) => Promise<Record<string, string>>): Promise<E2EEnvironment> {
  // Undo in reverse order whatever was started, also when a later step fails.
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanUp = async () => {
    for (const step of cleanups.reverse()) await step();
  };
  try {
    const database = await createTestDatabase(`e2e_${prefix}`);
    cleanups.push(() => database.drop());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      APP_TODAY: E2E_TODAY,
      TZ: "UTC",
      NODE_ENV: "production",
      SESSION_SECRET: "e2e-secret",
    };
    delete env.REDIS_URL;
    // A private build: nobody rebuilding build/ can swap the assets under a running journey.
    const build = await privateBuild();
    cleanups.push(() => build.remove());
    await tsx("demo/run.ts", ["--small"], env);
    await tsx("cli/aggregate.ts", [], env);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const extraEnv = beforeServe ? await beforeServe(baseUrl) : {};
    let output = "";
    const server = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["tests/e2e/serve.ts", build.buildDir, build.assetsDir], {
      cwd: ROOT,
      env: { ...env, ...extraEnv, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    cleanups.push(async () => {
      if (server.exitCode !== null) return;
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    });
    server.stdout!.on("data", (chunk) => (output += chunk));
    server.stderr!.on("data", (chunk) => (output += chunk));
    await waitForServer(baseUrl, server, () => output);

    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        // Playwright gives every launch a fresh, empty profile of its own.
        "--disable-component-update", "--no-first-run",
      ],
    });
    cleanups.push(() => browser.close());
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    return { baseUrl, database, browser, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * A page in a fresh context. Every `page.goto` and every screenshot runs axe (WCAG 2.1 AA) on what
 * the page shows and fails the journey on a serious or critical violation, so each journey checks
 * the pages it passes through. The CSP is bypassed only so that axe's script can be injected.
 */
export async function newPage(environment: E2EEnvironment): Promise<{ context: BrowserContext; page: Page }> {
  const context = await environment.browser.newContext({
    baseURL: environment.baseUrl, locale: "da-DK", viewport: { width: 1366, height: 900 }, bypassCSP: true,
  });
  const page = await context.newPage();
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    // Downloads and non-HTML answers have no document to check.
    if (response?.headers()["content-type"]?.startsWith("text/html")) await expectAccessible(page);
    return response;
  };
  return { context, page };
}

export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "Log ind" }).click()]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await expectAccessible(page, `${page.url()} (screenshot ${name})`);
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
