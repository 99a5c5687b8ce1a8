// The demo path end to end on the embedded database: `tsx cli/demo.ts` on a fresh PGlite directory
// migrates, seeds (small scale, to keep this test fast), starts jobs and server, and answers with
// the login page. No Postgres or Redis involved: DATABASE_URL and REDIS_URL are removed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { DEMO_LOGINS } from "../../demo";

const ROOT = path.resolve(import.meta.dirname, "../..");
let child: ChildProcess | undefined;
let output = "";
let dataDir: string;
let port: number;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: p } = server.address() as net.AddressInfo;
      server.close(() => resolve(p));
    });
  });
}

async function waitForLogin(deadline: number): Promise<Response> {
  let lastError = "";
  while (Date.now() < deadline) {
    if (child?.exitCode !== null) throw new Error(`demo exited with ${child?.exitCode}:\n${output}`);
    try {
      return await fetch(`http://127.0.0.1:${port}/login`);
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`no answer on port ${port} (${lastError}):\n${output}`);
}

beforeAll(() => {
  // build/ is shared by everyone working in this checkout: build under the same lock as they do.
  execFileSync("flock", ["/tmp/build.lock", "npx", "remix", "build"], { cwd: ROOT, stdio: "pipe" });
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.pid) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run demo on PGlite", () => {
  it("migrates, seeds, starts and answers with the login page, printing the demo logins", async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-boot-"));
    port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env, PORT: String(port), HOST: "127.0.0.1", PGLITE_DIR: path.join(dataDir, "pglite"),
      DEMO_SCALE: "small", NODE_ENV: "development",
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const started = Date.now();
    // Its own process group, so the tsx wrapper and the node process it starts stop together.
    child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["cli/demo.ts"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));

    const response = await waitForLogin(started + 150_000);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<form[^>]*method="post"/i);
    expect(html).toContain('name="email"');
    expect(html).toContain('name="password"');
    // The logins are printed once the server listens, right before the first answer can come.
    const deadline = Date.now() + 5_000;
    while (!output.includes(DEMO_LOGINS[0]!.email) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const login of DEMO_LOGINS) expect(output).toContain(login.email);
    expect(output).toContain(DEMO_LOGINS[0]!.password);
    console.log(`demo answered after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 200_000);
});
