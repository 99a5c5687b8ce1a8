// One APV round: its date, method and sickness-absence note, the problems with measure,
// responsible, deadline and follow-up, and the revision date. View: view_plans on the round's
// unit; add problems and follow-ups: edit_plans on it.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import plansCss from "~/styles/plans.css";
import { formatDate, useLang, useT } from "~/lib/i18n";
import { APV_LABELS, revisionText } from "~/lib/apv-ui";
import type { loader } from "./apv.$id.server";

export { loader, action } from "./apv.$id.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: plansCss }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.detail.round.title ?? "APV"} · APV` }];

const TEXTS = {
  da: {
    back: "Alle APV-runder", unit: "Enhed", date: "Dato", method: "Metode", methodNote: "Om metoden", sickness: "Sygefravær",
    revision: "Revideres senest", plan: "Handleplan", noPlan: "Ingen handleplan knyttet til runden", createdBy: "Registreret af",
    problems: "Problemer og handleplan", none: "Der er ikke registreret problemer i runden.", problem: "Problem", measure: "Løsning",
    responsible: "Ansvarlig", deadline: "Frist", followUp: "Opfølgning", notFollowed: "Ikke fulgt op", late: "over fristen",
    addProblem: "Tilføj problem", add: "Tilføj", recordFollowUp: "Registrér opfølgning", followUpOn: "Fulgt op den", followUpNote: "Hvad viste opfølgningen?",
    save: "Gem", formError: "Ændringen blev ikke gemt.",
  },
  en: {
    back: "All APV rounds", unit: "Unit", date: "Date", method: "Method", methodNote: "About the method", sickness: "Sickness absence",
    revision: "Revise by", plan: "Action plan", noPlan: "No action plan linked to the round", createdBy: "Recorded by",
    problems: "Problems and action plan", none: "No problems are recorded in the round.", problem: "Problem", measure: "Measure",
    responsible: "Responsible", deadline: "Deadline", followUp: "Follow-up", notFollowed: "Not followed up", late: "overdue",
    addProblem: "Add a problem", add: "Add", recordFollowUp: "Record the follow-up", followUpOn: "Followed up on", followUpNote: "What did the follow-up show?",
    save: "Save", formError: "The change was not saved.",
  },
};

type ActionResult = { intent: string; problemId: string | null; fieldErrors: Record<string, string> } | undefined;

export default function ApvRound() {
  const { detail, canEdit, today: day } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const t = useT(TEXTS);
  const lang = useLang();
  const L = APV_LABELS[lang];
  const { round, problems } = detail;
  const err = (intent: string, field: string, problemId?: number) => {
    if (!result || result.intent !== intent || (problemId !== undefined && result.problemId !== String(problemId))) return null;
    const code = result.fieldErrors[field];
    return code ? <p className="field-error" role="alert">{L.error[code] ?? L.error.invalid}</p> : null;
  };
  return (
    <div className="stack">
      <p><Link to="/apv">← {t.back}</Link></p>
      <h1>{round.title}</h1>
      {result ? <p className="notice bad" role="alert">{t.formError}</p> : null}
      <section className="card">
        <dl className="plan-facts">
          <dt>{t.unit}</dt><dd>{round.unitName}</dd>
          <dt>{t.date}</dt><dd>{formatDate(lang, round.roundDate)}</dd>
          <dt>{t.method}</dt><dd>{L.method[round.method] ?? round.method}</dd>
          {round.methodNote ? (<><dt>{t.methodNote}</dt><dd>{round.methodNote}</dd></>) : null}
          <dt>{t.sickness}</dt><dd className="prefill">{round.sicknessAbsenceNote}</dd>
          <dt>{t.revision}</dt>
          <dd className={round.daysToRevision < 0 ? "plan-late" : round.daysToRevision <= 90 ? "plan-soon" : undefined}>
            {formatDate(lang, round.revisionDue)} ({revisionText(round.daysToRevision, lang)})
          </dd>
          <dt>{t.plan}</dt><dd>{round.planId ? <Link to={`/plans/${round.planId}`}>{round.planTitle}</Link> : <span className="muted">{t.noPlan}</span>}</dd>
          {round.createdByName ? (<><dt>{t.createdBy}</dt><dd>{round.createdByName}</dd></>) : null}
        </dl>
      </section>
      <section id="problems" className="card stack">
        <h2>{t.problems}</h2>
        {problems.length === 0 ? <p className="muted">{t.none}</p> : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t.problems}>
            <table>
              <thead><tr><th>{t.problem}</th><th>{t.measure}</th><th>{t.responsible}</th><th>{t.deadline}</th><th>{t.followUp}</th></tr></thead>
              <tbody>
                {problems.map((p) => (
                  <tr key={p.id} id={`problem-${p.id}`} className={p.overdue ? "is-late" : undefined}>
                    <td>{p.problem}</td><td>{p.measure}</td><td>{p.responsible}</td>
                    <td>{formatDate(lang, p.deadline)}{p.overdue ? <div className="small plan-late">{t.late}</div> : null}</td>
                    <td>
                      {p.followUpOn ? <>{formatDate(lang, p.followUpOn)}: {p.followUpNote}</> : <span className="muted">{t.notFollowed}</span>}
                      {canEdit && !p.followUpOn ? (
                        <details className="item-tools" open={result?.intent === "follow_up" && result.problemId === String(p.id)}>
                          <summary>{t.recordFollowUp}</summary>
                          <Form method="post" className="stack" aria-label={`${t.recordFollowUp}: ${p.problem}`}>
                            <input type="hidden" name="intent" value="follow_up" />
                            <input type="hidden" name="problemId" value={p.id} />
                            <label>{t.followUpOn}<input type="date" name="followUpOn" defaultValue={day} max={day} required />{err("follow_up", "followUpOn", p.id)}</label>
                            <label>{t.followUpNote}<textarea name="followUpNote" rows={2} required />{err("follow_up", "followUpNote", p.id)}</label>
                            <button type="submit">{t.save}</button>
                          </Form>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canEdit ? (
          <Form method="post" className="stack" aria-label={t.addProblem}>
            <h3>{t.addProblem}</h3>
            <input type="hidden" name="intent" value="add_problem" />
            <label>{t.problem}<textarea name="problem" rows={2} required style={{ maxWidth: "none" }} />{err("add_problem", "problem")}</label>
            <label>{t.measure}<textarea name="measure" rows={2} required style={{ maxWidth: "none" }} />{err("add_problem", "measure")}</label>
            <div className="form-grid">
              <label>{t.responsible}<input name="responsible" required maxLength={200} />{err("add_problem", "responsible")}</label>
              <label>{t.deadline}<input type="date" name="deadline" required />{err("add_problem", "deadline")}</label>
            </div>
            <div><button type="submit" className="primary">{t.add}</button></div>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
