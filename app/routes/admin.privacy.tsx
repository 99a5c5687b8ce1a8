// /admin/privacy: a person's data under GDPR. Find a person by employee id or e-mail, see what the
// product holds about them, download it all (access request, art. 15) and pseudonymise them on
// request (erasure, art. 17) with the reason recorded. Every figure stays the same.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import adminCss from "~/styles/admin.css";
import { formatInt, useLang, useT } from "~/lib/i18n";
import type { loader, EraseResult } from "./admin.privacy.server";

export { loader, action } from "./admin.privacy.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminCss }];

export const meta: MetaFunction = () => [{ title: "Persondata · Arbejdsmiljø og belastning" }];

const SECTION_KEYS = [
  "employments", "competences", "casesHeld", "users", "roles", "itemsOwned", "mentions", "evidence", "reviews",
  "notifications", "auditByPerson", "auditAboutPerson", "namesRead",
] as const;

const TEXTS = {
  da: {
    title: "Persondata (GDPR)",
    intro: "Find en person ved medarbejder-id eller e-mail. Du kan hente alt, hvad systemet har om personen (indsigt), og pseudonymisere personen på anmodning (sletning). Tal for omsætning og sagsbelastning ændres ikke: personen erstattes af et tilfældigt token overalt.",
    employeeId: "Medarbejder-id", email: "E-mail", search: "Find", notFound: "Ingen medarbejder eller bruger matcher søgningen.",
    found: (name: string) => `Fundet: ${name}`, unnamed: "uden navn", held: "Det har systemet om personen",
    download: "Hent alle data (JSON)", downloadNote: "Hentningen logges i loggen over læsning af navne og i revisionssporet.",
    eraseTitle: "Pseudonymisér på anmodning",
    eraseIntro: "Navn, e-mail og medarbejder-id erstattes af et tilfældigt token i alle tabeller, fritekst og revisionsspor; en tilknyttet brugerkonto lukkes. Det kan ikke fortrydes.",
    reason: "Begrundelse (fx anmodningens dato og journalnummer; skriv ikke personens navn)", confirm: "Jeg har kontrolleret, at anmodningen er berettiget, og at dette ikke kan fortrydes",
    erase: "Pseudonymisér personen", already: "Personen er allerede pseudonymiseret.",
    done: (token: string) => `Personen er pseudonymiseret som ${token}. Begrundelsen er registreret.`,
    invalid: "Skriv en begrundelse på mindst 10 tegn, og bekræft.", log: "Log over læsning af navne",
    sections: {
      employments: "Ansættelser", competences: "Kompetencer", casesHeld: "Sagsperioder som tovholder (sags-id)", users: "Brugerkonti",
      roles: "Roller", itemsOwned: "Indsatser som ansvarlig eller godkender", mentions: "Navnet nævnt i fritekst", evidence: "Dokumentation skrevet",
      reviews: "Reviews skrevet", notifications: "Notifikationer", auditByPerson: "Handlinger i revisionssporet",
      auditAboutPerson: "Revisionsspor, der nævner personen", namesRead: "Personens læsning af navne",
    },
  },
  en: {
    title: "Personal data (GDPR)",
    intro: "Find a person by employee id or e-mail. You can download everything the system holds about them (access) and pseudonymise them on request (erasure). Turnover and caseload figures do not change: the person is replaced by a random token everywhere.",
    employeeId: "Employee id", email: "E-mail", search: "Find", notFound: "No employee or user matches the search.",
    found: (name: string) => `Found: ${name}`, unnamed: "no name", held: "What the system holds about the person",
    download: "Download all data (JSON)", downloadNote: "The download is logged in the name-read log and the audit trail.",
    eraseTitle: "Pseudonymise on request",
    eraseIntro: "Name, e-mail and employee id are replaced by a random token in every table, free text and the audit trail; a linked user account is closed. This cannot be undone.",
    reason: "Reason (e.g. the request's date and case number; do not write the person's name)", confirm: "I have checked that the request is justified and that this cannot be undone",
    erase: "Pseudonymise the person", already: "The person is already pseudonymised.",
    done: (token: string) => `The person is pseudonymised as ${token}. The reason is recorded.`,
    invalid: "Write a reason of at least 10 characters, and confirm.", log: "Log of who read names",
    sections: {
      employments: "Employments", competences: "Competences", casesHeld: "Case periods as coordinator (case ids)", users: "User accounts",
      roles: "Roles", itemsOwned: "Action items owned or verified", mentions: "Name mentioned in free text", evidence: "Evidence written",
      reviews: "Reviews written", notifications: "Notifications", auditByPerson: "Actions in the audit trail",
      auditAboutPerson: "Audit entries naming the person", namesRead: "The person's reading of names",
    },
  },
};

export default function AdminPrivacy() {
  const result = useLoaderData<typeof loader>();
  const outcome = useActionData<EraseResult>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const lang = useLang();
  const t = useT(TEXTS);
  const person = result.person;
  const exportHref = `/admin/privacy/export?${new URLSearchParams(
    Object.entries({ employeeId: params.get("employeeId") ?? "", email: params.get("email") ?? "" }).filter(([, v]) => v),
  ).toString()}`;
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <p><Link to="/admin/name-reads">{t.log}</Link></p>
      <Form method="get" className="card row" aria-label={t.search}>
        <label>{t.employeeId}<input name="employeeId" defaultValue={params.get("employeeId") ?? ""} autoComplete="off" /></label>
        <label>{t.email}<input name="email" type="email" defaultValue={params.get("email") ?? ""} autoComplete="off" /></label>
        <button type="submit" className="primary">{t.search}</button>
      </Form>
      {outcome?.ok ? <p className="card notice" role="status">{t.done(outcome.token!)}</p> : null}
      {result.searched && !person && !outcome?.ok ? <p className="empty" role="status">{t.notFound}</p> : null}
      {person ? (
        <>
          <section className="card" aria-labelledby="held">
            <h2 id="held">{t.found(person.displayName ?? person.employeeId ?? t.unnamed)}</h2>
            <h3>{t.held}</h3>
            <dl className="summary-list">
              {SECTION_KEYS.map((key) => (
                <div key={key}><dt>{t.sections[key]}</dt><dd>{formatInt(lang, person.summary[key] ?? 0)}</dd></div>
              ))}
            </dl>
            <p><a href={exportHref} download>{t.download}</a></p>
            <p className="muted small">{t.downloadNote}</p>
          </section>
          {person.employeeId ? (
            <section className="card" aria-labelledby="erase">
              <h2 id="erase">{t.eraseTitle}</h2>
              {person.pseudonymised ? <p>{t.already}</p> : (
                <Form method="post" className="stack">
                  <p>{t.eraseIntro}</p>
                  <input type="hidden" name="intent" value="erase" />
                  <input type="hidden" name="employeeId" value={person.employeeId} />
                  <label>{t.reason}
                    <textarea name="reason" required minLength={10} maxLength={500} rows={3}
                      aria-invalid={outcome && !outcome.ok && outcome.fields.includes("reason") ? true : undefined} />
                  </label>
                  <label className="checkbox"><input type="checkbox" name="confirm" required /> {t.confirm}</label>
                  {outcome && !outcome.ok ? <p className="error" role="alert">{outcome.message ?? t.invalid}</p> : null}
                  <div><button type="submit" className="danger" disabled={navigation.state === "submitting"}>{t.erase}</button></div>
                </Form>
              )}
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
