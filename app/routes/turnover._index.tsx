// HR's turnover statement: pick a unit (the tree, only units in scope) and a period; see average
// headcount, departures, turnover %, voluntary departures, internal transfers out, hires and the
// manager figures for the unit and every unit below it, with the same period a year earlier; the
// rolling 12-month trend over 3 years; definitions with a worked example; downloads identical to
// `npm run export -- turnover`.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import turnoverCss from "~/styles/turnover.css";
import { formatDate, formatInt, formatLimit, formatNumber, useLang, useT, type Lang } from "~/lib/i18n";
import { TurnoverTrendChart } from "../../charts/TurnoverTrendChart";
import { ScrollRegion } from "~/lib/scroll-region";
import type { PeriodKind } from "../../domain/turnover-period";
import type { loader } from "./turnover._index.server";

export { loader } from "./turnover._index.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: turnoverCss }];

export const meta: MetaFunction = () => [{ title: "Personaleomsætning · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Personaleomsætning", choose: "Vælg enhed og periode", unit: "Enhed", period: "Periode", show: "Vis",
    kinds: { year: "Kalenderår", half: "Halvår", quarter: "Kvartal", rolling: "Løbende 12 måneder", custom: "Fra–til" } as Record<PeriodKind, string>,
    year: "År", half: "Halvår", quarter: "Kvartal", month: "Slutmåned (løbende 12 mdr.)", from: "Fra", to: "Til",
    halves: ["1. halvår", "2. halvår"], quarters: ["1. kvartal", "2. kvartal", "3. kvartal", "4. kvartal"],
    periodErrors: { half: "Vælg 1. eller 2. halvår.", quarter: "Vælg et kvartal 1–4.", month: "Vælg en måned.", from: "Skriv en gyldig fra-dato.", to: "Skriv en gyldig til-dato.", order: "Til-datoen ligger før fra-datoen." } as Record<string, string>,
    periodHint: "Felterne for den valgte periodetype bruges; de øvrige ignoreres.",
    tableTitle: (from: string, to: string) => `Tal for ${from} – ${to}`, previousNote: (from: string, to: string) => `Tallet i parentes er samme periode et år før (${from} – ${to}).`,
    cols: { unit: "Enhed", avg: "Gns. antal ansatte", departures: "Fratrædelser", pct: "Omsætning %", voluntary: "Heraf frivillige", internal: "Interne overflytninger ud", hires: "Ansættelser", mAvg: "Ledere, gns.", mDepartures: "Lederfratrædelser", mPct: "Lederomsætning %" },
    drill: "Se fratrædelserne", empty: "–", download: "Hent tabellen", csv: "CSV (Excel, dansk)", xlsx: "Excel-projektmappe (XLSX)",
    chartTitle: "Løbende 12 måneders omsætning", staff: "Medarbejdere", managers: "Ledere", threshold: (t: string) => `Grænse ${t} %`, monthAxis: "Måned (12 mdr. til og med)", percent: "%",
    chartSummary: (n: number, last: string) => `Kurve over ${n} måneder; seneste værdi ${last} %.`,
    seriesTable: "Tallene bag kurven", monthCol: "Måned", staffPct: "Medarbejdere %", managerPct: "Ledere %", departuresCol: "Fratrædelser (12 mdr.)",
    noData: "Ingen ansatte i perioden.", over: "over grænsen",
    teamsOmitted: "Listen viser niveauerne over teamene; vælg et team ved at klikke på det i tabellen.",
    municipalCsv: "CSV, kommunal statistik", municipalXlsx: "XLSX, kommunal statistik",
    small: "få ansatte", smallNote: "(få ansatte): færre end 5 i gennemsnit. Én fratrædelse flytter procenten meget; læs antallet, ikke procenten.",
    municipal: (y: number) => `Variant til sammenligning med den kommunale statistik (ikke tallene ovenfor): ansatte 30.11.${y - 1} mod 30.11.${y}; flytninger til andre enheder i organisationen tæller som fratrædelse fra enheden`,
  },
  en: {
    title: "Staff turnover", choose: "Choose unit and period", unit: "Unit", period: "Period", show: "Show",
    kinds: { year: "Calendar year", half: "Half-year", quarter: "Quarter", rolling: "Rolling 12 months", custom: "From–to" } as Record<PeriodKind, string>,
    year: "Year", half: "Half-year", quarter: "Quarter", month: "Last month (rolling 12 months)", from: "From", to: "To",
    halves: ["First half", "Second half"], quarters: ["Q1", "Q2", "Q3", "Q4"],
    periodErrors: { half: "Choose the first or second half.", quarter: "Choose a quarter 1–4.", month: "Choose a month.", from: "Enter a valid from date.", to: "Enter a valid to date.", order: "The to date is before the from date." } as Record<string, string>,
    periodHint: "The fields of the chosen period type are used; the others are ignored.",
    tableTitle: (from: string, to: string) => `Figures for ${from} – ${to}`, previousNote: (from: string, to: string) => `In brackets: the same period a year earlier (${from} – ${to}).`,
    cols: { unit: "Unit", avg: "Avg. headcount", departures: "Departures", pct: "Turnover %", voluntary: "Of which voluntary", internal: "Internal transfers out", hires: "Hires", mAvg: "Managers, avg.", mDepartures: "Manager departures", mPct: "Manager turnover %" },
    drill: "Show the departures", empty: "–", download: "Download the table", csv: "CSV (Excel, Danish)", xlsx: "Excel workbook (XLSX)",
    chartTitle: "Rolling 12-month turnover", staff: "Staff", managers: "Managers", threshold: (t: string) => `Threshold ${t} %`, monthAxis: "Month (12 months up to and including)", percent: "%",
    chartSummary: (n: number, last: string) => `Line over ${n} months; latest value ${last} %.`,
    seriesTable: "The numbers behind the chart", monthCol: "Month", staffPct: "Staff %", managerPct: "Managers %", departuresCol: "Departures (12 months)",
    noData: "Nobody employed in the period.", over: "over the threshold",
    teamsOmitted: "The list shows the levels above the teams; choose a team by clicking it in the table.",
    municipalCsv: "CSV, municipal statistics", municipalXlsx: "XLSX, municipal statistics",
    small: "few staff", smallNote: "(few staff): fewer than 5 on average. One departure moves the percentage a lot; read the count, not the percentage.",
    municipal: (y: number) => `Variant comparable with the municipal statistics (not the figures above): staff on 30.11.${y - 1} against 30.11.${y}; moves to other units of the organisation count as leaving the unit`,
  },
};

function Definitions({ lang }: { lang: Lang }) {
  if (lang === "en") {
    return (
      <details className="card definitions" open>
        <summary><h2>How the figures are computed</h2></summary>
        <dl>
          <dt>Headcount on a day</dt><dd>The number of different people employed in the unit or any unit below it that day. A person with two part-time jobs counts once.</dd>
          <dt>Average headcount</dt><dd>The headcount of every day in the period added up, divided by the number of days.</dd>
          <dt>Departure</dt><dd>A person's last day in the unit (including the units below it) when they are not employed there the next day. Moving between two teams of the same department is not a departure from the department. Two jobs ending the same day are one departure.</dd>
          <dt>Internal transfer out</dt><dd>A departure where the person is employed elsewhere in the organisation the next day. Other departures are external; for the whole organisation every departure is external.</dd>
          <dt>Voluntary</dt><dd>An external departure where the employment ended by resignation.</dd>
          <dt>Hire</dt><dd>A person's first day in the unit when they were not employed there the day before.</dd>
          <dt>Turnover %</dt><dd>Departures divided by average headcount, times 100. Empty when nobody was employed.</dd>
          <dt>Managers</dt><dd>The same, counting only manager employments: a manager who steps down but stays has left the manager group.</dd>
          <dt>Rolling 12 months</dt><dd>From the first day of the month 11 months before, to the last day of the chosen month.</dd>
        </dl>
        <h3>Worked example</h3>
        <p>A team has 10 people all of 2024 (366 days). One resigns with 30 June as the last day (182 days in the team), and a new colleague starts on 1 July (184 days).
          Headcount-days: 9 × 366 + 182 + 184 = 3,660. Average headcount: 3,660 / 366 = 10.00. Departures: 1 (voluntary). Turnover: 1 / 10.00 × 100 = 10.0 %.
          Had the person moved to another team in the same department instead, the team would count 1 internal transfer out, and the department 0 departures.</p>
        <p className="small muted">Averages are shown with 2 decimals and percentages with 1, rounded half away from zero.</p>
      </details>
    );
  }
  return (
    <details className="card definitions" open>
      <summary><h2>Sådan er tallene beregnet</h2></summary>
      <dl>
        <dt>Antal ansatte på en dag</dt><dd>Antal forskellige personer, der er ansat i enheden eller en enhed under den den dag. En person med to deltidsstillinger tæller én gang.</dd>
        <dt>Gennemsnitligt antal ansatte</dt><dd>Antal ansatte for hver dag i perioden lagt sammen og delt med antal dage.</dd>
        <dt>Fratrædelse</dt><dd>En persons sidste dag i enheden (med underenheder), når personen ikke er ansat der dagen efter. Et skift mellem to teams i samme afdeling er ikke en fratrædelse fra afdelingen. To stillinger, der slutter samme dag, er én fratrædelse.</dd>
        <dt>Intern overflytning ud</dt><dd>En fratrædelse, hvor personen er ansat et andet sted i organisationen dagen efter. Andre fratrædelser er eksterne; for hele organisationen er alle fratrædelser eksterne.</dd>
        <dt>Frivillig</dt><dd>En ekstern fratrædelse, hvor ansættelsen sluttede ved egen opsigelse.</dd>
        <dt>Ansættelse</dt><dd>En persons første dag i enheden, når personen ikke var ansat der dagen før.</dd>
        <dt>Personaleomsætning %</dt><dd>Fratrædelser delt med gennemsnitligt antal ansatte, gange 100. Tom, når ingen var ansat.</dd>
        <dt>Ledere</dt><dd>Det samme, men kun lederansættelser: en leder, der går af som leder men bliver, har forladt ledergruppen.</dd>
        <dt>Løbende 12 måneder</dt><dd>Fra den første dag i måneden 11 måneder før til den sidste dag i den valgte måned.</dd>
      </dl>
      <h3>Regneeksempel</h3>
      <p>Et team har 10 ansatte hele 2024 (366 dage). Én siger op med 30. juni som sidste dag (182 dage i teamet), og en ny kollega starter 1. juli (184 dage).
        Persondage: 9 × 366 + 182 + 184 = 3.660. Gennemsnitligt antal ansatte: 3.660 / 366 = 10,00. Fratrædelser: 1 (frivillig). Omsætning: 1 / 10,00 × 100 = 10,0 %.
        Var personen i stedet flyttet til et andet team i samme afdeling, ville teamet tælle 1 intern overflytning ud, og afdelingen 0 fratrædelser.</p>
      <p className="small muted">Gennemsnit vises med 2 decimaler og procenter med 1, afrundet med halvdelen opad (væk fra nul).</p>
    </details>
  );
}

type Page = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["page"]>;

function Figure({ value, previous, decimals, lang, drill, caution }: { value: number | null; previous: number | null | undefined; decimals: number; lang: Lang; drill?: string; caution?: string }) {
  const text = value === null ? "–" : decimals === 0 ? formatInt(lang, value) : formatNumber(lang, value, decimals);
  const previousText = previous === undefined ? null : previous === null ? "–" : decimals === 0 ? formatInt(lang, previous) : formatNumber(lang, previous, decimals);
  return (
    <td className="num">
      {drill ? <Link to={drill}>{text}</Link> : text}
      {caution && value !== null ? <span className="caution"> ({caution})</span> : null}
      {previousText !== null ? <span className="previous"> ({previousText})</span> : null}
    </td>
  );
}

function FiguresTable({ page, lang }: { page: Page; lang: Lang }) {
  const t = useT(TEXTS);
  const departuresLink = (query: string, extra: string) => `/turnover/departures?${query}${extra}`;
  return (
    <ScrollRegion>
      <table className="turnover-table">
        <caption>{t.previousNote(formatDate(lang, page.previousFrom), formatDate(lang, page.previousTo))}</caption>
        <thead>
          <tr>
            <th scope="col">{t.cols.unit}</th><th scope="col">{t.cols.avg}</th><th scope="col">{t.cols.departures}</th><th scope="col">{t.cols.pct}</th>
            <th scope="col">{t.cols.voluntary}</th><th scope="col">{t.cols.internal}</th><th scope="col">{t.cols.hires}</th>
            <th scope="col">{t.cols.mAvg}</th><th scope="col">{t.cols.mDepartures}</th><th scope="col">{t.cols.mPct}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((r) => (
            <tr key={r.id} className={r.depth === 0 ? "root-row" : undefined}>
              <th scope="row" style={{ paddingLeft: `${0.5 + r.depth * 1.1}rem` }}>
                {r.depth === 0 ? r.name : <Link to={`/turnover?${new URLSearchParams({ unit: String(r.id), p: "custom", from: page.from, to: page.to })}`}>{r.name}</Link>}
                <span className="small muted"> {r.code}</span>
              </th>
              <Figure value={r.shown.avgHeadcount} previous={r.previous?.avgHeadcount} decimals={2} lang={lang} />
              <Figure value={r.shown.departures} previous={r.previous?.departures} decimals={0} lang={lang} drill={r.shown.departures > 0 ? departuresLink(r.drill, "") : undefined} />
              <Figure value={r.shown.turnoverPct} previous={r.previous?.turnoverPct} decimals={1} lang={lang} caution={r.small ? t.small : undefined} />
              <Figure value={r.shown.voluntaryDepartures} previous={r.previous?.voluntaryDepartures} decimals={0} lang={lang} drill={r.shown.voluntaryDepartures > 0 ? departuresLink(r.drill, "&kind=voluntary") : undefined} />
              <Figure value={r.shown.internalTransfersOut} previous={r.previous?.internalTransfersOut} decimals={0} lang={lang} drill={r.shown.internalTransfersOut > 0 ? departuresLink(r.drill, "&kind=internal") : undefined} />
              <Figure value={r.shown.hires} previous={r.previous?.hires} decimals={0} lang={lang} />
              <Figure value={r.shown.managerAvgHeadcount} previous={r.previous?.managerAvgHeadcount} decimals={2} lang={lang} />
              <Figure value={r.shown.managerDepartures} previous={r.previous?.managerDepartures} decimals={0} lang={lang} drill={r.shown.managerDepartures > 0 ? departuresLink(r.drill, "&population=manager") : undefined} />
              <Figure value={r.shown.managerTurnoverPct} previous={r.previous?.managerTurnoverPct} decimals={1} lang={lang} caution={r.managerSmall ? t.small : undefined} />
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export default function Turnover() {
  const { units, teamsOmitted, form, periodError, page } = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  const lang = useLang();
  const pct = (v: number | null) => (v === null ? "–" : formatNumber(lang, v, 1));
  const last = page?.series.at(-1);
  return (
    <>
      <h1>{t.title}{page ? `: ${page.unit.name}` : ""}</h1>
      <Form method="get" className="card turnover-picker no-print" aria-label={t.choose}>
        <h2 className="small">{t.choose}</h2>
        <div className="row">
          <label>{t.unit}
            <select name="unit" defaultValue={form.unit}>
              {units.map((u) => <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth)}{u.name} ({u.code})</option>)}
            </select>
          </label>
          <label>{t.period}
            <select name="p" defaultValue={form.p}>
              {Object.entries(t.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
            </select>
          </label>
          <label>{t.year}<input type="number" name="year" min={1990} max={2100} defaultValue={form.year} /></label>
          <label>{t.half}
            <select name="half" defaultValue={form.half}>{t.halves.map((h, i) => <option key={h} value={i + 1}>{h}</option>)}</select>
          </label>
          <label>{t.quarter}
            <select name="quarter" defaultValue={form.quarter}>{t.quarters.map((q, i) => <option key={q} value={i + 1}>{q}</option>)}</select>
          </label>
          <label>{t.month}<input type="month" name="month" defaultValue={form.month} pattern="\d{4}-\d{2}" /></label>
          <label>{t.from}<input type="date" name="from" defaultValue={form.from} /></label>
          <label>{t.to}<input type="date" name="to" defaultValue={form.to} /></label>
          <button type="submit" className="primary">{t.show}</button>
        </div>
        <p className="small muted">{t.periodHint}{teamsOmitted ? ` ${t.teamsOmitted}` : ""}</p>
        {periodError ? <p className="field-error" role="alert">{t.periodErrors[periodError]}</p> : null}
      </Form>

      {page ? (
        <>
          <section className="card" aria-labelledby="turnover-figures">
            <h2 id="turnover-figures">{t.tableTitle(formatDate(lang, page.from), formatDate(lang, page.to))}</h2>
            {page.rows[0]?.shown.avgHeadcount === 0 ? <p className="empty">{t.noData}</p> : null}
            <FiguresTable page={page} lang={lang} />
            {page.unknownReasons > 0 ? <p className="small">{lang === "da"
              ? `${formatInt(lang, page.unknownReasons)} af fratrædelserne fra ${page.unit.name} havde ingen årsag fra kildesystemet (ukendt) og tælles aldrig som frivillige.`
              : `${formatInt(lang, page.unknownReasons)} of the departures from ${page.unit.name} had no reason from the source system (unknown) and are never counted as voluntary.`}</p> : null}
            <p className="row no-print downloads">
              <span>{t.download}:</span>
              <a href={`/turnover/download?${page.download}&format=csv`} download>{t.csv}</a>
              <a href={`/turnover/download?${page.download}&format=xlsx`} download>{t.xlsx}</a>
            </p>
            {page.rows.some((r) => r.small || r.managerSmall) ? <p className="small muted">{t.smallNote}</p> : null}
            <p className="row no-print downloads small">
              <span>{t.municipal(page.municipal.year)}:</span>
              <a href={`/turnover/download?${page.municipal.query}&format=csv`} download>{t.municipalCsv}</a>
              <a href={`/turnover/download?${page.municipal.query}&format=xlsx`} download>{t.municipalXlsx}</a>
            </p>
          </section>

          <section className="card turnover-trend" aria-labelledby="turnover-trend">
            <h2 id="turnover-trend">{t.chartTitle}</h2>
            <div className="trend-grid">
              <TurnoverTrendChart
                title={`${t.chartTitle}, ${page.unit.name}`}
                points={page.series}
                threshold={page.threshold}
                labels={{ staff: t.staff, managers: t.managers, threshold: t.threshold(formatLimit(lang, page.threshold)), month: t.monthAxis, percent: t.percent }}
                summary={t.chartSummary(page.series.length, last ? pct(last.staffPct) : "–")}
                formatValue={(v) => formatNumber(lang, v, 0)}
              />
              <ScrollRegion labelledBy="turnover-trend" className="series-table">
                <table>
                  <caption>{t.seriesTable}</caption>
                  <thead><tr><th scope="col">{t.monthCol}</th><th scope="col">{t.staffPct}</th><th scope="col">{t.managerPct}</th><th scope="col">{t.departuresCol}</th></tr></thead>
                  <tbody>
                    {[...page.series].reverse().map((p) => (
                      <tr key={p.month}>
                        <th scope="row">{p.month}</th>
                        <td className="num">{pct(p.staffPct)}{p.staffPct !== null && p.staffPct > page.threshold ? <span className="over"> ▲ {t.over}</span> : null}</td>
                        <td className="num">{pct(p.managerPct)}</td>
                        <td className="num">{formatInt(lang, p.departures)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </div>
          </section>
        </>
      ) : null}

      <Definitions lang={lang} />
    </>
  );
}
