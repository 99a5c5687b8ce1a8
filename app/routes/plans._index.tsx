import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import plansCss from "~/styles/plans.css";
import { formatDate, useLang, useT } from "~/lib/i18n";
import { DeadlineText, ItemStatusBadge, ProgressBar } from "~/lib/plans-ui";
import { LABELS, label } from "../../domain/plan-labels";
import { DownloadLinks, queryWithout } from "~/lib/downloads-ui";
import { ScrollRegion } from "~/lib/scroll-region";
import type { loader } from "./plans._index.server";

export { loader } from "./plans._index.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: plansCss }];

export const meta: MetaFunction = () => [{ title: "Handleplaner · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    teamsOmitted: "Listen viser niveauerne over teamene; vælg et teams afdeling for at se dets planer.",
    title: "Handleplaner", intro: "Handleplaner for arbejdsmiljøet: påbud fra Arbejdstilsynet, APV og trivselsmålinger.",
    newPlan: "Ny handleplan", meeting: "Mødevisning for udvalg", openMeeting: "Vis møde", committee: "Udvalg",
    filter: "Filtrér", unit: "Enhed", allUnits: "Alle enheder", status: "Status", source: "Anledning", allSources: "Alle anledninger",
    open: "Åbne", closed: "Afsluttede", all: "Alle", plan: "Handleplan", deadline: "Frist (AT)", daysLeft: "Tid til frist",
    progress: "Fremdrift", overdue: "Overskredne indsatser", dueSoon: "Frist inden 14 dage", nextReview: "Næste behandling",
    none: "Ingen handleplaner matcher filteret.", myItems: "Mine åbne indsatser", noMyItems: "Du har ingen åbne indsatser.",
    item: "Indsats", due: "Frist", daysLate: (n: number) => `${n} dage over fristen`, dueIn14: "inden 14 dage",
    caption: (n: number) => `${n} handleplaner`, download: "Hent handleplanerne med indsatser",
    notifications: (n: number) => (n ? `Notifikationer (${n} ulæste)` : "Notifikationer"),
  },
  en: {
    teamsOmitted: "The list shows the levels above the teams; choose a team's department to see its plans.",
    title: "Action plans", intro: "Work-environment action plans: AT improvement notices, workplace assessments and wellbeing surveys.",
    newPlan: "New action plan", meeting: "Committee meeting view", openMeeting: "Show meeting", committee: "Committee",
    filter: "Filter", unit: "Unit", allUnits: "All units", status: "Status", source: "Source", allSources: "All sources",
    open: "Open", closed: "Closed", all: "All", plan: "Action plan", deadline: "Deadline (AT)", daysLeft: "Time to deadline",
    progress: "Progress", overdue: "Overdue items", dueSoon: "Due within 14 days", nextReview: "Next review",
    none: "No action plans match the filter.", myItems: "My open action items", noMyItems: "You have no open action items.",
    item: "Action item", due: "Due", daysLate: (n: number) => `${n} days overdue`, dueIn14: "within 14 days",
    caption: (n: number) => `${n} action plans`, download: "Download the plans with their items",
    notifications: (n: number) => (n ? `Notifications (${n} unread)` : "Notifications"),
  },
};

export default function PlansIndex() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const t = useT(TEXTS);
  const lang = useLang();
  const L = LABELS[lang];
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <div className="plan-actions">
        {data.canCreate ? <Link className="button primary" to="/plans/new">{t.newPlan}</Link> : null}
        <Link className="button" to="/notifications">{t.notifications(data.unread)}</Link>
      </div>

      {data.committees.length ? (
        <Form method="get" action="/plans/meeting" className="card inline-form">
          <label>
            {t.meeting}
            <select name="committee">
              {data.committees.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
          <button type="submit">{t.openMeeting}</button>
        </Form>
      ) : null}

      <section className="card">
        <h2>{t.myItems}</h2>
        {data.myItems.length === 0 ? <p className="muted">{t.noMyItems}</p> : (
          <ScrollRegion>
            <table>
              <thead><tr><th>{t.item}</th><th>{t.plan}</th><th>{t.due}</th><th>{t.status}</th></tr></thead>
              <tbody>
                {data.myItems.map((item) => (
                  <tr key={item.id}>
                    <td><Link to={`/plans/${item.planId}#item-${item.id}`}>{item.title}</Link></td>
                    <td>{item.planTitle}</td>
                    <td>
                      {formatDate(lang, item.dueDate)}
                      {item.overdueDays > 0 ? <> <span className="plan-late">{t.daysLate(item.overdueDays)}</span></> : null}
                      {item.dueSoon ? <> <span className="plan-soon">{t.dueIn14}</span></> : null}
                    </td>
                    <td><ItemStatusBadge status={item.status} lang={lang} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <Form method="get" className="plan-filters card" aria-label={t.filter}>
        <label>
          {t.unit}
          <select name="unit" defaultValue={data.filter.unit ?? ""}>
            <option value="">{t.allUnits}</option>
            {data.units.map((u) => <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth)}{u.name}</option>)}
          </select>
          {data.teamsOmitted ? <span className="small muted">{t.teamsOmitted}</span> : null}
        </label>
        <label>
          {t.status}
          <select name="status" defaultValue={data.filter.status}>
            <option value="open">{t.open}</option>
            <option value="closed">{t.closed}</option>
            <option value="all">{t.all}</option>
          </select>
        </label>
        <label>
          {t.source}
          <select name="source" defaultValue={data.filter.source ?? ""}>
            <option value="">{t.allSources}</option>
            {Object.entries(L.source).map(([key, text]) => <option key={key} value={key}>{text}</option>)}
          </select>
        </label>
        <button type="submit">{t.filter}</button>
      </Form>

      {data.plans.length === 0 ? <p className="empty">{t.none}</p> : (
        <ScrollRegion>
          <table>
            <caption>{t.caption(data.plans.length)}</caption>
            <thead>
              <tr>
                <th>{t.plan}</th><th>{t.unit}</th><th>{t.source}</th><th>{t.deadline}</th><th>{t.daysLeft}</th>
                <th>{t.progress}</th><th className="num">{t.overdue}</th><th className="num">{t.dueSoon}</th><th>{t.nextReview}</th>
              </tr>
            </thead>
            <tbody>
              {data.plans.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/plans/${p.id}`}>{p.title}</Link>
                    {p.status === "closed" ? <> <span className="status status-none">{L.planStatus.closed}</span></> : null}
                  </td>
                  <td>{p.unitName}</td>
                  <td>{label(L.source, p.sourceKind)}{p.atReaction ? <><br /><span className="small muted">{label(L.reaction, p.atReaction)}</span></> : null}</td>
                  <td>{formatDate(lang, p.deadline)}</td>
                  <td><DeadlineText days={p.daysToDeadline} reportedBackOn={p.reportedBackOn} lang={lang} /></td>
                  <td><ProgressBar pct={p.progress.pct} lang={lang} /></td>
                  <td className="num">{p.progress.overdue > 0 ? <span className="plan-late">{p.progress.overdue}</span> : 0}</td>
                  <td className="num">{p.dueSoon}</td>
                  <td>{formatDate(lang, p.nextReview)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {data.plans.length > 0 ? <DownloadLinks path="/downloads/plans" query={queryWithout(location.search)} label={t.download} /> : null}
    </div>
  );
}
