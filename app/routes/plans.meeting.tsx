import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import plansCss from "~/styles/plans.css";
import wellbeingCss from "~/styles/wellbeing.css";
import { formatDate, useLang, useT } from "~/lib/i18n";
import { DeadlineText, ItemStatusBadge, ProgressBar } from "~/lib/plans-ui";
import { LABELS, describeChange, label } from "../../domain/plan-labels";
import { WellbeingProgress } from "~/lib/wellbeing-progress-ui";
import type { loader } from "./plans.meeting.server";

export { loader } from "./plans.meeting.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: plansCss }, { rel: "stylesheet", href: wellbeingCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Møde · ${data?.meeting?.committee.name ?? "Handleplaner"}` },
];

const TEXTS = {
  da: {
    title: (name: string) => `Handleplaner til mødet i ${name}`, none: "Du har ikke adgang til noget udvalgs handleplaner.",
    committee: "Udvalg", show: "Vis", print: "Udskriv til referatet", pdf: "Hent som PDF til referatet", date: (d: string) => `Status pr. ${d}`,
    noPlans: "Udvalgets enheder har ingen handleplaner.", unit: "Enhed", source: "Anledning", deadline: "Frist",
    progress: "Fremdrift", lastReview: "Sidst behandlet", nextReview: "Næste behandling", never: "Ikke behandlet endnu",
    overdue: "Overskredne indsatser", dueSoon: "Frist inden 14 dage", item: "Indsats", owner: "Ansvarlig", due: "Frist",
    status: "Status", late: "Over fristen", days: (n: number) => `${n} dage`,
    changes: (since: string | null) => (since ? `Ændret siden behandlingen ${since}` : "Ændringer (planen er ikke behandlet endnu)"),
    noChanges: "Ingen ændringer siden sidste behandling.", open: "Åbn planen og registrér behandling", back: "Alle handleplaner",
    moreChanges: (n: number) => `… og ${n} ældre ændringer (se planens tidslinje).`,
  },
  en: {
    title: (name: string) => `Action plans for the meeting of ${name}`, none: "You have no access to any committee's action plans.",
    committee: "Committee", show: "Show", print: "Print for the minutes", pdf: "Download as PDF for the minutes", date: (d: string) => `Status as of ${d}`,
    noPlans: "The committee's units have no action plans.", unit: "Unit", source: "Source", deadline: "Deadline",
    progress: "Progress", lastReview: "Last reviewed", nextReview: "Next review", never: "Not reviewed yet",
    overdue: "Overdue items", dueSoon: "Due within 14 days", item: "Action item", owner: "Owner", due: "Due",
    status: "Status", late: "Overdue by", days: (n: number) => `${n} days`,
    changes: (since: string | null) => (since ? `Changed since the review of ${since}` : "Changes (the plan has not been reviewed yet)"),
    noChanges: "No changes since the last review.", open: "Open the plan and record the review", back: "All action plans",
    moreChanges: (n: number) => `… and ${n} older changes (see the plan's timeline).`,
  },
};

const MAX_CHANGES = 25;

export default function MeetingPage() {
  const { meeting, committees, today: day, wellbeing } = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  const lang = useLang();
  const L = LABELS[lang];
  if (!meeting) return <p className="empty">{t.none}</p>;
  return (
    <div className="stack">
      <p className="no-print"><Link to="/plans">← {t.back}</Link></p>
      <h1>{t.title(meeting.committee.name)}</h1>
      <p className="muted">{t.date(formatDate(lang, day))}</p>
      <div className="plan-actions no-print">
        <Form method="get" className="inline-form">
          <label>
            {t.committee}
            <select name="committee" defaultValue={meeting.committee.id}>
              {committees.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
          <button type="submit">{t.show}</button>
        </Form>
        <a className="button" href={`/plans/meeting.pdf?committee=${meeting.committee.id}`} download>{t.pdf}</a>
        <button type="button" onClick={() => window.print()}>{t.print}</button>
      </div>
      {meeting.plans.length === 0 ? <p className="empty">{t.noPlans}</p> : null}
      {meeting.plans.map((plan) => {
        const shown = plan.changes.slice(-MAX_CHANGES).reverse();
        return (
          <section key={plan.id} className="card meeting-plan">
            <h2><Link to={`/plans/${plan.id}`}>{plan.title}</Link> {plan.status === "closed" ? <span className="status status-none">{L.planStatus.closed}</span> : null}</h2>
            <dl className="plan-facts">
              <dt>{t.unit}</dt><dd>{plan.unitName}</dd>
              <dt>{t.source}</dt><dd>{label(L.source, plan.sourceKind)}{plan.atReaction ? ` – ${label(L.reaction, plan.atReaction)}` : ""}</dd>
              <dt>{t.deadline}</dt><dd>{formatDate(lang, plan.deadline)} {plan.deadline ? <>(<DeadlineText days={plan.daysToDeadline} reportedBackOn={plan.reportedBackOn} lang={lang} />)</> : null}</dd>
              <dt>{t.progress}</dt><dd><ProgressBar pct={plan.progress.pct} lang={lang} /> ({plan.progress.done + plan.progress.verified}/{plan.progress.total})</dd>
              <dt>{t.lastReview}</dt><dd>{plan.lastReview ? formatDate(lang, plan.lastReview) : t.never}</dd>
              <dt>{t.nextReview}</dt><dd>{formatDate(lang, plan.nextReview)}</dd>
              {wellbeing[plan.id] ? <WellbeingProgress progress={wellbeing[plan.id]!} unitId={plan.unitId} lang={lang} /> : null}
            </dl>

            <h3>{t.overdue} ({plan.overdueItems.length})</h3>
            {plan.overdueItems.length ? (
              <table>
                <thead><tr><th>{t.item}</th><th>{t.owner}</th><th>{t.due}</th><th className="num">{t.late}</th><th>{t.status}</th></tr></thead>
                <tbody>
                  {plan.overdueItems.map((i) => (
                    <tr key={i.id}>
                      <td>{i.title}</td><td>{i.ownerLabel ?? "–"}</td><td>{formatDate(lang, i.dueDate)}</td>
                      <td className="num plan-late">{t.days(i.overdueDays)}</td><td><ItemStatusBadge status={i.status} lang={lang} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : <p className="muted">–</p>}

            {plan.dueSoonItems.length ? (
              <>
                <h3>{t.dueSoon} ({plan.dueSoonItems.length})</h3>
                <table>
                  <thead><tr><th>{t.item}</th><th>{t.owner}</th><th>{t.due}</th><th>{t.status}</th></tr></thead>
                  <tbody>
                    {plan.dueSoonItems.map((i) => (
                      <tr key={i.id}>
                        <td>{i.title}</td><td>{i.ownerLabel ?? "–"}</td><td>{formatDate(lang, i.dueDate)}</td>
                        <td><ItemStatusBadge status={i.status} lang={lang} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}

            <h3>{t.changes(plan.lastReview ? formatDate(lang, plan.lastReview) : null)}</h3>
            {shown.length ? (
              <ul className="change-list">
                {shown.map((c) => (
                  <li key={c.id}>{formatDate(lang, c.date)}: {describeChange(c, lang)}{c.who ? <span className="muted"> · {c.who}</span> : null}</li>
                ))}
                {plan.changes.length > MAX_CHANGES ? <li className="muted">{t.moreChanges(plan.changes.length - MAX_CHANGES)}</li> : null}
              </ul>
            ) : <p className="muted">{t.noChanges}</p>}
            <p className="no-print"><Link to={`/plans/${plan.id}#reviews`}>{t.open}</Link></p>
          </section>
        );
      })}
    </div>
  );
}
