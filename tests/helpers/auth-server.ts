// The real server (server.ts createApp around the Remix build) on an ephemeral port, on a fresh
// migrated database of its own. The build is made under the shared lock first, as the team agreed.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { setConnection } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "./services";

export interface RunningServer {
  db: TestDatabase;
  base: string;
  close(): Promise<void>;
}

/**
 * Builds the app into a private directory with Remix's own compiler (the code behind
 * `remix build`, with only the output paths changed). Teammates rebuild the shared build/ all day,
 * which would swap the browser assets away under a running test, and a stuck holder of the shared
 * build lock would stall every test; a private build needs neither. It stays inside the checkout
 * (.cache/, ignored by git) so the server build still resolves node_modules.
 */
export async function privateBuild(): Promise<{ buildDir: string; assetsDir: string; remove(): void }> {
  const require = createRequire(path.resolve("package.json"));
  const { readConfig } = require("@remix-run/dev/dist/config.js");
  const { build } = require("@remix-run/dev/dist/compiler/build.js");
  const { createFileWatchCache } = require("@remix-run/dev/dist/compiler/fileWatchCache.js");
  const { logger } = require("@remix-run/dev/dist/tux/logger.js");
  fs.mkdirSync(path.resolve(".cache"), { recursive: true });
  const dir = fs.mkdtempSync(path.resolve(".cache/auth-build-"));
  const buildDir = path.join(dir, "build");
  const assetsDir = path.join(dir, "assets");
  const config = await readConfig(process.cwd());
  await build({
    config: {
      ...config,
      serverBuildPath: path.join(buildDir, "index.js"),
      assetsBuildDirectory: assetsDir,
      relativeAssetsBuildDirectory: path.relative(process.cwd(), assetsDir),
    },
    options: { mode: "production", sourcemap: false },
    fileWatchCache: createFileWatchCache(),
    logger,
  });
  return { buildDir, assetsDir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** port: 0 for any free one; a test that must know the address first (APP_URL) passes its own. */
export async function startServer(prefix: string, envOverrides: Record<string, string> = {}, port = 0): Promise<RunningServer> {
  Object.assign(process.env, envOverrides);
  const build = await privateBuild();
  const db = await createTestDatabase(prefix);
  // The Remix bundle reaches the database through the same globalThis connection slot.
  setConnection(db);
  const { createApp } = await import("../../server");
  const app = await createApp({ buildDir: build.buildDir, assetsDir: build.assetsDir });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(port, "127.0.0.1", () => resolve(s));
  });
  const { port: listening } = server.address() as AddressInfo;
  return {
    db,
    base: `http://127.0.0.1:${listening}`,
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
