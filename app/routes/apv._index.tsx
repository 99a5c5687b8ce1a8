// APV (arbejdspladsvurdering): the rounds of the units in scope with their three-year revision
// dates, and a new round. View: view_plans on the unit; create: edit_plans on the unit.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import plansCss from "~/styles/plans.css";
import { formatDate, useLang, useT } from "~/lib/i18n";
import { APV_LABELS, revisionText } from "~/lib/apv-ui";
import type { loader } from "./apv._index.server";

export { loader, action } from "./apv._index.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: plansCss }];

export const meta: MetaFunction = () => [{ title: "APV · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "APV – arbejdspladsvurderinger", intro: "APV'en revideres, når arbejdet ændres, og mindst hvert tredje år (BEK nr. 1838 af 14/12/2023 § 2). Sygefraværet indgår i vurderingen.",
    none: "Der er ikke registreret APV-runder for dine enheder.", unit: "Enhed", round: "Runde", date: "Dato", method: "Metode",
    problems: "Problemer", open: "Åbne", overdue: "Over fristen", revision: "Revideres senest", older: "afløst af en nyere runde",
    newRound: "Registrér en APV-runde", roundTitle: "Titel", methodNote: "Om metoden (fx svarprocent)", sickness: "Sygefravær: hvad viste det, og hvordan indgik det?",
    save: "Gem runden", formError: "Runden blev ikke gemt.",
  },
  en: {
    title: "APV – workplace assessments", intro: "The APV is revised when the work changes and at least every third year (Executive Order 1838 of 14/12/2023 § 2). Sickness absence is part of the assessment.",
    none: "No APV rounds are recorded for your units.", unit: "Unit", round: "Round", date: "Date", method: "Method",
    problems: "Problems", open: "Open", overdue: "Overdue", revision: "Revise by", older: "superseded by a newer round",
    newRound: "Record an APV round", roundTitle: "Title", methodNote: "About the method (e.g. response rate)", sickness: "Sickness absence: what it showed and how it was considered",
    save: "Save the round", formError: "The round was not saved.",
  },
};

export default function ApvIndex() {
  const { rounds, units, today: day } = useLoaderData<typeof loader>();
  const result = useActionData<{ fieldErrors: Record<string, string>; values: Record<string, string> }>();
  const t = useT(TEXTS);
  const lang = useLang();
  const L = APV_LABELS[lang];
  const err = (field: string) => (result?.fieldErrors[field] ? <p id={`${field}-error`} className="field-error" role="alert">{L.error[result.fieldErrors[field]] ?? L.error.invalid}</p> : null);
  const v = result?.values ?? {};
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {rounds.length === 0 ? <p className="empty">{t.none}</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t.title}>
          <table>
            <thead><tr><th>{t.round}</th><th>{t.unit}</th><th>{t.date}</th><th>{t.method}</th><th className="num">{t.problems}</th><th className="num">{t.open}</th><th className="num">{t.overdue}</th><th>{t.revision}</th></tr></thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/apv/${r.id}`}>{r.title}</Link></td>
                  <td>{r.unitName}</td>
                  <td>{formatDate(lang, r.roundDate)}</td>
                  <td>{L.method[r.method] ?? r.method}</td>
                  <td className="num">{r.problems}</td>
                  <td className="num">{r.open}</td>
                  <td className={`num${r.overdue ? " plan-late" : ""}`}>{r.overdue}</td>
                  <td>
                    {r.latest ? (
                      <span className={r.daysToRevision < 0 ? "plan-late" : r.daysToRevision <= 90 ? "plan-soon" : undefined}>
                        {formatDate(lang, r.revisionDue)} ({revisionText(r.daysToRevision, lang)})
                      </span>
                    ) : <span className="muted">{t.older}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {units.length ? (
        <Form method="post" className="card stack" aria-label={t.newRound}>
          <h2>{t.newRound}</h2>
          {result ? <p className="notice bad" role="alert">{t.formError}</p> : null}
          <div className="form-grid">
            <label>{t.unit}
              <select name="unitId" defaultValue={v.unitId ?? ""} required aria-describedby="unitId-error">
                {units.map((u) => <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth)}{u.name}</option>)}
              </select>{err("unitId")}
            </label>
            <label>{t.roundTitle}<input name="title" required maxLength={200} defaultValue={v.title ?? ""} aria-describedby="title-error" />{err("title")}</label>
            <label>{t.date}<input type="date" name="roundDate" required max={day} defaultValue={v.roundDate ?? ""} aria-describedby="roundDate-error" />{err("roundDate")}</label>
            <label>{t.method}
              <select name="method" defaultValue={v.method ?? "questionnaire"} aria-describedby="method-error">
                {Object.entries(L.method).map(([m, text]) => <option key={m} value={m}>{text}</option>)}
              </select>{err("method")}
            </label>
          </div>
          <label>{t.methodNote}<input name="methodNote" maxLength={2000} defaultValue={v.methodNote ?? ""} style={{ maxWidth: "none" }} /></label>
          <label>{t.sickness}<textarea name="sicknessAbsenceNote" rows={3} required defaultValue={v.sicknessAbsenceNote ?? ""} style={{ maxWidth: "none" }} aria-describedby="sicknessAbsenceNote-error" />{err("sicknessAbsenceNote")}</label>
          <div><button type="submit" className="primary">{t.save}</button></div>
        </Form>
      ) : null}
    </div>
  );
}
