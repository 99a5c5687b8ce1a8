// Who is signed in. Passwords are argon2id; the session holds only the user id.
import { redirect } from "@remix-run/node";
import { hashPassword, verifyPassword } from "../../db/passwords";
import { eq } from "drizzle-orm";
import { getDb, type Database } from "../../db/client";
import { users } from "../../db/schema";
import { getSession, sessionStorage } from "./session.server";

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  language: "da" | "en";
  employeeId: string | null;
}

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
  const userId = session.get("userId");
  if (typeof userId !== "number") return null;
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

export async function createUserSession(request: Request, userId: number, redirectTo: string): Promise<Response> {
  const session = await getSession(request);
  session.set("userId", userId);
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await sessionStorage().commitSession(session) },
  });
}

export async function logout(request: Request): Promise<Response> {
  const session = await getSession(request);
  return redirect("/login", { headers: { "Set-Cookie": await sessionStorage().destroySession(session) } });
}

/** Only same-site paths: an open redirect after login would be a phishing aid. */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/**
 * The submitted form, or a 400 when the body is not a form at all (a JSON or garbled body would
 * otherwise surface as a 500 from request.formData()).
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Ugyldig formular", { status: 400 });
  }
}
