// The session cookie: secrets rotate through SESSION_SECRET="new,old" (the first signs, all
// verify), a cookie signed with a retired secret is worthless, and production cookies are Secure.
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { SESSION_SECRET: process.env.SESSION_SECRET, NODE_ENV: process.env.NODE_ENV };

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** A fresh copy of the session module under the given environment (it caches its storage). */
async function sessionsWith(env: { SESSION_SECRET?: string; NODE_ENV?: string }) {
  if (env.SESSION_SECRET === undefined) delete process.env.SESSION_SECRET;
  else process.env.SESSION_SECRET = env.SESSION_SECRET;
  (process.env as Record<string, string | undefined>).NODE_ENV = env.NODE_ENV ?? "test";
  vi.resetModules();
  return import("../../app/lib/session.server");
}

async function issue(secret: string, userId: number, nodeEnv = "test"): Promise<string> {
  const { sessionStorage, getSession } = await sessionsWith({ SESSION_SECRET: secret, NODE_ENV: nodeEnv });
  const session = await getSession(new Request("http://x/"));
  session.set("sid", String(userId));
  return sessionStorage().commitSession(session);
}

async function userIdUnder(secret: string, setCookie: string): Promise<unknown> {
  const { getSession } = await sessionsWith({ SESSION_SECRET: secret });
  const cookie = setCookie.split(";")[0];
  return (await getSession(new Request("http://x/", { headers: { Cookie: cookie } }))).get("sid");
}

describe("session secrets", () => {
  it("keeps sessions signed with the old secret valid after rotation to 'new,old'", async () => {
    const cookie = await issue("old-secret-0123456789", 7);
    expect(await userIdUnder("new-secret-9876543210,old-secret-0123456789", cookie)).toBe("7");
  });

  it("signs with the first secret, so a cookie issued after rotation survives dropping the old one", async () => {
    const cookie = await issue("new-secret-9876543210, old-secret-0123456789", 8);
    expect(await userIdUnder("new-secret-9876543210", cookie)).toBe("8");
  });

  it("rejects a cookie signed with a secret no longer listed", async () => {
    const cookie = await issue("old-secret-0123456789", 9);
    expect(await userIdUnder("new-secret-9876543210", cookie)).toBeUndefined();
  });

  it("rejects a cookie whose payload was altered", async () => {
    const cookie = await issue("old-secret-0123456789", 10);
    const [value, ...rest] = cookie.split(";");
    const [payload, signature] = value.slice("__session=".length).split(".");
    const forged = Buffer.from(JSON.stringify({ sid: "1" })).toString("base64").replace(/=+$/, "");
    expect(forged).not.toBe(payload);
    expect(await userIdUnder("old-secret-0123456789", [`__session=${forged}.${signature}`, ...rest].join(";"))).toBeUndefined();
  });
});

describe("cookie attributes", () => {
  it("is httpOnly and SameSite=Lax always, Secure in production", async () => {
    const dev = await issue("s-0123456789", 1, "development");
    expect(dev).toMatch(/HttpOnly/);
    expect(dev).toMatch(/SameSite=Lax/);
    expect(dev).not.toMatch(/Secure/);
    expect(await issue("s-0123456789", 1, "production")).toMatch(/Secure/);
  });
});
