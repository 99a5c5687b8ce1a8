// The login page's single sign-on part: "Log ind med <provider>" first, as links styled as
// buttons (a GET to /auth/…/login; never a submit button: the password form's button must stay
// the only one in <main>), then the password form, or only the break-glass form folded away.
import type { ReactNode } from "react";
import { useT } from "~/lib/i18n";

interface Options {
  oidc: { name: string } | null;
  saml: { name: string } | null;
  password: "on" | "break-glass" | "off";
}

const TEXTS = {
  da: { with: (name: string) => `Log ind med ${name}`, or: "eller med e-mail og adgangskode", breakGlass: "Nødadgang for administrator" },
  en: { with: (name: string) => `Log in with ${name}`, or: "or with e-mail and password", breakGlass: "Emergency access for the administrator" },
};

export function SsoLinks({ options, redirectTo, passwordForm }: { options: Options; redirectTo: string; passwordForm: ReactNode }) {
  const t = useT(TEXTS);
  const query = `?redirectTo=${encodeURIComponent(redirectTo)}`;
  const links = [
    options.oidc ? { href: `/auth/oidc/login${query}`, name: options.oidc.name } : null,
    options.saml ? { href: `/auth/saml/login${query}`, name: options.saml.name } : null,
  ].filter((l): l is { href: string; name: string } => l !== null);
  if (links.length === 0) return <>{passwordForm}</>;
  return (
    <div className="stack">
      {links.map((l) => (
        <a key={l.href} href={l.href} className="button primary sso-login">{t.with(l.name)}</a>
      ))}
      {options.password === "on" ? (
        <>
          <p className="muted sso-or">{t.or}</p>
          {passwordForm}
        </>
      ) : options.password === "break-glass" ? (
        <details className="sso-break-glass">
          <summary>{t.breakGlass}</summary>
          {passwordForm}
        </details>
      ) : null}
    </div>
  );
}
