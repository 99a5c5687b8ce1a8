// /admin/sso: which identity-provider claim values (Entra ID app roles or group ids, Keycloak
// roles, KOMBIT privileges) give which role where. Read at every login. `npm run sso` does the same.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import adminCss from "~/styles/admin.css";
import { GrantFields, ROLE_LABELS } from "~/lib/admin-ui";
import { useLang, useT } from "~/lib/i18n";
import type { loader } from "./admin.sso.server";

export { loader, action } from "./admin.sso.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminCss }];

export const meta: MetaFunction = () => [{ title: "Single sign-on · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Single sign-on", intro: "Kobl værdier fra kommunens login (app-roller eller gruppe-id'er fra Entra ID, roller fra Keycloak, brugersystemroller fra KOMBIT) til en rolle og de enheder, den dækker. Koblingen læses ved hvert login: en ændring gælder fra brugerens næste login. Brugere uden en koblet værdi får ingen adgang.",
    claim: "Værdi fra login (claim)", role: "Rolle", scope: "Dækker", whole: "Hele organisationen", below: "og underliggende enheder", committee: "Udvalg",
    remove: "Fjern", none: "Ingen koblinger endnu: ingen kan logge ind med single sign-on.", add: "Tilføj kobling", submit: "Tilføj", busy: "Gemmer …",
    invalid: "Tjek felterne.", users: (n: number) => (n === 1 ? "1 bruger er oprettet via single sign-on." : `${n} brugere er oprettet via single sign-on.`),
    setup: "Det registrerer IT", notConfigured: "Single sign-on er ikke sat op (se README, \"Connecting Entra ID / KOMBIT\").",
    redirect: "Redirect URI", logoutUri: "Post-logout redirect URI", claimName: "Claim med roller", metadata: "SP-metadata", acs: "ACS", entity: "Entity ID",
  },
  en: {
    title: "Single sign-on", intro: "Map values from the municipality's login (Entra ID app roles or group ids, Keycloak roles, KOMBIT user-system roles) to a role and the units it covers. The mapping is read at every login: a change applies from the user's next login. Users without a mapped value get no access.",
    claim: "Value from the login (claim)", role: "Role", scope: "Covers", whole: "Whole organisation", below: "and the units below", committee: "Committee",
    remove: "Remove", none: "No mappings yet: nobody can sign in through single sign-on.", add: "Add mapping", submit: "Add", busy: "Saving …",
    invalid: "Check the fields.", users: (n: number) => (n === 1 ? "1 user was created through single sign-on." : `${n} users were created through single sign-on.`),
    setup: "What IT registers", notConfigured: "Single sign-on is not configured (see README, \"Connecting Entra ID / KOMBIT\").",
    redirect: "Redirect URI", logoutUri: "Post-logout redirect URI", claimName: "Roles claim", metadata: "SP metadata", acs: "ACS", entity: "Entity ID",
  },
};

export default function AdminSso() {
  const { mappings, pickers, users, oidc, saml } = useLoaderData<typeof loader>();
  const result = useActionData<{ error: string }>();
  const lang = useLang();
  const t = useT(TEXTS);
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <p>{t.users(users)}</p>
      {mappings.length === 0 ? (
        <p className="empty">{t.none}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t.title}>
          <table>
            <thead><tr><th>{t.claim}</th><th>{t.role}</th><th>{t.scope}</th><th><span className="visually-hidden">{t.remove}</span></th></tr></thead>
            <tbody>
              {mappings.map((m) => (
                <tr key={m.id}>
                  <td><code>{m.claimValue}</code></td>
                  <td>{ROLE_LABELS[lang][m.role] ?? m.role}</td>
                  <td>{m.unitName ? `${m.unitName} (${m.unitCode}) ${t.below}` : m.committeeName ? `${t.committee}: ${m.committeeName}` : t.whole}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={m.id} />
                      <button type="submit" className="link-button" aria-label={`${t.remove}: ${m.claimValue}`}>{t.remove}</button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" aria-labelledby="add-heading">
        <h2 id="add-heading">{t.add}</h2>
        <Form method="post" className="stack admin-form">
          <input type="hidden" name="intent" value="add" />
          {result?.error ? <p className="error" role="alert">{result.error === "invalid" ? t.invalid : result.error}</p> : null}
          <label>
            {t.claim}
            <input name="claimValue" required maxLength={500} />
          </label>
          <GrantFields lang={lang} pickers={pickers} required />
          <div><button type="submit" className="primary" disabled={busy}>{busy ? t.busy : t.submit}</button></div>
        </Form>
      </section>
      <section className="card" aria-labelledby="setup-heading">
        <h2 id="setup-heading">{t.setup}</h2>
        {!oidc && !saml ? <p>{t.notConfigured}</p> : null}
        <dl>
          {oidc ? (
            <>
              <dt>{t.redirect}</dt><dd><code>{oidc.redirectUri}</code></dd>
              <dt>{t.logoutUri}</dt><dd><code>{oidc.logoutUri}</code></dd>
              <dt>{t.claimName}</dt><dd><code>{oidc.rolesClaim}</code></dd>
            </>
          ) : null}
          {saml ? (
            <>
              <dt>{t.metadata}</dt><dd><code>{saml.metadataUrl}</code></dd>
              <dt>{t.entity}</dt><dd><code>{saml.entityId}</code></dd>
              <dt>{t.acs}</dt><dd><code>{saml.acsUrl}</code></dd>
            </>
          ) : null}
        </dl>
      </section>
    </div>
  );
}
