// The risk radar: every team in scope raising one of the patterns AT acts on (METRICS.md), with
// the evidence behind it, most severe first, and a way straight into an action plan.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import dashboardsCss from "~/styles/dashboards.css";
import { formatDate, formatInt, formatIsoWeek, formatNumber, formatSurveyRound, useLang, useT, type Lang } from "~/lib/i18n";
import type { loader } from "./risk.server";

export { loader } from "./risk.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }];

export const meta: MetaFunction = () => [{ title: "Risikoradar · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Risikoradar", asOf: "Opgjort for uge", none: "Ingen teams viser et af mønstrene lige nu.",
    noData: "Risikoradaren er ikke beregnet endnu.",
    intro: "Teams, der viser de mønstre, Arbejdstilsynet reagerer på. Hvert signal viser de tal, det bygger på.",
    severity: "Alvor", create: "Opret handleplan", team: "Se team",
    signal: {
      workload_emotional: "Arbejdsmængde og tidspres med høje følelsesmæssige krav",
      unclear_demands: "Uklare og modstridende krav",
      turnover: "Personaleomsætning",
    },
    casesWeeks: (w: number, of: number) => `Sager pr. årsværk over grænsen i ${w} af ${of} uger`,
    emotional: (week: string, v: string) => `Andel sager med følelsesmæssige krav ${v} % i ugen fra ${week} (over grænsen)`,
    mismatch: (w: number, of: number) => `Specialiserede sager uden kompetence i ${w} af ${of} uger`,
    survey: (dim: string, round: string, team: string, org: string, worse: string) => `${dim} (${round}): teamet ${team}, organisationen ${org} – ${worse} point dårligere`,
    turnover: (pct: string, th: string) => `12-måneders personaleomsætning ${pct} % (grænse ${th} %)`,
    managers: (n: number) => `${n} lederafgange på 12 måneder`,
    weeklyValues: "Ugens tal",
  },
  en: {
    title: "Risk radar", asOf: "As of week", none: "No team shows one of the patterns right now.",
    noData: "The risk radar has not been computed yet.",
    intro: "Teams showing the patterns the Working Environment Authority acts on. Each signal shows the figures it rests on.",
    severity: "Severity", create: "Create action plan", team: "Open team",
    signal: {
      workload_emotional: "Workload and time pressure with high emotional demands",
      unclear_demands: "Unclear and conflicting demands",
      turnover: "Staff turnover",
    },
    casesWeeks: (w: number, of: number) => `Cases per FTE over the threshold in ${w} of ${of} weeks`,
    emotional: (week: string, v: string) => `Share of cases with emotional demands ${v} % in the week from ${week} (over the threshold)`,
    mismatch: (w: number, of: number) => `Specialised cases without competence in ${w} of ${of} weeks`,
    survey: (dim: string, round: string, team: string, org: string, worse: string) => `${dim} (${round}): team ${team}, organisation ${org} – ${worse} points worse`,
    turnover: (pct: string, th: string) => `12-month staff turnover ${pct} % (threshold ${th} %)`,
    managers: (n: number) => `${n} manager departures in 12 months`,
    weeklyValues: "Weekly figures",
  },
};

type Radar = ReturnType<typeof useLoaderData<typeof loader>>["radar"];

type Evidence = Radar["teams"][number]["signals"][number]["evidence"][number];

function EvidenceLine({ e, radar, lang }: { e: Evidence; radar: Radar; lang: Lang }) {
  const t = TEXTS[lang];
  const n = (v: number | null) => formatNumber(lang, v);
  switch (e.kind) {
    case "weeks_over_cases_per_fte":
      return <>{t.casesWeeks(e.weeks, e.of)} <span className="muted small">({t.weeklyValues}: {e.values.map(n).join(" · ")})</span></>;
    case "emotional_share_over":
      return <>{t.emotional(e.week.length === 10 ? formatDate(lang, e.week) : e.week, n(e.value))}</>;
    case "weeks_with_mismatch":
      return <>{t.mismatch(e.weeks, e.of)} <span className="muted small">({t.weeklyValues}: {e.values.map((v) => formatInt(lang, v)).join(" · ")})</span></>;
    case "survey_worse": {
      const label = radar.dimensionLabels[e.dimension]?.[lang] ?? e.dimension;
      return <>{t.survey(label, formatSurveyRound(lang, e.round), n(e.team), n(e.organisation), n(e.pointsWorse))}</>;
    }
    case "turnover_over":
      return <>{t.turnover(n(e.pct), n(e.threshold))}</>;
    case "manager_departures":
      return <>{t.managers(e.count)}</>;
  }
}

export default function Risk() {
  const { radar, canPlan } = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  const lang = useLang();
  return (
    <>
      <div className="dash-head">
        <h1>{t.title}</h1>
        {radar.asOfWeekLabel ? <p className="muted">{t.asOf} {formatIsoWeek(radar.asOfWeekLabel)}</p> : null}
      </div>
      <p>{t.intro}</p>
      {!radar.asOfWeek ? <p className="empty">{t.noData}</p>
        : radar.teams.length === 0 ? <p className="empty">{t.none}</p> : (
          <ol className="stack" style={{ listStyle: "none", padding: 0 }}>
            {radar.teams.map((team) => (
              <li key={team.unitId} className="card signal">
                <h2>
                  <Link to={`/team?unit=${team.unitId}`} aria-label={`${t.team}: ${team.unitName}`}>{team.unitName}</Link>
                  {team.parentName ? <span className="muted small"> · {team.parentName}</span> : null}
                </h2>
                <p className="small">{t.severity}: <strong>{formatInt(lang, team.severity)}</strong></p>
                {team.signals.map((s) => (
                  <div key={s.signal}>
                    <h3><span aria-hidden="true">▲ </span>{t.signal[s.signal]} <span className="muted small">({t.severity} {s.severity})</span></h3>
                    <ul>
                      {s.evidence.map((e, index) => <li key={index}><EvidenceLine e={e} radar={radar} lang={lang} /></li>)}
                    </ul>
                    {canPlan.includes(team.unitId) ? (
                      <p className="no-print">
                        <Link className="button" to={`/plans/new?unit=${team.unitId}&signal=${s.signal}`}
                          aria-label={`${t.create}: ${team.unitName}, ${t.signal[s.signal]}`}>{t.create}</Link>
                      </p>
                    ) : null}
                  </div>
                ))}
              </li>
            ))}
          </ol>
        )}
    </>
  );
}
