// Every team in scope in one table for the last complete week: status, weeks over, the load
// ratios, mismatches, 12-month turnover and open AT plans. Filters and sorting are a GET form and
// plain links (they work before JavaScript loads); the presenter pages on the server.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import dashboardsCss from "~/styles/dashboards.css";
import type { SortKey, StatusFilter } from "../../db/presenters/all-teams";
import { DownloadLinks, queryWithout } from "~/lib/downloads-ui";
import { formatDate, formatInt, formatIsoWeek, formatNumber, useLang, useT, type Lang } from "~/lib/i18n";
import { StatusBadge } from "../../charts/StatusBadge";
import type { loader } from "./teams.server";

export { loader } from "./teams.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }];

export const meta: MetaFunction = () => [{ title: "Alle teams · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Alle teams", filters: "Filtre", search: "Søg (team, klynge eller center)", status: "Status", within: "Under enhed", all: "Alle",
    statuses: { red: "Rød", amber: "Gul", green: "Grøn", none: "Ingen data", over: "Rød eller gul" },
    apply: "Vis", reset: "Nulstil", week: (w: string, d: string) => `Uge ${w} (mandag ${d}), seneste hele uge`,
    counts: (n: number, red: number, amber: number) => `${n} teams: ${red} røde, ${amber} gule`,
    team: "Team", parent: "Klynge / afdeling", weeksOver: "Uger over af 6", casesPerFte: "Sager pr. årsværk", weighted: "Vægtet pr. årsværk",
    emotional: "Følelsesm. krav %", mismatched: "Sager uden kompetence", turnover: "Omsætning 12 mdr. %", atPlans: "Åbne AT-planer",
    smallCaution: "få ansatte", smallNote: "Færre end 5 ansatte i gennemsnit: en enkelt fratrædelse giver en høj procent.",
    turnoverPeriod: (a: string, b: string) => `Personaleomsætning ${a} – ${b}.`,
    sortBy: "Sortér efter", order: "Rækkefølge", asc: "stigende", desc: "faldende", none: "Ingen teams matcher filtrene.",
    pageOf: (p: number, n: number) => `Side ${p} af ${n}`, prev: "← Forrige", next: "Næste →", pages: "Sider", table: "Alle teams",
    download: "Hent alle teams (med filtre og sortering)",
  },
  en: {
    title: "All teams", filters: "Filters", search: "Search (team, cluster or centre)", status: "Status", within: "Below unit", all: "All",
    statuses: { red: "Red", amber: "Amber", green: "Green", none: "No data", over: "Red or amber" },
    apply: "Show", reset: "Reset", week: (w: string, d: string) => `Week ${w} (Monday ${d}), the last complete week`,
    counts: (n: number, red: number, amber: number) => `${n} teams: ${red} red, ${amber} amber`,
    team: "Team", parent: "Cluster / department", weeksOver: "Weeks over of 6", casesPerFte: "Cases per FTE", weighted: "Weighted per FTE",
    emotional: "Emotional demands %", mismatched: "Without competence", turnover: "Turnover 12 months %", atPlans: "Open AT plans",
    smallCaution: "few staff", smallNote: "Fewer than 5 staff on average: a single departure gives a high percentage.",
    turnoverPeriod: (a: string, b: string) => `Staff turnover ${a} – ${b}.`,
    sortBy: "Sort by", order: "Order", asc: "ascending", desc: "descending", none: "No team matches the filters.",
    pageOf: (p: number, n: number) => `Page ${p} of ${n}`, prev: "← Previous", next: "Next →", pages: "Pages", table: "All teams",
    download: "Download all teams (with filters and sort)",
  },
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

type Texts = (typeof TEXTS)[Lang];

function columns(t: Texts): { key: SortKey; label: string; num: boolean }[] {
  return [
    { key: "name", label: t.team, num: false },
    { key: "status", label: t.status, num: false },
    { key: "weeksOver", label: t.weeksOver, num: true },
    { key: "casesPerFte", label: t.casesPerFte, num: true },
    { key: "weightedLoadPerFte", label: t.weighted, num: true },
    { key: "emotionalSharePct", label: t.emotional, num: true },
    { key: "mismatchedCases", label: t.mismatched, num: true },
    { key: "turnoverPct", label: t.turnover, num: true },
    { key: "atPlans", label: t.atPlans, num: true },
  ];
}

export default function Teams() {
  const data = useLoaderData<typeof loader>();
  const { page, units, query } = data;
  const t = useT(TEXTS);
  const lang = useLang();
  const location = useLocation();
  const href = (changes: Record<string, string | number | null>) => {
    const params = new URLSearchParams(location.search);
    params.delete("format");
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k);
      else params.set(k, String(v));
    }
    return `/teams?${params.toString()}`;
  };
  return (
    <>
      <div className="dash-head">
        <h1>{t.title}</h1>
        <p className="muted">{t.week(formatIsoWeek(page.weekLabel), formatDate(lang, page.weekStart))}</p>
      </div>
      <Form key={`${page.sort}-${page.dir}`} method="get" className="card row no-print" aria-label={t.filters}>
        <label>{t.search}
          <input type="search" name="q" defaultValue={query.q} maxLength={100} />
        </label>
        <label>{t.status}
          <select name="status" defaultValue={query.status}>
            <option value="">{t.all}</option>
            {STATUS_OPTIONS.map((s) => <option key={s} value={s}>{t.statuses[s]}</option>)}
          </select>
        </label>
        <label>{t.within}
          <select name="within" defaultValue={query.within}>
            <option value="">{t.all}</option>
            {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label>{t.sortBy}
          <select name="sort" defaultValue={page.sort}>
            {columns(t).map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
          </select>
        </label>
        <label>{t.order}
          <select name="dir" defaultValue={page.dir}>
            <option value="desc">{t.desc}</option>
            <option value="asc">{t.asc}</option>
          </select>
        </label>
        <button type="submit" className="primary">{t.apply}</button>
        <Link to="/teams" className="button">{t.reset}</Link>
      </Form>
      <section className="card" aria-labelledby="teams-table">
        <h2 id="teams-table">{t.counts(page.total, page.red, page.amber)}</h2>
        <p className="muted small">{t.turnoverPeriod(formatDate(lang, page.turnoverFrom), formatDate(lang, page.turnoverTo))} {t.smallNote}</p>
        <DownloadLinks path="/downloads/teams" query={queryWithout(location.search, "page")} label={t.download} />
        {page.rows.length === 0 ? <p className="empty">{t.none}</p> : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t.table}>
            <table className="all-teams">
              <thead>
                <tr>
                  {columns(t).map((c) => {
                    const active = page.sort === c.key;
                    const nextDir = active ? (page.dir === "asc" ? "desc" : "asc") : c.key === "name" ? "asc" : "desc";
                    return (
                      <th key={c.key} scope="col" className={c.num ? "num" : undefined}
                        aria-sort={active ? (page.dir === "asc" ? "ascending" : "descending") : undefined}>
                        <Link to={href({ sort: c.key, dir: nextDir, page: null })} preventScrollReset>
                          {c.label}{active ? (page.dir === "asc" ? " ▲" : " ▼") : ""}
                        </Link>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => <TeamLine key={r.id} row={r} lang={lang} t={t} />)}
              </tbody>
            </table>
          </div>
        )}
        {page.pages > 1 ? (
          <nav aria-label={t.pages} className="row pager">
            {page.page > 1 ? <Link to={href({ page: page.page - 1 })}>{t.prev}</Link> : null}
            <span>{t.pageOf(page.page, page.pages)}</span>
            {page.page < page.pages ? <Link to={href({ page: page.page + 1 })}>{t.next}</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

const STATUS_OPTIONS = ["over", "red", "amber", "green", "none"] as const satisfies readonly StatusFilter[];

function TeamLine({ row, lang, t }: { row: Data["page"]["rows"][number]; lang: Lang; t: Texts }) {
  return (
    <tr>
      <th scope="row">
        <Link to={`/team?unit=${row.id}`}>{row.name}</Link>
        <div className="muted small">{[row.parentName, row.centreName].filter(Boolean).join(" · ")}</div>
      </th>
      <td><StatusBadge status={row.status} lang={lang} /></td>
      <td className="num">{row.weeksOverOfLast6 === null ? "–" : formatInt(lang, row.weeksOverOfLast6)}</td>
      <td className="num">{formatNumber(lang, row.casesPerFte)}</td>
      <td className="num">{formatNumber(lang, row.weightedLoadPerFte)}</td>
      <td className="num">{formatNumber(lang, row.emotionalSharePct)}</td>
      <td className="num">{row.mismatchedCases === null ? "–" : row.mismatchedCases > 0 ? <span className="over-flag">▲ {formatInt(lang, row.mismatchedCases)}</span> : "0"}</td>
      <td className="num">
        {formatNumber(lang, row.turnoverPct)}
        {row.smallPopulation ? <> <span className="caution" title={t.smallNote}>({t.smallCaution})</span></> : null}
      </td>
      <td className="num">{formatInt(lang, row.atPlans)}</td>
    </tr>
  );
}
