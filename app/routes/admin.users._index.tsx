// /admin/users: every user with their grants, and a form to create one.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import adminCss from "~/styles/admin.css";
import { GrantFields, GrantTag, reasonText } from "~/lib/admin-ui";
import { formatDate, useLang, useT } from "~/lib/i18n";
import { ScrollRegion } from "~/lib/scroll-region";
import type { loader, ActionResult } from "./admin.users._index.server";

export { loader, action } from "./admin.users._index.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminCss }];

export const meta: MetaFunction = () => [{ title: "Brugere · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Brugere", intro: "Opret brugere, tildel roller med deres enheder eller udvalg, og deaktivér brugere, der ikke længere skal have adgang.",
    name: "Navn", email: "E-mail", roles: "Roller", status: "Status", lastLogin: "Sidst logget ind", active: "Aktiv", inactive: "Deaktiveret",
    noRoles: "Ingen roller", edit: "Redigér", none: "Der er ingen brugere endnu.",
    create: "Opret bruger", password: "Adgangskode", passwordHint: (n: number) => `Mindst ${n} tegn. Tom: brugeren kan først logge ind, når en adgangskode er sat.`,
    language: "Sprog", employeeId: "Medarbejder-id fra HR (valgfrit)", firstRole: "Første rolle", submit: "Opret bruger", busy: "Opretter …",
    invalid: "Tjek felterne.", da: "Dansk", en: "Engelsk", sso: "Single sign-on: kobling af roller fra kommunens login",
  },
  en: {
    title: "Users", intro: "Create users, grant roles with their units or committees, and deactivate users who should no longer have access.",
    name: "Name", email: "E-mail", roles: "Roles", status: "Status", lastLogin: "Last login", active: "Active", inactive: "Deactivated",
    noRoles: "No roles", edit: "Edit", none: "There are no users yet.",
    create: "Create user", password: "Password", passwordHint: (n: number) => `At least ${n} characters. Empty: the user cannot log in until a password is set.`,
    language: "Language", employeeId: "Employee id from HR (optional)", firstRole: "First role", submit: "Create user", busy: "Creating …",
    invalid: "Check the fields.", da: "Danish", en: "English", sso: "Single sign-on: mapping roles from the municipality's login",
  },
};

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? <p id={id} className="field-error">{message}</p> : null;
}

export default function AdminUsers() {
  const { users, pickers, passwordMinLength } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const lang = useLang();
  const t = useT(TEXTS);
  const busy = useNavigation().state === "submitting";
  const err = (field: string) => {
    const reason = result?.errors[field];
    return reason ? reasonText(lang, field, reason) : undefined;
  };
  const roleError = result ? Object.entries(result.errors).find(([k]) => k.startsWith("roles"))?.[1] : undefined;
  const v = result?.values ?? {};

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <p><Link to="/admin/sso">{t.sso}</Link></p>

      {users.length === 0 ? (
        <p className="empty">{t.none}</p>
      ) : (
        <ScrollRegion>
          <table>
            <thead>
              <tr><th>{t.name}</th><th>{t.email}</th><th>{t.roles}</th><th>{t.status}</th><th>{t.lastLogin}</th><th><span className="visually-hidden">{t.edit}</span></th></tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={u.active ? undefined : "inactive"}>
                  <td>{u.displayName}</td>
                  <td>{u.email}</td>
                  <td>{u.roles.length ? u.roles.map((g, i) => <GrantTag key={i} lang={lang} grant={g} />) : <span className="muted">{t.noRoles}</span>}</td>
                  <td>{u.active ? t.active : t.inactive}</td>
                  <td>{u.lastLoginAt ? formatDate(lang, u.lastLoginAt.slice(0, 10)) : "–"}</td>
                  <td><Link to={`/admin/users/${u.id}`} aria-label={`${t.edit}: ${u.displayName}`}>{t.edit}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">{t.create}</h2>
        <Form method="post" className="stack admin-form" noValidate={false}>
          {result?.errors.form ? <p className="error" role="alert">{t.invalid}</p> : null}
          <div className="row">
            <label>
              {t.name}
              <input name="displayName" required maxLength={200} defaultValue={v.displayName} aria-invalid={!!err("displayName")} aria-describedby="err-name" />
              <FieldError id="err-name" message={err("displayName")} />
            </label>
            <label>
              {t.email}
              <input name="email" type="email" required maxLength={200} defaultValue={v.email} aria-invalid={!!err("email")} aria-describedby="err-email" />
              <FieldError id="err-email" message={err("email")} />
            </label>
          </div>
          <div className="row">
            <label>
              {t.password}
              <input name="password" type="password" autoComplete="new-password" minLength={passwordMinLength} maxLength={200} aria-describedby="hint-password err-password" />
              <span id="hint-password" className="small muted">{t.passwordHint(passwordMinLength)}</span>
              <FieldError id="err-password" message={err("password")} />
            </label>
            <label>
              {t.language}
              <select name="language" defaultValue={v.language ?? "da"}>
                <option value="da">{t.da}</option>
                <option value="en">{t.en}</option>
              </select>
            </label>
            <label>
              {t.employeeId}
              <input name="employeeId" maxLength={100} defaultValue={v.employeeId} aria-describedby="err-employee" />
              <FieldError id="err-employee" message={err("employeeId")} />
            </label>
          </div>
          <fieldset>
            <legend>{t.firstRole}</legend>
            <GrantFields lang={lang} pickers={pickers} />
            {roleError ? <p className="field-error" role="alert">{reasonText(lang, "roles", roleError)}</p> : null}
          </fieldset>
          <button type="submit" className="primary" disabled={busy}>{busy ? t.busy : t.submit}</button>
        </Form>
      </section>
    </div>
  );
}
