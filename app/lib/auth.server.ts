// Who is signed in. Passwords are argon2id; the cookie holds a random session id, and the session
// itself (user, created, last seen, ended) lives in Postgres: logout, a password change, a
// deactivation or changed grants end it on the server, and so do the idle and absolute timeouts.
import { redirect } from "@remix-run/node";
import { hashPassword, verifyPassword } from "../../db/passwords";
import { eq } from "drizzle-orm";
import { getDb, type Database } from "../../db/client";
import { users } from "../../db/schema";
import { getSession, sessionStorage, sessionTimeouts } from "./session.server";
import { endSession, readSession, startSession } from "../../db/infra/sessions";
import type { SessionUser } from "../../domain/access";
import { badRequest } from "./responses.server";


// Verifying against a fixed hash when the user does not exist keeps the timing the same,
// so the login form does not reveal which e-mail addresses have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyLogin(db: Database, email: string, password: string): Promise<SessionUser | null> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  if (!user || !user.active || !user.passwordHash) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) return null;
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return { id: user.id, email: user.email, displayName: user.displayName, language: user.language, employeeId: user.employeeId };
}

export async function getOptionalUser(request: Request, db: Database = getDb()): Promise<SessionUser | null> {
  const session = await getSession(request);
  const sid = session.get("sid");
  if (typeof sid !== "string") return null;
  const userId = await readSession(db, sid, sessionTimeouts());
  if (userId === null) return null;
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, displayName: user.displayName, language: user.language, employeeId: user.employeeId };
}

/** Anonymous visitors go to the login page and come back afterwards. */
export async function requireUser(request: Request, db: Database = getDb()): Promise<SessionUser> {
  const user = await getOptionalUser(request, db);
  if (!user) throw loginRedirect(request);
  return user;
}

/** The redirect to the login page that brings the visitor back to this address. */
export function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  return redirect(`/login?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
}

/**
 * Signs the user in with a new session (a new id every login, so an id planted before login is
 * worth nothing after it); a session the browser already had is ended.
 */
export async function createUserSession(request: Request, userId: number, redirectTo: string, db: Database = getDb()): Promise<Response> {
  const session = await getSession(request);
  const previous = session.get("sid");
  if (typeof previous === "string") await endSession(db, previous, "login");
  const fresh = await sessionStorage().getSession();
  fresh.set("sid", await startSession(db, userId));
  return redirect(safeRedirect(redirectTo, "/", request), {
    headers: { "Set-Cookie": await sessionStorage().commitSession(fresh) },
  });
}

/** Ends the session on the server as well as in the browser: a copied cookie opens nothing after it. */
export async function logout(request: Request, db: Database = getDb()): Promise<Response> {
  const session = await getSession(request);
  const sid = session.get("sid");
  if (typeof sid === "string") await endSession(db, sid, "logout");
  return redirect("/login", { headers: { "Set-Cookie": await sessionStorage().destroySession(session) } });
}

const SITE = "http://site.invalid";

/**
 * Only a path on this site: an open redirect after login would be a phishing aid. The target must
 * start with one "/", hold no whitespace or control character (a browser drops a tab or newline,
 * so "/\t/evil.example" would become "//evil.example") and no backslash, and resolve against the
 * site's own origin (the request's, when given) to that same origin; the path, query and hash of
 * the resolved URL are returned, never the input as typed.
 */
export function safeRedirect(to: unknown, fallback = "/", request?: Request): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  const origin = request ? new URL(request.url).origin : SITE;
  let resolved: URL;
  try {
    resolved = new URL(to, origin);
  } catch {
    return fallback;
  }
  if (resolved.origin !== origin) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/**
 * The submitted form, or a 400 when the body is not a form at all (a JSON or garbled body would
 * otherwise surface as a 500 from request.formData()).
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw badRequest("Ugyldig formular");
  }
}
