import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import plansCss from "~/styles/plans.css";
import { useLang, useT } from "~/lib/i18n";
import { REPORT_CSS, ReportDocument } from "~/lib/plans-ui";
import { SignoffList } from "~/lib/plan-records-ui";
import type { loader } from "./plans.$id_.report.server";

export { loader, action } from "./plans.$id_.report.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: plansCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Tilbagemelding · ${data?.report.plan.title ?? "Handleplan"}` },
];

const TEXTS = {
  da: {
    back: "Tilbage til handleplanen", print: "Udskriv", pdf: "Hent som PDF", docx: "Hent som Word (DOCX)", download: "Hent som HTML",
    hint: "Dokumentet er på dansk, som det sendes til Arbejdstilsynet. Hent det som PDF til OnlineAt, eller som Word for at redigere det.",
    signoffs: "Underskrifter", signManagement: "Underskriv for ledelsen", signSafety: "Underskriv som arbejdsmiljørepræsentant",
    informed: "Bekræft at de ansatte er orienteret", informedOn: "Orienteret den", sent: "Registrér at tilbagemeldingen er sendt til Arbejdstilsynet (OnlineAt)",
    sentOn: "Sendt den", record: "Registrér", signNote: (v: string) => `Du underskriver rapportens version ${v}, som den står ovenfor. Ændres planen bagefter, bortfalder underskriften.`,
    problems: {
      stale_version: "Rapporten blev ændret, mens du læste den. Læs den igen, og underskriv den nye version.",
      same_person: "Samme person kan ikke underskrive både for ledelsen og som arbejdsmiljørepræsentant.",
      already_signed: "Den underskrift er allerede givet for denne version.",
      not_signed: "Tilbagemeldingen kan først registreres som sendt, når begge har underskrevet og de ansatte er orienteret.",
      bad_date: "Angiv en gyldig dato, der ikke ligger i fremtiden.",
    } as Record<string, string>,
    noRights: "Du kan ikke underskrive denne tilbagemelding. Ledelsen (leder for enheden) og arbejdsmiljørepræsentanten (medlem af MED-udvalget, der dækker enheden) underskriver.",
  },
  en: {
    back: "Back to the action plan", print: "Print", pdf: "Download as PDF", docx: "Download as Word (DOCX)", download: "Download as HTML",
    hint: "The document is in Danish, as it is sent to the Working Environment Authority. Download the PDF for OnlineAt, or Word to edit it.",
    signoffs: "Sign-offs", signManagement: "Sign for management", signSafety: "Sign as safety representative",
    informed: "Confirm that the employees were informed", informedOn: "Informed on", sent: "Record that the report back was filed with the Authority (OnlineAt)",
    sentOn: "Filed on", record: "Record", signNote: (v: string) => `You sign version ${v} of the report as shown above. If the plan changes afterwards, the signature lapses.`,
    problems: {
      stale_version: "The report changed while you read it. Read it again and sign the new version.",
      same_person: "One person cannot sign both for management and as safety representative.",
      already_signed: "That signature has already been given for this version.",
      not_signed: "The report back can be recorded as filed only once both have signed and the employees were informed.",
      bad_date: "Give a valid date that is not in the future.",
    } as Record<string, string>,
    noRights: "You cannot sign this report back. Management (a manager of the unit) and the safety representative (a member of the MED committee covering the unit) sign it.",
  },
};

export default function ReportPage() {
  const { report, may } = useLoaderData<typeof loader>();
  const result = useActionData<{ kind: string; problem: string }>();
  const t = useT(TEXTS);
  const lang = useLang();
  const state = report.signoffs!;
  const version = state.version;
  const isAt = report.plan.sourceKind === "at_decision";
  const hidden = (kind: string) => (<><input type="hidden" name="kind" value={kind} /><input type="hidden" name="version" value={version} /></>);
  const anyRight = Object.values(may).some((p) => p !== "forbidden");
  return (
    <div className="stack">
      <div className="no-print stack">
        <p><Link to={`/plans/${report.plan.id}`}>← {t.back}</Link></p>
        <p className="muted small">{t.hint}</p>
        <div className="plan-actions">
          <a className="button primary" href={`/plans/${report.plan.id}/report.pdf`} download>{t.pdf}</a>
          <a className="button" href={`/plans/${report.plan.id}/report.docx`} download>{t.docx}</a>
          <a className="button" href={`/plans/${report.plan.id}/report.html`} download>{t.download}</a>
          <button type="button" onClick={() => window.print()}>{t.print}</button>
        </div>
      </div>
      <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
      <ReportDocument data={report} />
      <section id="signoffs" className="card stack no-print" aria-labelledby="signoff-forms">
        <h2 id="signoff-forms">{t.signoffs}</h2>
        <SignoffList state={state} lang={lang} isAt={isAt} />
        {result ? <p className="notice bad" role="alert">{t.problems[result.problem] ?? result.problem}</p> : null}
        {anyRight ? <p className="small muted">{t.signNote(version.slice(0, 12))}</p> : <p className="muted">{t.noRights}</p>}
        <div className="plan-actions">
          {may.management === null ? (
            <Form method="post">{hidden("management")}<button type="submit" className="primary">{t.signManagement}</button></Form>
          ) : null}
          {may.safety_rep === null ? (
            <Form method="post">{hidden("safety_rep")}<button type="submit" className="primary">{t.signSafety}</button></Form>
          ) : null}
        </div>
        {may.employees_informed === null ? (
          <Form method="post" className="inline-form" aria-label={t.informed}>
            {hidden("employees_informed")}
            <label>{t.informedOn}<input type="date" name="onDate" defaultValue={report.today} max={report.today} required /></label>
            <button type="submit">{t.informed}</button>
          </Form>
        ) : null}
        {isAt && may.sent_to_at === null ? (
          <Form method="post" className="inline-form" aria-label={t.sent}>
            {hidden("sent_to_at")}
            <label>{t.sentOn}<input type="date" name="onDate" defaultValue={report.today} max={report.today} required /></label>
            <button type="submit">{t.sent}</button>
          </Form>
        ) : null}
        {isAt && may.sent_to_at === "not_signed" ? <p className="small muted">{t.problems.not_signed}</p> : null}
      </section>
    </div>
  );
}
