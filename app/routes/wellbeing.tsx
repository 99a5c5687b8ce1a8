// Wellbeing for a unit: a trend per dimension across rounds beside the organisation (each chart
// with its numbers in a table, and "Opret handleplan" from the dimension), the units × dimensions
// heatmap for one round, and every dimension across rounds in one table. Groups too small to show
// read "færre end 5 svar", never a number; only what the rollup stored as shown carries a score;
// change only when both rounds are shown.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import dashboardsCss from "~/styles/dashboards.css";
import wellbeingCss from "~/styles/wellbeing.css";
import { formatNumber, formatSurveyRound, useLang, useT, type Lang } from "~/lib/i18n";
import { ChangeValue, SurveyValue } from "../../charts/SurveyValue";
import { SurveyComparisonChart } from "../../charts/SurveyComparisonChart";
import { WellbeingTrendChart } from "../../charts/WellbeingTrendChart";
import { ScrollRegion } from "~/lib/scroll-region";
import type { loader } from "./wellbeing.server";

export { loader } from "./wellbeing.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }, { rel: "stylesheet", href: wellbeingCss }];

export const meta: MetaFunction = () => [{ title: "Trivsel · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Trivsel", unit: "Enhed", show: "Vis", none: "Der er ingen trivselsmålinger at vise.", noUnit: "Du har ingen enheder at vise.",
    dimension: "Dimension", organisation: "Org.", own: "Enhed", change: "Ændring siden forrige måling", responseRate: "Svarprocent",
    caption: (name: string) => `${name} ved hver måling, med hele organisationen ved siden af`,
    rule: (n: number) => `Tal for grupper med færre end ${n} svar vises aldrig, heller ikke når de kan regnes ud af andre tal.`,
    higher: "højere er bedre", lower: "lavere er bedre",
    chart: (round: string) => `Seneste måling (${round}): enheden og organisationen`, orgName: "Hele organisationen", axis: "point (0–100)",
    chartSummary: (round: string, n: number, hidden: number) => `Måling ${round}: ${n} dimensioner for enheden og organisationen${hidden ? `; ${hidden} vises ikke, fordi gruppen er for lille` : ""}. Tallene står i tabellen.`,
    trends: "Udvikling pr. dimension", trendsIntro: "Hver dimension ved alle målinger: enheden (fuld linje, runde punkter) og hele organisationen (stiplet linje, firkantede punkter). Tallene står i tabellen under hver graf.",
    round: "Måling", trendSummary: (dim: string, unit: string, points: string) => `${dim} for ${unit} ved hver måling: ${points}.`,
    notShown: "vises ikke", latestChange: "Ændring", createPlan: "Opret handleplan", createPlanFor: (dim: string) => `Opret handleplan om ${dim}`,
    heatmap: "Enheder og dimensioner", heatmapIntro: (round: string, band: number) => `Måling ${round}: hver enhed under den valgte, sammenlignet med hele organisationen (mindst ${band} point bedre eller dårligere, læst i dimensionens retning).`,
    heatmapCaption: (round: string) => `Enheder × dimensioner, ${round}`, chooseRound: "Måling",
    legend: (b: number, m: number) => ({ better: `bedre end organisationen (${b} point eller mere)`, similar: `på niveau (under ${b} point fra)`, worse: `dårligere (${b}–${m} point)`, much_worse: `meget dårligere (${m} point eller mere)`, hidden: "vises ikke (lille gruppe)" }),
    symbol: { better: "▲", similar: "=", worse: "▼", much_worse: "▼▼" },
    truncated: "Der er flere enheder end tabellen viser; vælg en enhed længere nede for at se dem.",
    orgRow: "Hele organisationen", download: "Hent trivselstal", csv: "CSV", xlsx: "Excel (XLSX)",
    heatmapScroll: "Tabel over enheder og dimensioner (kan rulles vandret)",
  },
  en: {
    title: "Wellbeing", unit: "Unit", show: "Show", none: "There are no wellbeing surveys to show.", noUnit: "You have no units to show.",
    dimension: "Dimension", organisation: "Org.", own: "Unit", change: "Change since the previous round", responseRate: "Response rate",
    caption: (name: string) => `${name} in each round, with the whole organisation beside it`,
    rule: (n: number) => `Figures for groups with fewer than ${n} responses are never shown, nor when other figures would reveal them.`,
    higher: "higher is better", lower: "lower is better",
    chart: (round: string) => `Latest round (${round}): the unit and the organisation`, orgName: "Whole organisation", axis: "points (0–100)",
    chartSummary: (round: string, n: number, hidden: number) => `Round ${round}: ${n} dimensions for the unit and the organisation${hidden ? `; ${hidden} not shown because the group is too small` : ""}. The numbers are in the table.`,
    trends: "Trend per dimension", trendsIntro: "Each dimension in every round: the unit (solid line, round markers) and the whole organisation (dashed line, square markers). The numbers are in the table under each chart.",
    round: "Round", trendSummary: (dim: string, unit: string, points: string) => `${dim} for ${unit} in each round: ${points}.`,
    notShown: "not shown", latestChange: "Change", createPlan: "Create action plan", createPlanFor: (dim: string) => `Create an action plan about ${dim}`,
    heatmap: "Units and dimensions", heatmapIntro: (round: string, band: number) => `Round ${round}: each unit below the chosen one, compared with the whole organisation (at least ${band} points better or worse, read in the dimension's direction).`,
    heatmapCaption: (round: string) => `Units × dimensions, ${round}`, chooseRound: "Round",
    legend: (b: number, m: number) => ({ better: `better than the organisation (${b} points or more)`, similar: `level (under ${b} points apart)`, worse: `worse (${b}–${m} points)`, much_worse: `much worse (${m} points or more)`, hidden: "not shown (small group)" }),
    symbol: { better: "▲", similar: "=", worse: "▼", much_worse: "▼▼" },
    truncated: "There are more units than the table shows; choose a unit further down to see them.",
    orgRow: "Whole organisation", download: "Download wellbeing figures", csv: "CSV", xlsx: "Excel (XLSX)",
    heatmapScroll: "Table of units and dimensions (scrolls sideways)",
  },
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

type Page = NonNullable<Data["page"]>;

type Heatmap = NonNullable<Data["heatmap"]>;

function LatestRoundChart({ page, unitName, lang }: { page: Page; unitName: string; lang: Lang }) {
  const t = TEXTS[lang];
  const last = page.rounds.length - 1;
  const round = formatSurveyRound(lang, page.rounds[last]);
  const hidden = page.dimensions.filter((d) => d.unit[last]?.hidden).length;
  return (
    <section className="card">
      <SurveyComparisonChart title={t.chart(round)} unitName={unitName} organisationName={t.orgName} axisLabel={t.axis}
        formatValue={(v) => formatNumber(lang, v, 0)} summary={t.chartSummary(round, page.dimensions.length, hidden)}
        bars={page.dimensions.map((d) => ({
          label: lang === "da" ? d.labelDa : d.labelEn,
          unit: d.unit[last]?.score ?? null,
          organisation: d.organisation[last]?.score ?? null,
        }))} />
    </section>
  );
}

function planHref(unitId: number, round: string, dimension: string): string {
  return `/plans/new?${new URLSearchParams({ unit: String(unitId), survey: round, dimension })}`;
}

function DimensionTrends({ page, unit, canPlan, lang }: { page: Page; unit: NonNullable<Data["unit"]>; canPlan: boolean; lang: Lang }) {
  const t = TEXTS[lang];
  const latest = page.rounds.at(-1)!;
  return (
    <section className="card" aria-labelledby="trends">
      <h2 id="trends">{t.trends}</h2>
      <p className="muted small">{t.trendsIntro}</p>
      <div className="trend-grid">
        {page.dimensions.map((d) => {
          const name = lang === "da" ? d.labelDa : d.labelEn;
          const points = page.rounds.map((r, i) => ({ label: formatSurveyRound(lang, r), unit: d.unit[i]?.score ?? null, organisation: d.organisation[i]?.score ?? null }));
          const spoken = points.map((p) => `${p.label} ${p.unit === null ? t.notShown : formatNumber(lang, p.unit)}`).join(", ");
          return (
            <article key={d.key} className="card trend-card" aria-labelledby={`dim-${d.key}`}>
              <h3 id={`dim-${d.key}`}>{name} <span className="muted small">({d.higherIsBetter ? t.higher : t.lower})</span></h3>
              <WellbeingTrendChart title={name} unitName={unit.name} organisationName={t.orgName} points={points} unitOnly={unit.isRoot}
                formatValue={(v) => formatNumber(lang, v)} summary={t.trendSummary(name, unit.name, spoken)} />
              <table>
                <caption className="visually-hidden">{name}: {t.caption(unit.name)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.round}</th>
                    <th scope="col" className="num">{t.own}</th>
                    {unit.isRoot ? null : <th scope="col" className="num">{t.organisation}</th>}
                  </tr>
                </thead>
                <tbody>
                  {page.rounds.map((r, i) => (
                    <tr key={r}>
                      <th scope="row">{formatSurveyRound(lang, r)}</th>
                      <td className="num"><SurveyValue cell={d.unit[i] ?? null} lang={lang} minimum={page.minRespondents} /></td>
                      {unit.isRoot ? null : <td className="num muted"><SurveyValue cell={d.organisation[i] ?? null} lang={lang} minimum={page.minRespondents} /></td>}
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t.latestChange}</th>
                    <td className="num" colSpan={unit.isRoot ? 1 : 2}><ChangeValue change={d.change} higherIsBetter={d.higherIsBetter} lang={lang} /></td>
                  </tr>
                </tbody>
              </table>
              {canPlan ? (
                <a className="button plan-link" href={planHref(unit.id, latest, d.key)} aria-label={t.createPlanFor(name)}>{t.createPlan}</a>
              ) : null}
            </article>
          );
        })}
      </div>
    </section>
  );
}

function HeatmapCell({ cell, relative, lang, minimum, legend }: { cell: Heatmap["rows"][number]["cells"][number]["cell"]; relative: Heatmap["rows"][number]["cells"][number]["relative"]; lang: Lang; minimum: number; legend: Record<string, string> }) {
  const t = TEXTS[lang];
  if (!cell) return <td className="wb wb-hidden">–</td>;
  if (cell.score === null) return <td className="wb wb-hidden"><SurveyValue cell={cell} lang={lang} minimum={minimum} /></td>;
  return (
    <td className={`wb wb-${relative ?? "similar"}`}>
      {formatNumber(lang, cell.score)}
      {relative ? <> <span aria-hidden="true">{t.symbol[relative]}</span><span className="visually-hidden"> ({legend[relative]})</span></> : null}
    </td>
  );
}

function UnitsHeatmap({ heatmap, unitId, isRoot, minimum, lang }: { heatmap: Heatmap; unitId: number; isRoot: boolean; minimum: number; lang: Lang }) {
  const t = TEXTS[lang];
  if (heatmap.round === null) return null;
  const round = formatSurveyRound(lang, heatmap.round);
  const legend = t.legend(heatmap.bands.relative, heatmap.bands.muchWorse);
  return (
    <section className="card" aria-labelledby="wb-heatmap">
      <div className="dash-head">
        <h2 id="wb-heatmap">{t.heatmap}</h2>
        <Form method="get" className="no-print">
          <input type="hidden" name="unit" value={unitId} />
          <label>{t.chooseRound}
            <select name="round" defaultValue={heatmap.round}>
              {heatmap.rounds.map((r) => <option key={r} value={r}>{formatSurveyRound(lang, r)}</option>)}
            </select>
          </label>
          <button type="submit">{t.show}</button>
        </Form>
      </div>
      <p className="muted small">{t.heatmapIntro(round, heatmap.bands.relative)}</p>
      <ul className="wb-legend">
        {(["better", "similar", "worse", "much_worse"] as const).map((k) => (
          <li key={k}><span className={`wb-${k}`} aria-hidden="true">{t.symbol[k]}</span>{legend[k]}</li>
        ))}
        <li><span className="wb-hidden" aria-hidden="true">…</span>{legend.hidden}</li>
      </ul>
      <div className="wb-heatmap-wrap" tabIndex={0} role="region" aria-label={t.heatmapScroll}>
        <table className="wb-heatmap">
          <caption className="visually-hidden">{t.heatmapCaption(round)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.unit}</th>
              {heatmap.dimensions.map((d) => <th key={d.key} scope="col" className="dim">{lang === "da" ? d.labelDa : d.labelEn}<br /><span className="muted">{d.higherIsBetter ? "↑" : "↓"}</span></th>)}
            </tr>
          </thead>
          <tbody>
            {isRoot ? null : <tr>
              <th scope="row" className="unit">{t.orgRow}</th>
              {heatmap.organisation.map((c, i) => (
                <td key={heatmap.dimensions[i]!.key} className="wb wb-similar">{c?.score == null ? <SurveyValue cell={c} lang={lang} minimum={minimum} /> : formatNumber(lang, c.score)}</td>
              ))}
            </tr>}
            {heatmap.rows.map((row) => (
              <tr key={row.unitId}>
                <th scope="row" className={`unit depth-${row.depth}`}><a href={`/wellbeing?unit=${row.unitId}`}>{row.name}</a></th>
                {row.cells.map((c, i) => <HeatmapCell key={heatmap.dimensions[i]!.key} cell={c.cell} relative={c.relative} lang={lang} minimum={minimum} legend={legend} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {heatmap.truncated ? <p className="muted small">{t.truncated}</p> : null}
    </section>
  );
}

export default function Wellbeing() {
  const { unit, page, heatmap, options, canPlan } = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  const lang = useLang();
  if (!unit || !page || !heatmap) return (<><h1>{t.title}</h1><p className="empty">{t.noUnit}</p></>);
  return (
    <>
      <div className="dash-head">
        <h1>{t.title}: {unit.name}</h1>
        {options.length > 1 ? (
          <Form method="get" className="no-print">
            <label>{t.unit}
              <select name="unit" defaultValue={unit.id}>
                {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            </label>
            <button type="submit">{t.show}</button>
          </Form>
        ) : null}
      </div>
      <p className="muted small">{t.rule(page.minRespondents)}</p>
      {page.rounds.length > 0 ? (
        <p className="export-links no-print">{t.download}:
          <a className="button" href={`/wellbeing/download?unit=${unit.id}&format=csv`} download>{t.csv}</a>
          <a className="button" href={`/wellbeing/download?unit=${unit.id}&format=xlsx`} download>{t.xlsx}</a>
        </p>
      ) : null}
      {page.rounds.length > 0 ? <DimensionTrends page={page} unit={unit} canPlan={canPlan} lang={lang} /> : null}
      {page.rounds.length > 0 ? <UnitsHeatmap heatmap={heatmap} unitId={unit.id} isRoot={unit.isRoot} minimum={page.minRespondents} lang={lang} /> : null}
      {page.rounds.length > 0 && !unit.isRoot ? <LatestRoundChart page={page} unitName={unit.name} lang={lang} /> : null}
      {page.rounds.length === 0 ? <p className="empty">{t.none}</p> : (
        <section className="card">
          <ScrollRegion>
            <table className="side-by-side">
              <caption>{t.caption(unit.name)}</caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>{t.dimension}</th>
                  {page.rounds.map((r) => <th key={r} scope="colgroup" colSpan={unit.isRoot ? 1 : 2}>{formatSurveyRound(lang, r)}</th>)}
                  <th scope="col" rowSpan={2} className="num">{t.change}</th>
                </tr>
                <tr>
                  {page.rounds.map((r) => unit.isRoot ? <th key={r} scope="col" className="num">{t.own}</th> : [
                    <th key={`${r}-u`} scope="col" className="num">{t.own}</th>,
                    <th key={`${r}-o`} scope="col" className="num muted">{t.organisation}</th>,
                  ])}
                </tr>
              </thead>
              <tbody>
                {page.dimensions.map((d) => (
                  <tr key={d.key}>
                    <th scope="row">{lang === "da" ? d.labelDa : d.labelEn}<br /><span className="muted small">{d.higherIsBetter ? t.higher : t.lower}</span></th>
                    {page.rounds.map((r, i) => unit.isRoot ? (
                      <td key={r} className="num"><SurveyValue cell={d.unit[i]} lang={lang} minimum={page.minRespondents} /></td>
                    ) : (
                      [
                        <td key={`${r}-u`} className="num"><SurveyValue cell={d.unit[i]} lang={lang} minimum={page.minRespondents} /></td>,
                        <td key={`${r}-o`} className="num muted"><SurveyValue cell={d.organisation[i]} lang={lang} minimum={page.minRespondents} /></td>,
                      ]
                    ))}
                    <td className="num"><ChangeValue change={d.change} higherIsBetter={d.higherIsBetter} lang={lang} /></td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t.responseRate}</th>
                  {page.rounds.map((r, i) => (
                    <td key={r} className="num" colSpan={unit.isRoot ? 1 : 2}>{page.responseRates[i] === null ? "–" : `${formatNumber(lang, page.responseRates[i])} %`}</td>
                  ))}
                  <td />
                </tr>
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      )}
    </>
  );
}
