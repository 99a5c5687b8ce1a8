// /admin/users/:id: one user's grants (keep, remove, add), activation, password and open sessions.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import adminCss from "~/styles/admin.css";
import { GrantFields, GrantTag, ROLE_LABELS, reasonText } from "~/lib/admin-ui";
import { formatDate, useLang, useT, type Lang } from "~/lib/i18n";
import type { loader, ActionResult } from "./admin.users.$id.server";

export { loader, action } from "./admin.users.$id.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminCss }];

export const meta: MetaFunction = () => [{ title: "Bruger · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    back: "Alle brugere", email: "E-mail", language: "Sprog", employee: "Medarbejder-id", lastLogin: "Sidst logget ind",
    status: "Status", active: "Aktiv", inactive: "Deaktiveret", created: "Brugeren er oprettet.",
    profile: "Oplysninger", name: "Navn", saveProfile: "Gem oplysninger",
    employeeHint: "Forbinder brugeren med en medarbejder fra HR-data, fx så indsatser kan tildeles personen.",
    saved: { profile: "Oplysningerne er gemt.", roles: "Rollerne er gemt.", deactivate: "Brugeren er deaktiveret.", reactivate: "Brugeren er aktiv igen.", password: "Adgangskoden er skiftet, og brugerens sessioner er afsluttet.", end_sessions: "Sessionen er afsluttet." } as Record<string, string>,
    sessions: "Åbne sessioner", sessionsIntro: (idle: number, absolute: number) => `En session slutter efter ${idle} timer uden brug og senest ${absolute} timer efter login. Den slutter også ved log ud, skift af adgangskode, deaktivering og ændrede roller.`,
    noSessions: "Brugeren har ingen åbne sessioner.", started: "Logget ind", lastSeen: "Sidst brugt", expires: "Udløber senest",
    endOne: "Afslut", endOneLabel: (when: string) => `Afslut sessionen fra ${when}`, endAll: "Afslut alle sessioner", sessionsCaption: "Brugerens åbne sessioner",
    roles: "Roller og adgang", rolesIntro: "Fjern fluebenet for at fjerne en rolle. En leder ser sin enhed og alt under den; et MED-medlem ser udvalgets enheder.",
    keep: "Behold", noRoles: "Brugeren har ingen roller og kan ikke se noget.", addRole: "Tilføj rolle", saveRoles: "Gem roller",
    access: "Adgang", deactivateText: "En deaktiveret bruger kan ikke logge ind, og en åben session stopper ved næste klik.",
    deactivate: "Deaktivér bruger", reactivate: "Aktivér bruger igen",
    password: "Ny adgangskode", passwordHint: (n: number) => `Mindst ${n} tegn.`, setPassword: "Skift adgangskode",
    invalid: "Tjek felterne.", none: "–", da: "Dansk", en: "Engelsk",
  },
  en: {
    back: "All users", email: "E-mail", language: "Language", employee: "Employee id", lastLogin: "Last login",
    status: "Status", active: "Active", inactive: "Deactivated", created: "The user has been created.",
    profile: "Details", name: "Name", saveProfile: "Save details",
    employeeHint: "Links the user to an employee from the HR data, e.g. so action items can be assigned to them.",
    saved: { profile: "The details are saved.", roles: "The roles are saved.", deactivate: "The user is deactivated.", reactivate: "The user is active again.", password: "The password has been changed and the user's sessions ended.", end_sessions: "The session has been ended." } as Record<string, string>,
    sessions: "Open sessions", sessionsIntro: (idle: number, absolute: number) => `A session ends after ${idle} hours unused and at the latest ${absolute} hours after login. It also ends on logout, a password change, deactivation and changed roles.`,
    noSessions: "The user has no open sessions.", started: "Logged in", lastSeen: "Last used", expires: "Expires at the latest",
    endOne: "End", endOneLabel: (when: string) => `End the session from ${when}`, endAll: "End all sessions", sessionsCaption: "The user's open sessions",
    roles: "Roles and access", rolesIntro: "Untick to remove a role. A manager sees their unit and everything below it; a MED member sees the committee's units.",
    keep: "Keep", noRoles: "The user has no roles and can see nothing.", addRole: "Add role", saveRoles: "Save roles",
    access: "Access", deactivateText: "A deactivated user cannot log in, and an open session stops at the next click.",
    deactivate: "Deactivate user", reactivate: "Reactivate user",
    password: "New password", passwordHint: (n: number) => `At least ${n} characters.`, setPassword: "Change password",
    invalid: "Check the fields.", none: "–", da: "Danish", en: "English",
  },
};

export default function AdminUser() {
  const { user, pickers, passwordMinLength, sessions, timeouts } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const [params] = useSearchParams();
  const lang = useLang();
  const t = useT(TEXTS);
  const busy = useNavigation().state === "submitting";
  const errorsFor = (intent: string) =>
    result?.intent === intent ? Object.entries(result.errors).map(([field, reason]) => (field === "form" ? t.invalid : reasonText(lang, field, reason))) : [];
  const saved = params.get("gemt");

  return (
    <div className="stack">
      <p className="no-print"><Link to="/admin/users">{`← ${t.back}`}</Link></p>
      <h1>{user.displayName}</h1>
      {params.get("oprettet") ? <p className="notice" role="status">{t.created}</p> : null}
      {saved && t.saved[saved] ? <p className="notice" role="status">{t.saved[saved]}</p> : null}
      <dl className="grid user-facts">
        <div><dt className="figure-label">{t.email}</dt><dd>{user.email}</dd></div>
        <div><dt className="figure-label">{t.status}</dt><dd>{user.active ? t.active : t.inactive}</dd></div>
        <div><dt className="figure-label">{t.language}</dt><dd>{t[user.language]}</dd></div>
        <div><dt className="figure-label">{t.employee}</dt><dd>{user.employeeId ?? t.none}</dd></div>
        <div><dt className="figure-label">{t.lastLogin}</dt><dd>{user.lastLoginAt ? formatDate(lang, user.lastLoginAt.slice(0, 10)) : t.none}</dd></div>
      </dl>

      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t.profile}</h2>
        <Form method="post" className="stack admin-form">
          <input type="hidden" name="intent" value="profile" />
          <div className="row">
            <label>
              {t.name}
              <input name="displayName" required maxLength={200} defaultValue={user.displayName} />
            </label>
            <label>
              {t.language}
              <select name="language" defaultValue={user.language}>
                <option value="da">{t.da}</option>
                <option value="en">{t.en}</option>
              </select>
            </label>
            <label>
              {t.employee}
              <input name="employeeId" maxLength={100} defaultValue={user.employeeId ?? ""} aria-describedby="employee-hint" />
              <span id="employee-hint" className="small muted">{t.employeeHint}</span>
            </label>
          </div>
          {errorsFor("profile").map((e) => <p key={e} className="field-error" role="alert">{e}</p>)}
          <button type="submit" disabled={busy}>{t.saveProfile}</button>
        </Form>
      </section>

      <section className="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t.roles}</h2>
        <p className="muted small">{t.rolesIntro}</p>
        <Form method="post" className="stack admin-form">
          <input type="hidden" name="intent" value="roles" />
          {user.roles.length === 0 ? <p className="empty">{t.noRoles}</p> : (
            <ul className="grant-list">
              {user.roles.map((g) => {
                const value = `${g.role}:${g.unitId ?? ""}:${g.committeeId ?? ""}`;
                return (
                  <li key={value}>
                    <label>
                      <input type="checkbox" name="keep" value={value} defaultChecked aria-label={`${t.keep}: ${ROLE_LABELS[lang][g.role]}`} />
                      <GrantTag lang={lang} grant={g} />
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          <fieldset>
            <legend>{t.addRole}</legend>
            <GrantFields lang={lang} pickers={pickers} />
          </fieldset>
          {errorsFor("roles").map((e) => <p key={e} className="field-error" role="alert">{e}</p>)}
          <button type="submit" className="primary" disabled={busy}>{t.saveRoles}</button>
        </Form>
      </section>

      <section className="card" aria-labelledby="access-heading">
        <h2 id="access-heading">{t.access}</h2>
        <p className="muted small">{t.deactivateText}</p>
        <Form method="post">
          <input type="hidden" name="intent" value={user.active ? "deactivate" : "reactivate"} />
          <button type="submit" disabled={busy}>{user.active ? t.deactivate : t.reactivate}</button>
        </Form>
        {[...errorsFor("deactivate"), ...errorsFor("reactivate")].map((e) => <p key={e} className="field-error" role="alert">{e}</p>)}
        <Form method="post" className="stack admin-form">
          <input type="hidden" name="intent" value="password" />
          <label>
            {t.password}
            <input type="password" name="password" autoComplete="new-password" required minLength={passwordMinLength} maxLength={200} aria-describedby="pw-hint" />
            <span id="pw-hint" className="small muted">{t.passwordHint(passwordMinLength)}</span>
          </label>
          {errorsFor("password").map((e) => <p key={e} className="field-error" role="alert">{e}</p>)}
          <button type="submit" disabled={busy}>{t.setPassword}</button>
        </Form>
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t.sessions}</h2>
        <p className="muted small">{t.sessionsIntro(Math.round(timeouts.idleMinutes / 60), Math.round(timeouts.absoluteMinutes / 60))}</p>
        {sessions.length === 0 ? <p className="empty">{t.noSessions}</p> : (
          <>
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t.sessionsCaption}>
              <table>
                <caption className="visually-hidden">{t.sessionsCaption}</caption>
                <thead><tr><th scope="col">{t.started}</th><th scope="col">{t.lastSeen}</th><th scope="col">{t.expires}</th><th scope="col"><span className="visually-hidden">{t.endOne}</span></th></tr></thead>
                <tbody>
                  {sessions.map((x) => (
                    <tr key={x.idHash}>
                      <td>{formatDateTime(lang, x.createdAt)}</td>
                      <td>{formatDateTime(lang, x.lastSeenAt)}</td>
                      <td>{formatDateTime(lang, x.expiresAt)}</td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="end_sessions" />
                          <input type="hidden" name="session" value={x.idHash} />
                          <button type="submit" disabled={busy} aria-label={t.endOneLabel(formatDateTime(lang, x.createdAt))}>{t.endOne}</button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Form method="post">
              <input type="hidden" name="intent" value="end_sessions" />
              <button type="submit" disabled={busy}>{t.endAll}</button>
            </Form>
          </>
        )}
        {errorsFor("end_sessions").map((e) => <p key={e} className="field-error" role="alert">{e}</p>)}
      </section>
    </div>
  );
}

/** A database timestamp as the clock on the wall in Copenhagen. */
function formatDateTime(lang: Lang, timestamp: string): string {
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Copenhagen" })
    .format(new Date(timestamp));
}
