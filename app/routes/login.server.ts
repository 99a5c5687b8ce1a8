// The login route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { createUserSession, getOptionalUser, safeRedirect, verifyLogin, readFormData } from "~/lib/auth.server";
import { clearLoginFailures, loginWaitSeconds, recordLoginFailure, throttleKey } from "~/lib/rate-limit.server";
import { loginOptions, passwordAllowedFor } from "~/lib/sso/config.server";

const LoginForm = z.object({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/");
  return loginOptions();
}

export type LoginError = "missing" | "invalid" | "locked" | "disabled";

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LoginForm.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return data({ error: "missing" as LoginError }, { status: 400 });
  if (!passwordAllowedFor(parsed.data.email)) return data({ error: "disabled" as LoginError }, { status: 403 });
  const db = getDb();
  const key = throttleKey(parsed.data.email, context.clientIp ?? "unknown");
  // Checked before the password, so a waiting guesser learns nothing about whether a guess was right.
  const wait = await loginWaitSeconds(db, key);
  if (wait > 0) {
    return data({ error: "locked" as LoginError, seconds: wait }, { status: 429, headers: { "Retry-After": String(wait) } });
  }
  const user = await verifyLogin(db, parsed.data.email, parsed.data.password);
  if (!user) {
    await recordLoginFailure(db, key);
    return data({ error: "invalid" as LoginError }, { status: 400 });
  }
  await clearLoginFailures(db, key);
  return createUserSession(request, user.id, safeRedirect(parsed.data.redirectTo, "/", request));
}
