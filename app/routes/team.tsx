// The manager's Monday: this week against the thresholds, 26-week trends, who holds what, who came
// and went, the team's open action items and the latest survey. Thin loader; the presenter is
// db/presenters/team.ts.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { roleLabel } from "~/lib/role-labels";
import dashboardsCss from "~/styles/dashboards.css";
import { formatDate, formatInt, formatIsoWeek, formatLimit, formatNumber, formatSurveyRound, useLang, useT, type Lang } from "~/lib/i18n";
import { TrendChart } from "../../charts/TrendChart";
import { StatusBadge } from "../../charts/StatusBadge";
import { SurveyValue, ChangeValue } from "../../charts/SurveyValue";
import { DownloadLinks } from "~/lib/downloads-ui";
import { ScrollRegion } from "~/lib/scroll-region";
import type { loader } from "./team.server";

export { loader } from "./team.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }];

export const meta: MetaFunction = () => [{ title: "Mit team · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Mit team", pick: "Team", show: "Vis", noTeams: "Du har ingen teams at vise.", breadcrumb: "Brødkrummer",
    thisWeek: "Denne uge", week: "Uge", noData: "Der er endnu ingen belastningstal for dette team.",
    weeksOver: (n: number) => `Over en grænse i ${n} af de seneste 6 uger`,
    casesPerFte: "Sager pr. årsværk", weighted: "Vægtet belastning pr. årsværk", emotional: "Andel sager med følelsesmæssige krav",
    turnover: "Personaleomsætning, 12 mdr.", departures: (n: number) => `${n} ${n === 1 ? "afgang" : "afgange"}`,
    open: "Åbne sager", unassigned: "Sager uden sagsbehandler", fte: "Årsværk (sagsbærende)", mismatched: "Specialiserede sager uden kompetence",
    threshold: "grænse", over: "over grænsen", within: "inden for grænsen", pct: "%", casesUnit: "sager pr. årsværk", weightUnit: "vægt pr. årsværk",
    casesShort: "Sager/årsv.", weightedShort: "Vægtet/årsv.", emotionalShort: "Følelsesm. %",
    trends: "De seneste 26 uger", trendTable: "Tallene bag graferne", status: "Status",
    summary: (what: string, n: number, last: string, limit: string) => `${what} over ${n} uger; seneste uge ${last}; grænse ${limit}.`,
    caseworkers: "Sagsbehandlere", caseworkersNote: "Kun synligt for teamets ledere.", name: "Navn", cases: "Sager",
    weightedSum: "Vægtet belastning", flagged: "Sager med følelsesmæssige krav", specialised: "Specialiserede sager", withoutCompetence: "Heraf uden kompetence",
    noCaseworkers: "Ingen sagsbehandlere havde sager denne uge.", historyOf: "Historik for", close: "Luk",
    fteShort: "Årsværk", limit: "grænse", weeksOverShort: "Uger over (6 / 26)", overLimit: "over grænsen",
    proRata: (c: string, w: string) => `Grænserne gælder pr. årsværk (${c} sager, ${w} vægtet) og regnes forholdsmæssigt efter den enkeltes årsværk.`,
    mismatchedList: "Specialiserede sager uden kompetence", caseId: "Sags-id", caseType: "Sagstype", holder: "Sagsbehandler", since: "Siden",
    noMismatched: "Ingen specialiserede sager uden kompetence denne uge.",
    soFar: "Indeværende uge, så langt", soFarNote: "Ugen er ikke slut: tallene kan nå at ændre sig og tæller først med, når ugen er omme.",
    download: "Hent belastning (26 uger)",
    smallPopulation: (avg: string) => `Forsigtig: kun ${avg} ansatte i gennemsnit, én fratrædelse flytter procenten meget`,
    people: "Tilgang og afgang de seneste 3 måneder", joiners: "Tilgang", leavers: "Afgang", date: "Dato", role: "Rolle", from: "Fra enhed",
    kind: "Art", voluntary: "Frivillig", transfer: "Intern flytning", external: "Ekstern", none: "Ingen.", hiddenName: "(navn skjult)",
    items: "Åbne indsatser i handleplaner", item: "Indsats", plan: "Handleplan", owner: "Ansvarlig", due: "Frist", itemStatus: "Status",
    overdue: "Overskredet", planned: "Planlagt", in_progress: "I gang", noItems: "Ingen åbne indsatser.",
    survey: "Trivselsmåling", dimension: "Dimension", change: "Ændring", noSurvey: "Ingen trivselsmåling for dette team endnu.",
  },
  en: {
    title: "My team", pick: "Team", show: "Show", noTeams: "You have no teams to show.", breadcrumb: "Breadcrumb",
    thisWeek: "This week", week: "Week", noData: "There are no load figures for this team yet.",
    weeksOver: (n: number) => `Over a threshold in ${n} of the last 6 weeks`,
    casesPerFte: "Cases per FTE", weighted: "Weighted load per FTE", emotional: "Share of cases with emotional demands",
    turnover: "Staff turnover, 12 months", departures: (n: number) => `${n} ${n === 1 ? "departure" : "departures"}`,
    open: "Open cases", unassigned: "Cases without a caseworker", fte: "FTE (case-holding)", mismatched: "Specialised cases without competence",
    threshold: "threshold", over: "over the threshold", within: "within the threshold", pct: "%", casesUnit: "cases per FTE", weightUnit: "weight per FTE",
    casesShort: "Cases/FTE", weightedShort: "Weighted/FTE", emotionalShort: "Emotional %",
    trends: "The last 26 weeks", trendTable: "The numbers behind the charts", status: "Status",
    summary: (what: string, n: number, last: string, limit: string) => `${what} over ${n} weeks; latest week ${last}; threshold ${limit}.`,
    caseworkers: "Caseworkers", caseworkersNote: "Visible to the team's managers only.", name: "Name", cases: "Cases",
    weightedSum: "Weighted load", flagged: "Cases with emotional demands", specialised: "Specialised cases", withoutCompetence: "Of which without competence",
    noCaseworkers: "No caseworker held cases this week.", historyOf: "History of", close: "Close",
    fteShort: "FTE", limit: "limit", weeksOverShort: "Weeks over (6 / 26)", overLimit: "over the limit",
    proRata: (c: string, w: string) => `The thresholds are per FTE (${c} cases, ${w} weighted) and apply pro rata each person's FTE.`,
    mismatchedList: "Specialised cases without competence", caseId: "Case id", caseType: "Case type", holder: "Caseworker", since: "Since",
    noMismatched: "No specialised cases without competence this week.",
    soFar: "The week in progress, so far", soFarNote: "The week is not over: the figures may still change and count once the week is over.",
    download: "Download load (26 weeks)",
    smallPopulation: (avg: string) => `Caution: only ${avg} staff on average, one departure moves the percentage a lot`,
    people: "Joiners and leavers in the last 3 months", joiners: "Joiners", leavers: "Leavers", date: "Date", role: "Role", from: "From unit",
    kind: "Kind", voluntary: "Voluntary", transfer: "Internal transfer", external: "External", none: "None.", hiddenName: "(name hidden)",
    items: "Open items of action plans", item: "Item", plan: "Action plan", owner: "Owner", due: "Due", itemStatus: "Status",
    overdue: "Overdue", planned: "Planned", in_progress: "In progress", noItems: "No open items.",
    survey: "Wellbeing survey", dimension: "Dimension", change: "Change", noSurvey: "No wellbeing survey for this team yet.",
  },
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

type Page = NonNullable<Data["page"]>;

export default function Team() {
  const { page, crumbs, teams, detail } = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  const lang = useLang();
  if (!page) {
    return (<><h1>{t.title}</h1><p className="empty">{t.noTeams}</p></>);
  }
  return (
    <>
      <nav aria-label={t.breadcrumb}>
        <ol className="breadcrumb">
          {crumbs.map((u) => (
            <li key={u.id}>{u.linked ? <Link to={`/organisation?unit=${u.id}`}>{u.name}</Link> : u.name}</li>
          ))}
        </ol>
      </nav>
      <div className="dash-head">
        <h1>{t.title}: {page.unit.name}</h1>
        {teams.length > 1 ? (
          <Form method="get" className="no-print">
            <label>{t.pick}
              <select name="unit" defaultValue={page.unit.id}>
                {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
              </select>
            </label>
            <button type="submit">{t.show}</button>
          </Form>
        ) : null}
      </div>
      <ThisWeek page={page} lang={lang} />
      {page.soFar ? <SoFar page={page} lang={lang} /> : null}
      <Trends page={page} lang={lang} />
      {page.caseworkers ? <Caseworkers page={page} detail={detail} lang={lang} /> : null}
      <OpenItems page={page} lang={lang} />
      <People page={page} lang={lang} />
      <Survey page={page} lang={lang} />
    </>
  );
}

function Figure({ label, value, threshold, over, note, lang }: { label: string; value: string; threshold?: number; over?: boolean; note?: string; lang: Lang }) {
  const t = TEXTS[lang];
  return (
    <div className="card">
      <div className="figure-label">{label}</div>
      <div className="figure">{value}</div>
      {threshold !== undefined ? (
        <div className="figure-note">
          {t.threshold} {formatLimit(lang, threshold)}
          {over !== undefined ? <> · {over ? <span className="over-flag">▲ {t.over}</span> : <span>{t.within}</span>}</> : null}
        </div>
      ) : null}
      {note ? <div className="figure-note">{note}</div> : null}
    </div>
  );
}

function ThisWeek({ page, lang }: { page: Page; lang: Lang }) {
  const t = TEXTS[lang];
  const c = page.current;
  const th = page.thresholds;
  return (
    <section className="card" aria-labelledby="this-week">
      <h2 id="this-week">{t.thisWeek}{c ? ` · ${t.week} ${c.weekLabel.slice(-2)} (${formatDate(lang, c.weekStart)})` : ""}</h2>
      {c ? (
        <>
          <p className="row">
            <StatusBadge status={c.status} lang={lang} long />
            {c.weeksOverOfLast6 !== null ? <span>{t.weeksOver(c.weeksOverOfLast6)}</span> : null}
          </p>
          <div className="figures">
            <Figure lang={lang} label={t.casesPerFte} value={formatNumber(lang, c.casesPerFte)} threshold={th.casesPerFte} over={c.over?.casesPerFte} />
            <Figure lang={lang} label={t.weighted} value={formatNumber(lang, c.weightedLoadPerFte)} threshold={th.weightedLoad} over={c.over?.weightedLoad} />
            <Figure lang={lang} label={t.emotional} value={`${formatNumber(lang, c.emotionalSharePct)} %`} threshold={th.emotionalSharePct} over={c.over?.emotionalShare} />
            <Figure lang={lang} label={t.turnover} value={`${formatNumber(lang, page.turnover12m.pct)} %`} threshold={th.turnover12mPct} over={c.over?.turnover}
              note={`${formatDate(lang, page.turnover12m.from)} – ${formatDate(lang, page.turnover12m.to)}: ${t.departures(page.turnover12m.departures)}`
                + (page.turnover12m.smallPopulation ? ` · ${t.smallPopulation(formatNumber(lang, page.turnover12m.avgHeadcount, 1))}` : "")} />
            <Figure lang={lang} label={t.open} value={formatInt(lang, c.openCases)} />
            <Figure lang={lang} label={t.unassigned} value={formatInt(lang, c.unassignedCases)} />
            <Figure lang={lang} label={t.mismatched} value={formatInt(lang, c.mismatchedCases)} />
            <Figure lang={lang} label={t.fte} value={formatNumber(lang, c.caseworkerFte, 2)} />
          </div>
        </>
      ) : <p className="empty">{t.noData}</p>}
    </section>
  );
}

function Trends({ page, lang }: { page: Page; lang: Lang }) {
  const t = TEXTS[lang];
  const n = page.weeks.length;
  const fmt = (v: number) => formatNumber(lang, v, 0);
  const series = (pick: (f: NonNullable<Page["weeks"][number]["figures"]>) => number | null) =>
    page.weeks.map((w) => ({ label: w.weekLabel, value: w.figures ? pick(w.figures) : null }));
  const last = (values: { value: number | null }[]) => formatNumber(lang, values.at(-1)?.value ?? null);
  const cases = series((f) => f.casesPerFte);
  const weighted = series((f) => f.weightedLoadPerFte);
  const emotional = series((f) => f.emotionalSharePct);
  const th = page.thresholds;
  return (
    <section className="card" aria-labelledby="trends">
      <h2 id="trends">{t.trends}</h2>
      <div className="chart-pair">
        <div className="stack">
          <TrendChart title={t.casesPerFte} unitLabel={t.casesUnit} xLabel={t.week} points={cases} threshold={th.casesPerFte}
            thresholdLabel={`${t.threshold} ${formatLimit(lang, th.casesPerFte)}`} formatValue={fmt}
            summary={t.summary(t.casesPerFte, n, last(cases), formatLimit(lang, th.casesPerFte))} />
          <TrendChart title={t.weighted} unitLabel={t.weightUnit} xLabel={t.week} points={weighted} threshold={th.weightedLoad}
            thresholdLabel={`${t.threshold} ${formatLimit(lang, th.weightedLoad)}`} formatValue={fmt}
            summary={t.summary(t.weighted, n, last(weighted), formatLimit(lang, th.weightedLoad))} />
          <TrendChart title={t.emotional} unitLabel={t.pct} xLabel={t.week} points={emotional} threshold={th.emotionalSharePct}
            thresholdLabel={`${t.threshold} ${formatLimit(lang, th.emotionalSharePct)} %`} formatValue={fmt}
            summary={t.summary(t.emotional, n, `${last(emotional)} %`, `${formatLimit(lang, th.emotionalSharePct)} %`)} />
        </div>
        <div className="table-wrap trend-table" tabIndex={0} role="region" aria-label={t.trendTable}>
          <table>
            <caption>{t.trendTable}</caption>
            <thead>
              <tr><th scope="col">{t.week}</th><th scope="col" className="num">{t.casesShort}</th><th scope="col" className="num">{t.weightedShort}</th>
                <th scope="col" className="num">{t.emotionalShort}</th><th scope="col">{t.status}</th></tr>
            </thead>
            <tbody>
              {[...page.weeks].reverse().map((w) => (
                <tr key={w.weekStart}>
                  <th scope="row" className="nowrap">{formatIsoWeek(w.weekLabel)}</th>
                  <td className="num">{formatNumber(lang, w.figures?.casesPerFte)}{w.figures?.over?.casesPerFte ? " ▲" : ""}</td>
                  <td className="num">{formatNumber(lang, w.figures?.weightedLoadPerFte)}{w.figures?.over?.weightedLoad ? " ▲" : ""}</td>
                  <td className="num">{formatNumber(lang, w.figures?.emotionalSharePct)}{w.figures?.over?.emotionalShare ? " ▲" : ""}</td>
                  <td><StatusBadge status={w.figures?.status ?? null} lang={lang} compact /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <DownloadLinks path="/downloads/load" query={new URLSearchParams({ unit: String(page.unit.id) }).toString()} label={t.download} />
    </section>
  );
}

function Caseworkers({ page, detail, lang }: { page: Page; detail: Data["detail"]; lang: Lang }) {
  const t = TEXTS[lang];
  const rows = page.caseworkers ?? [];
  return (
    <section className="card" aria-labelledby="caseworkers">
      <h2 id="caseworkers">{t.caseworkers}</h2>
      <p className="muted small">{t.caseworkersNote}</p>
      <p className="small">{t.proRata(formatLimit(lang, page.thresholds.casesPerFte), formatLimit(lang, page.thresholds.weightedLoad))}</p>
      {rows.length === 0 ? <p className="empty">{t.noCaseworkers}</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t.caseworkers}>
          <table>
            <thead>
              <tr><th scope="col">{t.name}</th><th scope="col" className="num">{t.fteShort}</th>
                <th scope="col" className="num">{t.cases} ({t.limit})</th><th scope="col" className="num">{t.weightedSum} ({t.limit})</th>
                <th scope="col" className="num">{t.weeksOverShort}</th>
                <th scope="col" className="num">{t.flagged}</th><th scope="col" className="num">{t.specialised}</th>
                <th scope="col" className="num">{t.withoutCompetence}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.employeeId} className={r.overCases || r.overWeighted ? "over-row" : undefined}>
                  <th scope="row"><Link to={`?unit=${page.unit.id}&caseworker=${encodeURIComponent(r.employeeId)}#caseworker-history`} preventScrollReset>{r.name}</Link></th>
                  <td className="num">{formatNumber(lang, r.fte, 2)}</td>
                  <td className="num"><AgainstLimit lang={lang} value={formatInt(lang, r.openCases)} limit={r.casesLimit} over={r.overCases} /></td>
                  <td className="num"><AgainstLimit lang={lang} value={formatNumber(lang, r.weightedSum)} limit={r.weightedLimit} over={r.overWeighted} /></td>
                  <td className="num">{formatInt(lang, r.weeksOverOf6)} / {formatInt(lang, r.weeksOverOf26)}</td>
                  <td className="num">{formatInt(lang, r.flaggedCases)}</td>
                  <td className="num">{formatInt(lang, r.specialisedCases)}</td>
                  <td className="num">{r.mismatchedCases > 0 ? <span className="over-flag">▲ {formatInt(lang, r.mismatchedCases)}</span> : "0"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Mismatched page={page} lang={lang} />
      {detail ? (
        <div id="caseworker-history" className="stack">
          <h3>{t.historyOf} {detail.name}</h3>
          <ScrollRegion labelledBy="caseworkers" className="scroll-table">
            <table>
              <thead>
                <tr><th scope="col">{t.week}</th><th scope="col" className="num">{t.cases}</th><th scope="col" className="num">{t.weightedSum}</th>
                  <th scope="col" className="num">{t.flagged}</th><th scope="col" className="num">{t.withoutCompetence}</th></tr>
              </thead>
              <tbody>
                {detail.weeks.map((w) => (
                  <tr key={w.weekStart}>
                    <th scope="row">{formatIsoWeek(w.weekLabel)}</th>
                    <td className="num">{formatInt(lang, w.openCases)}</td>
                    <td className="num">{formatNumber(lang, w.weightedSum)}</td>
                    <td className="num">{formatInt(lang, w.flaggedCases)}</td>
                    <td className="num">{formatInt(lang, w.mismatchedCases)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p><Link to={`?unit=${page.unit.id}`} preventScrollReset>{t.close}</Link></p>
        </div>
      ) : null}
    </section>
  );
}

function AgainstLimit({ value, limit, over, lang }: { value: string; limit: number | null; over: boolean; lang: Lang }) {
  const t = TEXTS[lang];
  return (
    <>
      {over ? <span className="over-flag">▲ {value}<span className="visually-hidden"> ({t.overLimit})</span></span> : value}
      <span className="muted small"> ({limit === null ? "–" : formatNumber(lang, limit)})</span>
    </>
  );
}

function Mismatched({ page, lang }: { page: Page; lang: Lang }) {
  const t = TEXTS[lang];
  const rows = page.mismatched ?? [];
  return (
    <div className="stack">
      <h3 id="mismatched">{t.mismatchedList} ({formatInt(lang, rows.length)})</h3>
      {rows.length === 0 ? <p className="empty">{t.noMismatched}</p> : (
        <ScrollRegion>
          <table aria-labelledby="mismatched">
            <thead><tr><th scope="col">{t.caseId}</th><th scope="col">{t.caseType}</th><th scope="col">{t.holder}</th><th scope="col">{t.since}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.caseId}>
                  <th scope="row">{r.caseId}</th>
                  <td>{lang === "da" ? r.caseTypeLabelDa : r.caseTypeLabelEn}</td>
                  <td>{r.holderName}</td>
                  <td>{formatDate(lang, r.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}

function SoFar({ page, lang }: { page: Page; lang: Lang }) {
  const t = TEXTS[lang];
  const w = page.soFar!;
  return (
    <section className="card so-far" aria-labelledby="so-far">
      <h2 id="so-far">{t.soFar} · {t.week} {w.weekLabel.slice(-2)} ({formatDate(lang, w.weekStart)})</h2>
      <p className="muted small">{t.soFarNote}</p>
      <dl className="so-far-figures">
        <div><dt>{t.casesPerFte}</dt><dd>{formatNumber(lang, w.casesPerFte)}</dd></div>
        <div><dt>{t.weighted}</dt><dd>{formatNumber(lang, w.weightedLoadPerFte)}</dd></div>
        <div><dt>{t.emotional}</dt><dd>{formatNumber(lang, w.emotionalSharePct)} %</dd></div>
        <div><dt>{t.open}</dt><dd>{formatInt(lang, w.openCases)}</dd></div>
        <div><dt>{t.mismatched}</dt><dd>{formatInt(lang, w.mismatchedCases)}</dd></div>
      </dl>
    </section>
  );
}

function OpenItems({ page, lang }: { page: Page; lang: Lang }) {
  const t = TEXTS[lang];
  return (
    <section className="card" aria-labelledby="items">
      <h2 id="items">{t.items}</h2>
      {page.openItems.length === 0 ? <p className="empty">{t.noItems}</p> : (
        <ScrollRegion labelledBy="items">
          <table>
            <thead>
              <tr><th scope="col">{t.item}</th><th scope="col">{t.plan}</th><th scope="col">{t.owner}</th>
                <th scope="col">{t.due}</th><th scope="col">{t.itemStatus}</th></tr>
            </thead>
            <tbody>
              {page.openItems.map((i) => (
                <tr key={i.itemId}>
                  <th scope="row">{i.title}</th>
                  <td><Link to={`/plans/${i.planId}`}>{i.planTitle}</Link> <span className="muted small">({i.planUnitName})</span></td>
                  <td>{i.owner ?? "–"}</td>
                  <td>{formatDate(lang, i.dueDate)}{i.overdue ? <> <span className="status status-red"><span aria-hidden="true">!</span> {t.overdue}</span></> : null}</td>
                  <td>{t[i.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function PeopleTable({ rows, caption, lang, departures }: { rows: Page["hr"]["joiners"]; caption: string; lang: Lang; departures: boolean }) {
  const t = TEXTS[lang];
  return (
    <ScrollRegion>
      <table>
        <caption>{caption} ({formatInt(lang, rows.length)})</caption>
        {rows.length === 0 ? <tbody><tr><td>{t.none}</td></tr></tbody> : (
          <>
            <thead><tr><th scope="col">{t.date}</th><th scope="col">{t.name}</th><th scope="col">{t.role}</th>{departures ? <th scope="col">{t.kind}</th> : null}</tr></thead>
            <tbody>
              {rows.map((r, index) => (
                <tr key={`${r.eventDate}-${index}`}>
                  <td>{formatDate(lang, r.eventDate)}</td>
                  <td>{r.name ?? <span className="muted">{t.hiddenName}</span>}</td>
                  <td>{roleLabel(lang, r.role)}</td>
                  {departures ? <td>{r.internalTransfer ? t.transfer : r.voluntary ? `${t.external}, ${t.voluntary.toLowerCase()}` : t.external}</td> : null}
                </tr>
              ))}
            </tbody>
          </>
        )}
      </table>
    </ScrollRegion>
  );
}

function People({ page, lang }: { page: Page; lang: Lang }) {
  const t = TEXTS[lang];
  return (
    <section className="card" aria-labelledby="people">
      <h2 id="people">{t.people}</h2>
      <p className="muted small">{formatDate(lang, page.hr.from)} – {formatDate(lang, page.hr.to)}</p>
      <div className="grid">
        <PeopleTable rows={page.hr.joiners} caption={t.joiners} lang={lang} departures={false} />
        <PeopleTable rows={page.hr.leavers} caption={t.leavers} lang={lang} departures />
      </div>
    </section>
  );
}

function Survey({ page, lang }: { page: Page; lang: Lang }) {
  const t = TEXTS[lang];
  const s = page.survey;
  return (
    <section className="card" aria-labelledby="survey">
      <h2 id="survey">{t.survey}</h2>
      {s.rows.length === 0 ? <p className="empty">{t.noSurvey}</p> : (
        <ScrollRegion labelledBy="survey">
          <table>
            <thead>
              <tr><th scope="col">{t.dimension}</th>
                {s.previous ? <th scope="col" className="num">{formatSurveyRound(lang, s.previous)}</th> : null}
                <th scope="col" className="num">{s.latest ? formatSurveyRound(lang, s.latest) : "–"}</th><th scope="col" className="num">{t.change}</th></tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{lang === "da" ? r.labelDa : r.labelEn}</th>
                  {s.previous ? <td className="num"><SurveyValue cell={r.previous} lang={lang} minimum={page.minRespondents} /></td> : null}
                  <td className="num"><SurveyValue cell={r.latest} lang={lang} minimum={page.minRespondents} /></td>
                  <td className="num"><ChangeValue change={r.change} higherIsBetter={r.higherIsBetter} lang={lang} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
