import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/lib/db.server";
import { createUserSession, getOptionalUser, safeRedirect, verifyLogin } from "~/lib/auth.server";
import { useT } from "~/lib/i18n";

export const meta: MetaFunction = () => [{ title: "Log ind · Arbejdsmiljø og belastning" }];

const LoginForm = z.object({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LoginForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { error: "missing" as const };
  const user = await verifyLogin(getDb(), parsed.data.email, parsed.data.password);
  if (!user) return { error: "invalid" as const };
  return createUserSession(request, user.id, safeRedirect(parsed.data.redirectTo));
}

const TEXTS = {
  da: {
    title: "Log ind", email: "E-mail", password: "Adgangskode", submit: "Log ind", busy: "Logger ind …",
    missing: "Udfyld e-mail og adgangskode.", invalid: "Forkert e-mail eller adgangskode.",
    intro: "Belastning, personaleomsætning og handleplaner for Børn og Familie.",
  },
  en: {
    title: "Log in", email: "E-mail", password: "Password", submit: "Log in", busy: "Logging in …",
    missing: "Enter your e-mail and password.", invalid: "Wrong e-mail or password.",
    intro: "Caseload, staff turnover and action plans for children and families.",
  },
};

export default function Login() {
  const t = useT(TEXTS);
  const data = useActionData<{ error?: "missing" | "invalid" }>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="login-card">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <Form method="post" className="stack" aria-describedby={data?.error ? "login-error" : undefined}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <label>
          {t.email}
          <input type="email" name="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          {t.password}
          <input type="password" name="password" autoComplete="current-password" required />
        </label>
        {data?.error ? <p id="login-error" className="error" role="alert">{t[data.error]}</p> : null}
        <button type="submit" className="primary" disabled={busy}>{busy ? t.busy : t.submit}</button>
      </Form>
    </div>
  );
}
