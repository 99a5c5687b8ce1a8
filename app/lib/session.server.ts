// Cookie session. Secrets rotate through SESSION_SECRET="new,old": the first signs, all verify.
import { createCookieSessionStorage } from "@remix-run/node";
import { env } from "../../env";

const DEV_SECRET = "dev-only-secret-not-for-production";

function secrets(): string[] {
  const raw = env().SESSION_SECRET;
  if (!raw) return [DEV_SECRET];
  return raw.split(",").map((s) => s.trim()).filter(Boolean);
}

let storage: ReturnType<typeof createCookieSessionStorage<{ userId: number }>> | undefined;

export function sessionStorage() {
  storage ??= createCookieSessionStorage<{ userId: number }>({
    cookie: {
      name: "__session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env().NODE_ENV === "production",
      secrets: secrets(),
      maxAge: 60 * 60 * 10,
    },
  });
  return storage;
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}
