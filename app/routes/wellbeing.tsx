// Wellbeing for a unit: every survey dimension across rounds, beside the organisation. Groups too
// small to show read "færre end 5 svar", never a number; change only when both rounds are shown.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseSearchParams } from "~/lib/search-params";
import dashboardsCss from "~/styles/dashboards.css";
import { getDb } from "~/lib/db.server";
import { can, forbidden, requireCapability, scopeOf } from "~/lib/guard.server";
import { getUnit, rootUnitId, scopeRootUnits, unitsInScope, wellbeingPage } from "~/lib/dashboards.server";
import { formatNumber, formatSurveyRound, useLang, useT, type Lang } from "~/lib/i18n";
import { ChangeValue, SurveyValue } from "../../charts/SurveyValue";
import { SurveyComparisonChart } from "../../charts/SurveyComparisonChart";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }];
export const meta: MetaFunction = () => [{ title: "Trivsel · Arbejdsmiljø og belastning" }];

const Query = z.object({ unit: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()) });
const PICKER_LIMIT = 400;

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_wellbeing", undefined, db);
  const query = parseSearchParams(request, Query);
  const scope = scopeOf(principal, "view_wellbeing");
  const [units, rootId, roots] = await Promise.all([
    unitsInScope(db, scope, undefined, PICKER_LIMIT + 1), rootUnitId(db), scope === "all" ? Promise.resolve([]) : scopeRootUnits(db, scope),
  ]);
  const unitId = query.unit ?? (scope === "all" ? rootId : roots[0]?.id) ?? null;
  if (unitId === null || rootId === null) return { unit: null, page: null, options: [] };
  if (!can(principal, "view_wellbeing", unitId)) throw forbidden();
  const [unit, page] = await Promise.all([getUnit(db, unitId), wellbeingPage(db, unitId, rootId)]);
  if (!unit) throw new Response("Not found", { status: 404 });
  // Too many units for one select: offer the levels above the teams (a few hundred at national scale).
  const pickable = units.length <= PICKER_LIMIT ? units : await unitsInScope(db, scope, ["organisation", "area", "centre", "department", "cluster"], PICKER_LIMIT);
  const options = pickable.map((u) => ({ id: u.id, name: u.name }));
  return { unit: { id: unit.id, name: unit.name, isRoot: unit.id === rootId }, page, options };
}

const TEXTS = {
  da: {
    title: "Trivsel", unit: "Enhed", show: "Vis", none: "Der er ingen trivselsmålinger at vise.", noUnit: "Du har ingen enheder at vise.",
    dimension: "Dimension", organisation: "Org.", own: "Enhed", change: "Ændring siden forrige måling", responseRate: "Svarprocent",
    caption: (name: string) => `${name} ved hver måling, med hele organisationen ved siden af`,
    rule: (n: number) => `Tal for grupper med færre end ${n} svar vises aldrig, heller ikke når de kan regnes ud af andre tal.`,
    higher: "højere er bedre", lower: "lavere er bedre",
    chart: (round: string) => `Seneste måling (${round}): enheden og organisationen`, orgName: "Hele organisationen", axis: "point (0–100)",
    chartSummary: (round: string, n: number, hidden: number) => `Måling ${round}: ${n} dimensioner for enheden og organisationen${hidden ? `; ${hidden} vises ikke, fordi gruppen er for lille` : ""}. Tallene står i tabellen.`,
  },
  en: {
    title: "Wellbeing", unit: "Unit", show: "Show", none: "There are no wellbeing surveys to show.", noUnit: "You have no units to show.",
    dimension: "Dimension", organisation: "Org.", own: "Unit", change: "Change since the previous round", responseRate: "Response rate",
    caption: (name: string) => `${name} in each round, with the whole organisation beside it`,
    rule: (n: number) => `Figures for groups with fewer than ${n} responses are never shown, nor when other figures would reveal them.`,
    higher: "higher is better", lower: "lower is better",
    chart: (round: string) => `Latest round (${round}): the unit and the organisation`, orgName: "Whole organisation", axis: "points (0–100)",
    chartSummary: (round: string, n: number, hidden: number) => `Round ${round}: ${n} dimensions for the unit and the organisation${hidden ? `; ${hidden} not shown because the group is too small` : ""}. The numbers are in the table.`,
  },
};

type Page = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["page"]>;

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

export default function Wellbeing() {
  const { unit, page, options } = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  const lang = useLang();
  if (!unit || !page) return (<><h1>{t.title}</h1><p className="empty">{t.noUnit}</p></>);
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
      {page.rounds.length > 0 && !unit.isRoot ? <LatestRoundChart page={page} unitName={unit.name} lang={lang} /> : null}
      {page.rounds.length === 0 ? <p className="empty">{t.none}</p> : (
        <section className="card">
          <div className="table-wrap">
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
          </div>
        </section>
      )}
    </>
  );
}
