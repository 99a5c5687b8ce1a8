// Relational welfare: for units with a rollout date, load, turnover and wellbeing in the 6 months
// before and after, side by side, wave by wave.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import dashboardsCss from "~/styles/dashboards.css";
import { formatDate, formatNumber, formatSurveyRound, useLang, useT, type Lang } from "~/lib/i18n";
import { SurveyValue } from "../../charts/SurveyValue";
import { ScrollRegion } from "~/lib/scroll-region";
import type { loader } from "./rollout.server";

export { loader } from "./rollout.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }];

export const meta: MetaFunction = () => [{ title: "Relationel velfærd · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Relationel velfærd: før og efter",
    intro: "For hver enhed med en startdato: de 6 hele måneder før startmåneden og de 6 måneder fra den. Efter-perioden tæller kun uger og måneder, der er afsluttet.",
    none: "Ingen enheder har en startdato for relationel velfærd.",
    wave: (year: number, half: 1 | 2) => `${half === 1 ? "Forår" : "Efterår"} ${year}`,
    unit: "Enhed", start: "Start", before: "Før", after: "Efter",
    cases: "Sager pr. årsværk", emotional: "Følelsesm. krav %", turnover: "Omsætning % (6 mdr.)",
    dims: { trivsel: "Trivsel", social_kapital: "Social kapital" } as Record<string, string>,
    weeks: (n: number) => `${n} uger`, months: (n: number) => `${n} mdr.`, departures: (n: number) => `${n} ${n === 1 ? "afgang" : "afgange"}`,
    open: "Se team", units: (n: number) => `${n} enheder`,
  },
  en: {
    title: "Relational welfare: before and after",
    intro: "For every unit with a start date: the 6 whole months before the start month and the 6 months from it. The after period counts only completed weeks and months.",
    none: "No unit has a relational-welfare start date.",
    wave: (year: number, half: 1 | 2) => `${half === 1 ? "Spring" : "Autumn"} ${year}`,
    unit: "Unit", start: "Start", before: "Before", after: "After",
    cases: "Cases per FTE", emotional: "Emotional demands %", turnover: "Turnover % (6 months)",
    dims: { trivsel: "Wellbeing", social_kapital: "Social capital" } as Record<string, string>,
    weeks: (n: number) => `${n} weeks`, months: (n: number) => `${n} months`, departures: (n: number) => `${n} ${n === 1 ? "departure" : "departures"}`,
    open: "Open team", units: (n: number) => `${n} units`,
  },
};

type Wave = ReturnType<typeof useLoaderData<typeof loader>>["waves"][number];

type Side = Wave["units"][number]["before"];

function Pair({ before, after, render }: { before: Side; after: Side; render: (s: Side) => React.ReactNode }) {
  return (<><td className="num">{render(before)}</td><td className="num">{render(after)}</td></>);
}

function WaveTable({ wave, dimensions, minimum, lang }: { wave: Wave; dimensions: string[]; minimum: number; lang: Lang }) {
  const t = TEXTS[lang];
  const groups = [t.cases, t.emotional, t.turnover, ...dimensions.map((d) => t.dims[d] ?? d)];
  return (
    <section className="card" aria-labelledby={`wave-${wave.key}`}>
      <h2 id={`wave-${wave.key}`}>{t.wave(wave.year, wave.half)} <span className="muted small">({t.units(wave.units.length)})</span></h2>
      <ScrollRegion>
        <table className="side-by-side">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>{t.unit}</th>
              <th scope="col" rowSpan={2}>{t.start}</th>
              {groups.map((g) => <th key={g} scope="colgroup" colSpan={2}>{g}</th>)}
            </tr>
            <tr>
              {groups.flatMap((g) => [
                <th key={`${g}-b`} scope="col" className="num">{t.before}</th>,
                <th key={`${g}-a`} scope="col" className="num">{t.after}</th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {wave.units.map((u) => (
              <tr key={u.unitId}>
                <th scope="row">
                  {u.kind === "team" ? <Link to={`/team?unit=${u.unitId}`} aria-label={`${t.open}: ${u.name}`}>{u.name}</Link> : u.name}
                  {u.district ? <><br /><span className="muted small">{u.district}</span></> : null}
                </th>
                <td>{formatDate(lang, u.rolloutDate)}</td>
                <Pair before={u.before} after={u.after} render={(s) => (
                  <>{formatNumber(lang, s.casesPerFte)}<br /><span className="muted small">{t.weeks(s.weeks)}</span></>
                )} />
                <Pair before={u.before} after={u.after} render={(s) => formatNumber(lang, s.emotionalSharePct)} />
                <Pair before={u.before} after={u.after} render={(s) => (
                  <>{formatNumber(lang, s.turnoverPct)}<br /><span className="muted small">{t.departures(s.departures)}, {t.months(s.months)}</span></>
                )} />
                {dimensions.map((d) => (
                  <Pair key={d} before={u.before} after={u.after} render={(s) => (
                    <>
                      <SurveyValue cell={s.survey[d] ?? null} lang={lang} minimum={minimum} />
                      {s.surveyRound ? <><br /><span className="muted small">{formatSurveyRound(lang, s.surveyRound)}</span></> : null}
                    </>
                  )} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

export default function Rollout() {
  const { waves, minimum, dimensions } = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  const lang = useLang();
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {waves.length === 0 ? <p className="empty">{t.none}</p>
        : waves.map((w) => <WaveTable key={w.key} wave={w} dimensions={dimensions} minimum={minimum} lang={lang} />)}
    </>
  );
}
