import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/lib/db.server";
import { createUserSession, getOptionalUser, safeRedirect, verifyLogin, readFormData } from "~/lib/auth.server";
import { clearLoginFailures, loginWaitSeconds, recordLoginFailure, throttleKey } from "~/lib/rate-limit.server";
import { useT } from "~/lib/i18n";
import { loginOptions, passwordAllowedFor } from "~/lib/sso/config.server";
import { SsoLinks } from "~/lib/sso/login-ui";

export const meta: MetaFunction = () => [{ title: "Log ind · Arbejdsmiljø og belastning" }];

// Without this, a document (no-JS) response would drop the action's Retry-After.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const out = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) out.set("Retry-After", retryAfter);
  return out;
};

const LoginForm = z.object({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/");
  return loginOptions();
}

type LoginError = "missing" | "invalid" | "locked" | "disabled";
interface LoginResult { error: LoginError; seconds?: number }

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

const TEXTS = {
  da: {
    title: "Log ind", email: "E-mail", password: "Adgangskode", submit: "Log ind", busy: "Logger ind …",
    missing: "Udfyld e-mail og adgangskode.", invalid: "Forkert e-mail eller adgangskode.",
    locked: (seconds: number) => `For mange loginforsøg. Vent ${seconds < 60 ? `${seconds} sekunder` : `${Math.ceil(seconds / 60)} min.`}, og prøv igen.`,
    intro: "Belastning, personaleomsætning og handleplaner for Børn og Familie.",
    disabled: "Log ind med kommunens login ovenfor. Login med adgangskode er slået fra.",
  },
  en: {
    title: "Log in", email: "E-mail", password: "Password", submit: "Log in", busy: "Logging in …",
    missing: "Enter your e-mail and password.", invalid: "Wrong e-mail or password.",
    locked: (seconds: number) => `Too many login attempts. Wait ${seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} min.`} and try again.`,
    intro: "Caseload, staff turnover and action plans for children and families.",
    disabled: "Sign in with the municipality's login above. Password login is switched off.",
  },
};

export default function Login() {
  const t = useT(TEXTS);
  const result = useActionData<LoginResult>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const options = useLoaderData<typeof loader>();
  const form = (
      <Form method="post" className="stack" aria-describedby={result?.error ? "login-error" : undefined}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <label>
          {t.email}
          <input type="email" name="email" autoComplete="username" required autoFocus={!options.oidc && !options.saml} />
        </label>
        <label>
          {t.password}
          <input type="password" name="password" autoComplete="current-password" required />
        </label>
        {result?.error ? (
          <p id="login-error" className="error" role="alert">
            {result.error === "locked" ? t.locked(result.seconds ?? 60) : t[result.error]}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>{busy ? t.busy : t.submit}</button>
      </Form>
  );
  return (
    <div className="login-card">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <SsoLinks options={options} redirectTo={params.get("redirectTo") ?? "/"} passwordForm={form} />
    </div>
  );
}
