// For administrators: did the jobs run, what failed and why, what is waiting. Read-only.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import dashboardsCss from "~/styles/dashboards.css";
import { getDb } from "~/lib/db.server";
import { requireCapability } from "~/lib/guard.server";
import { env, jobsPage } from "~/lib/dashboards.server";
import { formatDate, formatInt, formatNumber, useLang, useT, type Lang } from "~/lib/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }];
export const meta: MetaFunction = () => [{ title: "Jobs · Arbejdsmiljø og belastning" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  await requireCapability(request, "view_jobs", undefined, db);
  return { page: await jobsPage(db, env().REDIS_URL || undefined) };
}

const TEXTS = {
  da: {
    title: "Jobs", last: "Seneste kørsel af hvert job", job: "Job", started: "Startet", finished: "Afsluttet", duration: "Varighed",
    status: "Status", error: "Fejl", noRuns: "Ingen job har kørt endnu.", failures: "Fejlede kørsler", noFailures: "Ingen fejlede kørsler.",
    waiting: "Ventende genberegninger", noWaiting: "Intet venter.", requested: "Bestilt", source: "Kilde", units: "Enheder", period: "Periode",
    attempts: "Forsøg", allUnits: "alle", queues: "Køer (BullMQ)", queue: "Kø", noRedis: "Ingen Redis konfigureret: jobs kører i serverprocessen.",
    redisError: "Redis svarede ikke:", noQueues: "Ingen køer fundet.", total: (n: number) => `${n} i alt`,
    statuses: { running: "◔ Kører", completed: "✓ Gennemført", failed: "✗ Fejlet", pending: "… Venter" } as Record<string, string>,
    counts: { waiting: "Venter", active: "Aktive", delayed: "Forsinkede", prioritized: "Prioriterede", failed: "Fejlede", completed: "Gennemførte" } as Record<string, string>,
    seconds: "s",
  },
  en: {
    title: "Jobs", last: "Last run of each job", job: "Job", started: "Started", finished: "Finished", duration: "Duration",
    status: "Status", error: "Error", noRuns: "No job has run yet.", failures: "Failed runs", noFailures: "No failed runs.",
    waiting: "Waiting recomputations", noWaiting: "Nothing is waiting.", requested: "Requested", source: "Source", units: "Units", period: "Period",
    attempts: "Attempts", allUnits: "all", queues: "Queues (BullMQ)", queue: "Queue", noRedis: "No Redis configured: jobs run in the server process.",
    redisError: "Redis did not answer:", noQueues: "No queues found.", total: (n: number) => `${n} in total`,
    statuses: { running: "◔ Running", completed: "✓ Completed", failed: "✗ Failed", pending: "… Pending" } as Record<string, string>,
    counts: { waiting: "Waiting", active: "Active", delayed: "Delayed", prioritized: "Prioritised", failed: "Failed", completed: "Completed" } as Record<string, string>,
    seconds: "s",
  },
};

/** Timestamps arrive as Postgres text in UTC; show them in Copenhagen time. */
function formatTimestamp(lang: Lang, value: string | null): string {
  if (!value) return "–";
  const date = new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Copenhagen",
  }).format(date);
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>["page"];

function RunsTable({ rows, lang, showError }: { rows: Page["lastRuns"]; lang: Lang; showError: boolean }) {
  const t = TEXTS[lang];
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr><th scope="col">{t.job}</th><th scope="col">{t.started}</th><th scope="col">{t.finished}</th>
            <th scope="col" className="num">{t.duration}</th><th scope="col">{t.status}</th>{showError ? <th scope="col">{t.error}</th> : null}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.job}{r.jobId ? <span className="muted small"> #{r.jobId}</span> : null}</th>
              <td>{formatTimestamp(lang, r.startedAt)}</td>
              <td>{formatTimestamp(lang, r.finishedAt)}</td>
              <td className="num">{r.durationMs === null ? "–" : `${formatNumber(lang, r.durationMs / 1000, 1)} ${t.seconds}`}</td>
              <td><span className={`status status-${r.status === "failed" ? "red" : r.status === "completed" ? "green" : "none"}`}>{t.statuses[r.status]}</span></td>
              {showError ? <td><code className="small">{r.error ?? ""}</code></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Jobs() {
  const { page } = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  const lang = useLang();
  const countKeys = ["waiting", "active", "delayed", "prioritized", "failed", "completed"];
  return (
    <>
      <h1>{t.title}</h1>
      <section className="card" aria-labelledby="last-runs">
        <h2 id="last-runs">{t.last}</h2>
        {page.lastRuns.length === 0 ? <p className="empty">{t.noRuns}</p> : <RunsTable rows={page.lastRuns} lang={lang} showError />}
      </section>
      <section className="card" aria-labelledby="failures">
        <h2 id="failures">{t.failures}</h2>
        {page.failures.length === 0 ? <p className="empty">{t.noFailures}</p> : <RunsTable rows={page.failures} lang={lang} showError />}
      </section>
      <section className="card" aria-labelledby="waiting">
        <h2 id="waiting">{t.waiting} <span className="muted small">({t.total(page.waitingTotal)})</span></h2>
        {page.waiting.length === 0 ? <p className="empty">{t.noWaiting}</p> : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">{t.requested}</th><th scope="col">{t.source}</th><th scope="col" className="num">{t.units}</th>
                  <th scope="col">{t.period}</th><th scope="col">{t.status}</th><th scope="col" className="num">{t.attempts}</th><th scope="col">{t.error}</th></tr>
              </thead>
              <tbody>
                {page.waiting.map((w) => (
                  <tr key={w.id}>
                    <td>{formatTimestamp(lang, w.requestedAt)}</td>
                    <td>{w.source}</td>
                    <td className="num">{w.unitCount === null ? t.allUnits : formatInt(lang, w.unitCount)}</td>
                    <td>{w.fromDate || w.toDate ? `${formatDate(lang, w.fromDate)} – ${formatDate(lang, w.toDate)}` : "–"}</td>
                    <td>{t.statuses[w.status] ?? w.status}</td>
                    <td className="num">{formatInt(lang, w.attempts)}</td>
                    <td><code className="small">{w.error ?? ""}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="queues">
        <h2 id="queues">{t.queues}</h2>
        {page.queues === null ? <p className="muted">{t.noRedis}</p>
          : page.queueError ? <p className="notice bad">{t.redisError} {page.queueError}</p>
            : page.queues.length === 0 ? <p className="empty">{t.noQueues}</p> : (
              <div className="table-wrap">
                <table>
                  <thead><tr><th scope="col">{t.queue}</th>{countKeys.map((k) => <th key={k} scope="col" className="num">{t.counts[k]}</th>)}</tr></thead>
                  <tbody>
                    {page.queues.map((q) => (
                      <tr key={q.name}>
                        <th scope="row">{q.name}</th>
                        {countKeys.map((k) => <td key={k} className="num">{formatInt(lang, q.counts[k] ?? 0)}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
      </section>
    </>
  );
}
