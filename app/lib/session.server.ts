// The signed cookie. It carries only a random session id ("sid"); whether that session is still
// good is Postgres's answer (db/infra/sessions.ts, ADR 0010). Secrets rotate through
// SESSION_SECRET="new,old": the first signs, all verify.
import { createCookieSessionStorage } from "@remix-run/node";
import { env } from "../../env";

const DEV_SECRET = "dev-only-secret-not-for-production";

function secrets(): string[] {
  const raw = env().SESSION_SECRET;
  if (!raw) return [DEV_SECRET];
  return raw.split(",").map((s) => s.trim()).filter(Boolean);
}

let storage: ReturnType<typeof createCookieSessionStorage<{ sid: string }>> | undefined;

export function sessionStorage() {
  storage ??= createCookieSessionStorage<{ sid: string }>({
    cookie: {
      name: "__session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env().NODE_ENV === "production",
      secrets: secrets(),
      // The browser may drop it when the server would end it anyway.
      maxAge: env().SESSION_ABSOLUTE_MINUTES * 60,
    },
  });
  return storage;
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

export function sessionTimeouts() {
  return { idleMinutes: env().SESSION_IDLE_MINUTES, absoluteMinutes: env().SESSION_ABSOLUTE_MINUTES };
}
