// The real server (server.ts createApp around the Remix build) on an ephemeral port, on a fresh
// migrated database of its own. The build is made under the shared lock first, as the team agreed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { setConnection } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/services";

export interface RunningServer {
  db: TestDatabase;
  base: string;
  close(): Promise<void>;
}

/**
 * Builds under the shared lock and copies the result, still under the lock, to a private
 * directory: teammates rebuild build/ all day, and a rebuild would otherwise swap the browser
 * assets away under a running test. The copy stays inside the checkout so the server build
 * still resolves node_modules.
 */
export function privateBuild(): { buildDir: string; assetsDir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.resolve(".cache/auth-build-"));
  const script = `npx remix build && cp -r build "${dir}/build" && cp -r public/build "${dir}/assets"`;
  execFileSync("flock", ["/tmp/build.lock", "sh", "-c", script], { stdio: "pipe", cwd: process.cwd() });
  return {
    buildDir: path.join(dir, "build"),
    assetsDir: path.join(dir, "assets"),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export async function startServer(prefix: string, envOverrides: Record<string, string> = {}): Promise<RunningServer> {
  Object.assign(process.env, envOverrides);
  const build = privateBuild();
  const db = await createTestDatabase(prefix);
  // The Remix bundle reaches the database through the same globalThis connection slot.
  setConnection(db);
  const { createApp } = await import("../../server");
  const app = await createApp({ buildDir: build.buildDir, assetsDir: build.assetsDir });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    db,
    base: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await db.drop();
      build.remove();
    },
  };
}

/** The `name=value` pair of the session cookie in a response, for the next request's Cookie header. */
export function sessionCookie(response: Response): string | null {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0];
    if (pair.startsWith("__session=")) return pair;
  }
  return null;
}

export async function login(base: string, email: string, password: string, ip = "10.0.0.1"): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, "X-Forwarded-For": ip },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  const cookie = sessionCookie(response);
  if (response.status !== 302 || !cookie) throw new Error(`login of ${email} failed with ${response.status}`);
  return cookie;
}
