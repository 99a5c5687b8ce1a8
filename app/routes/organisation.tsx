// The director's overview: a heatmap of units × the last 12 weeks by status (an HTML table with
// status icons and words, not a chart), drilling down centre → cluster → team, filtered by centre,
// cluster and district through a GET form that works before JavaScript loads.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import dashboardsCss from "~/styles/dashboards.css";
import { formatNumber, useLang, useT, type Lang } from "~/lib/i18n";
import { StatusBadge, statusWord } from "../../charts/StatusBadge";
import { DownloadLinks, queryWithout } from "~/lib/downloads-ui";
import type { loader } from "./organisation.server";

export { loader } from "./organisation.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }];

export const meta: MetaFunction = () => [{ title: "Organisation · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Organisation", breadcrumb: "Brødkrummer", filters: "Filtre", centre: "Center", cluster: "Klynge eller afdeling", district: "Lokaldistrikt",
    all: "Alle", apply: "Vis", reset: "Nulstil", heatmap: "Status de seneste 12 uger",
    unit: "Enhed", total: "i alt", week: "Uge", casesPerFte: "Sager pr. årsværk", weighted: "Vægtet pr. årsværk", emotional: "Følelsesm. krav %",
    latest: "seneste uge", drill: "Se underenheder", team: "Se team", empty: "Ingen enheder at vise med disse filtre.",
    legend: "Forklaring", over: { cases_per_fte: "sager pr. årsværk", weighted_load: "vægtet belastning", emotional_share: "følelsesmæssige krav", turnover: "personaleomsætning" },
    overIn: "over i", weeksOver: (n: number) => `${n} af 6 uger over`, risk: "Risikoradar",
    rollUp: (red: number, amber: number, teams: number) => `${red} ${red === 1 ? "rødt" : "røde"}, ${amber} ${amber === 1 ? "gult" : "gule"} af ${teams} ${teams === 1 ? "team" : "teams"}`,
    redNamed: (names: string[], more: number) => `røde: ${names.join(", ")}${more > 0 ? ` og ${more} flere` : ""}`,
    own: "egne samlede tal", ownStatus: "Egne tal", teamsLatest: "Teams",
    rollUpNote: "Cellen viser det værste team under enheden (samlet status). Egne tal er enhedens summerede tal.",
    allTeams: "Alle teams", download: "Hent heatmap", csv: "CSV", xlsx: "Excel",
  },
  en: {
    title: "Organisation", breadcrumb: "Breadcrumb", filters: "Filters", centre: "Centre", cluster: "Cluster or department", district: "Local district",
    all: "All", apply: "Show", reset: "Reset", heatmap: "Status over the last 12 weeks",
    unit: "Unit", total: "total", week: "Week", casesPerFte: "Cases per FTE", weighted: "Weighted per FTE", emotional: "Emotional demands %",
    latest: "latest week", drill: "Show sub-units", team: "Open team", empty: "No units to show with these filters.",
    legend: "Legend", over: { cases_per_fte: "cases per FTE", weighted_load: "weighted load", emotional_share: "emotional demands", turnover: "staff turnover" },
    overIn: "over in", weeksOver: (n: number) => `${n} of 6 weeks over`, risk: "Risk radar",
    rollUp: (red: number, amber: number, teams: number) => `${red} red, ${amber} amber of ${teams} ${teams === 1 ? "team" : "teams"}`,
    redNamed: (names: string[], more: number) => `red: ${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}`,
    own: "own summed figures", ownStatus: "Own figures", teamsLatest: "Teams",
    rollUpNote: "A cell shows the worst team below the unit (roll-up status). Own figures are the unit's summed figures.",
    allTeams: "All teams", download: "Download heatmap", csv: "CSV", xlsx: "Excel",
  },
};

type Page = ReturnType<typeof useLoaderData<typeof loader>>["page"];

export default function Organisation() {
  const { page, query } = useLoaderData<typeof loader>();
  const location = useLocation();
  const t = useT(TEXTS);
  const lang = useLang();
  return (
    <>
      {page.path.length > 0 ? (
        <nav aria-label={t.breadcrumb}>
          <ol className="breadcrumb">
            {page.path.map((u) => <li key={u.id}><Link to={`/organisation?unit=${u.id}`}>{u.name}</Link></li>)}
          </ol>
        </nav>
      ) : null}
      <div className="dash-head">
        <h1>{t.title}{page.selected ? `: ${page.selected.name}` : ""}</h1>
        <p className="row"><Link to="/teams">{t.allTeams} →</Link> <Link to="/risk">{t.risk} →</Link></p>
      </div>
      <Form method="get" className="card row no-print" aria-label={t.filters}>
        <label>{t.centre}
          <select name="centre" defaultValue={query.centre ?? ""}>
            <option value="">{t.all}</option>
            {page.filters.centres.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label>{t.cluster}
          <select name="cluster" defaultValue={query.cluster ?? ""}>
            <option value="">{t.all}</option>
            {page.filters.clusters.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label>{t.district}
          <select name="district" defaultValue={query.district ?? ""}>
            <option value="">{t.all}</option>
            {page.filters.districts.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <button type="submit" className="primary">{t.apply}</button>
        <Link to="/organisation" className="button">{t.reset}</Link>
      </Form>
      <Heatmap page={page} lang={lang} />
      {page.rows.length > 0 ? <DownloadLinks path="/downloads/heatmap" query={queryWithout(location.search)} label={t.download} /> : null}
    </>
  );
}

type Row = Page["rows"][number];

type Cell = Row["cells"][number];

/** A cell leads with the roll-up status; a unit with no team below it has only its own. */
function leadStatus(c: Cell) {
  return c.rollUp.teams > 0 ? c.rollUp.status : c.status;
}

function latestRollUp(row: Row) {
  const last = row.cells.at(-1);
  return row.unit.kind !== "team" && last && last.rollUp.teams > 0 ? last.rollUp : null;
}

function rollUpText(t: (typeof TEXTS)[Lang], r: Cell["rollUp"]): string {
  const counts = t.rollUp(r.red, r.amber, r.teams);
  return r.redTeams.length ? `${counts} (${t.redNamed(r.redTeams, r.red - r.redTeams.length)})` : counts;
}

function Heatmap({ page, lang }: { page: Page; lang: Lang }) {
  const t = TEXTS[lang];
  if (page.rows.length === 0) return <p className="empty">{t.empty}</p>;
  return (
    <section className="card" aria-labelledby="heatmap">
      <h2 id="heatmap">{t.heatmap}</h2>
      <ul className="legend" aria-label={t.legend}>
        {(["green", "amber", "red", null] as const).map((s) => <li key={s ?? "none"}><StatusBadge status={s} lang={lang} long /></li>)}
      </ul>
      <p className="muted small">{t.rollUpNote}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="heatmap">
        <table className="heatmap">
          <thead>
            <tr>
              <th scope="col">{t.unit}</th>
              {page.weeks.map((w) => <th key={w.weekStart} scope="col" className="week" title={w.weekLabel}>{t.week}<br />{w.weekLabel.slice(-2)}</th>)}
              <th scope="col">{t.teamsLatest}<br /><span className="small muted">{t.latest}</span></th>
              <th scope="col">{t.ownStatus}<br /><span className="small muted">{t.latest}</span></th>
              <th scope="col" className="num">{t.casesPerFte}<br /><span className="small muted">{t.latest}</span></th>
              <th scope="col" className="num">{t.weighted}</th>
              <th scope="col" className="num">{t.emotional}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.unit.id} className={row.isTotal ? "total" : undefined}>
                <th scope="row">
                  {row.isTotal ? <>{row.unit.name} ({t.total})</>
                    : row.unit.kind === "team" ? <Link to={`/team?unit=${row.unit.id}`} aria-label={`${t.team}: ${row.unit.name}`}>{row.unit.name}</Link>
                      : row.hasChildren ? <Link to={`/organisation?unit=${row.unit.id}`} aria-label={`${t.drill}: ${row.unit.name}`}>{row.unit.name}</Link>
                        : row.unit.name}
                </th>
                {row.cells.map((c, index) => {
                  const parent = row.unit.kind !== "team";
                  const lead = leadStatus(c);
                  const label = [
                    `${row.unit.name}, ${t.week} ${page.weeks[index].weekLabel}: ${statusWord(lang, lead)}`,
                    parent && c.rollUp.teams > 0 ? rollUpText(t, c.rollUp) : "",
                    parent ? `${t.own}: ${statusWord(lang, c.status, false)}` : "",
                    c.over.length ? `${t.overIn} ${c.over.map((o) => t.over[o]).join(", ")}` : "",
                    c.weeksOverOfLast6 !== null ? t.weeksOver(c.weeksOverOfLast6) : "",
                  ].filter(Boolean).join("; ");
                  const count = lead === "red" ? c.rollUp.red : lead === "amber" ? c.rollUp.amber : 0;
                  return (
                    <td key={c.weekStart} className="cell" tabIndex={0}>
                      <span aria-hidden="true">
                        <StatusBadge status={lead} lang={lang} compact />
                        {parent && count > 0 ? <span className="cell-count">{count}</span> : null}
                      </span>
                      <span className="visually-hidden">{label}</span>
                      <span className="cell-tip" aria-hidden="true">{label}</span>
                    </td>
                  );
                })}
                <td className="small">{latestRollUp(row) ? t.rollUp(latestRollUp(row)!.red, latestRollUp(row)!.amber, latestRollUp(row)!.teams) : "–"}</td>
                <td><StatusBadge status={row.cells.at(-1)?.status ?? null} lang={lang} /></td>
                <td className="num">{formatNumber(lang, row.casesPerFte)}</td>
                <td className="num">{formatNumber(lang, row.weightedLoadPerFte)}</td>
                <td className="num">{formatNumber(lang, row.emotionalSharePct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
