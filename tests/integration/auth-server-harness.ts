// The real server (server.ts createApp around the Remix build) on an ephemeral port, on a fresh
// migrated database of its own. The build is made under the shared lock first, as the team agreed.
import { execFileSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { setConnection } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/services";

export interface RunningServer {
  db: TestDatabase;
  base: string;
  close(): Promise<void>;
}

export function buildOnce(): void {
  execFileSync("flock", ["/tmp/build.lock", "npx", "remix", "build"], { stdio: "pipe", cwd: process.cwd() });
}

export async function startServer(prefix: string, envOverrides: Record<string, string> = {}): Promise<RunningServer> {
  Object.assign(process.env, envOverrides);
  buildOnce();
  const db = await createTestDatabase(prefix);
  // The Remix bundle reaches the database through the same globalThis connection slot.
  setConnection(db);
  const { createApp } = await import("../../server");
  const app = await createApp();
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
