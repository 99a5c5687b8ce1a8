import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useT } from "~/lib/i18n";
import { SsoLinks } from "~/lib/sso/login-ui";
import type { loader, LoginError } from "./login.server";

export { loader, action } from "./login.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const meta: MetaFunction = () => [{ title: "Log ind · Arbejdsmiljø og belastning" }];

// Without this, a document (no-JS) response would drop the action's Retry-After.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const out = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) out.set("Retry-After", retryAfter);
  return out;
};

interface LoginResult { error: LoginError; seconds?: number }

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
