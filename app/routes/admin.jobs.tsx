// For administrators: each job's schedule and next run, its last runs, what failed and why, what
// is waiting; "run now" (POST, audited) starts a scheduled job on BullMQ or in-process.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import dashboardsCss from "~/styles/dashboards.css";
import opsCss from "~/styles/ops.css";
import { formatDate, formatInt, formatNumber, useLang, useT, type Lang } from "~/lib/i18n";
import { ScrollRegion } from "~/lib/scroll-region";
import type { loader } from "./admin.jobs.server";

export { loader, action } from "./admin.jobs.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }, { rel: "stylesheet", href: opsCss }];

export const meta: MetaFunction = () => [{ title: "Jobs · Arbejdsmiljø og belastning" }];

const JOB_NAMES: Record<string, { da: string; en: string }> = {
  "weekly-aggregation": { da: "Ugentlig genberegning", en: "Weekly aggregation" },
  "nightly-catch-up": { da: "Natlig opsamling", en: "Nightly catch-up" },
  notifications: { da: "Notifikationer", en: "Notifications" },
  mail: { da: "Mails: påmindelser og oversigter", en: "Mail: reminders and digests" },
  "mail-delivery": { da: "Afsendelse af mails", en: "Mail delivery" },
  "privacy-retention": { da: "Persondata: pseudonymisering efter opbevaringsperioden", en: "Personal data: pseudonymisation after the retention period" },
  recompute: { da: "Genberegning", en: "Recomputation" },
  "connector-sync": { da: "Natlig synkronisering af forbindelser", en: "Nightly connection sync" },
  "connector-sync-now": { da: "Synkronisering af en forbindelse (bestilt)", en: "Connection sync (on request)" },
};

const WEEKDAYS = {
  da: ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

const TEXTS = {
  da: {
    schedules: "Planlagte job", schedule: "Plan", nextRun: "Næste kørsel", recent: "Seneste kørsler", runNow: "Kør nu",
    never: "Har ikke kørt endnu.", startedNotice: (job: string) => `${job} er startet. Kørslen vises herunder, når den er i gang.`,
    every: (n: number) => `hvert ${n}. minut`, daily: (t: string) => `hver dag kl. ${t}`, weekly: (d: string, t: string) => `hver ${d} kl. ${t}`,
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
    schedules: "Scheduled jobs", schedule: "Schedule", nextRun: "Next run", recent: "Last runs", runNow: "Run now",
    never: "Has not run yet.", startedNotice: (job: string) => `${job} has started. The run shows below once it is going.`,
    every: (n: number) => `every ${n} minutes`, daily: (t: string) => `daily at ${t}`, weekly: (d: string, t: string) => `every ${d} at ${t}`,
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

function jobLabel(lang: Lang, name: string): string {
  return JOB_NAMES[name]?.[lang] ?? name;
}

function scheduleWords(lang: Lang, s: Page["schedules"][number]): string {
  const t = TEXTS[lang];
  if (s.everyMinutes !== null) return t.every(s.everyMinutes);
  if (s.weekday !== null) return t.weekly(WEEKDAYS[lang][s.weekday - 1], s.time ?? "");
  return t.daily(s.time ?? "");
}

function Schedules({ page, lang, mayRun, busy }: { page: Page; lang: Lang; mayRun: boolean; busy: boolean }) {
  const t = TEXTS[lang];
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t.schedules}>
      <table>
        <thead>
          <tr><th scope="col">{t.job}</th><th scope="col">{t.schedule}</th><th scope="col">{t.nextRun}</th><th scope="col">{t.recent}</th>
            {mayRun ? <th scope="col"><span className="visually-hidden">{t.runNow}</span></th> : null}</tr>
        </thead>
        <tbody>
          {page.schedules.map((s) => (
            <tr key={s.name}>
              <th scope="row">{jobLabel(lang, s.name)}<br /><code className="small muted">{s.name}</code></th>
              <td>{scheduleWords(lang, s)}<br /><code className="small muted">{s.pattern}</code></td>
              <td>{formatTimestamp(lang, s.nextRunAt)}</td>
              <td>
                {s.recentRuns.length === 0 ? <span className="muted">{t.never}</span> : (
                  <ul className="plain small">
                    {s.recentRuns.map((r) => (
                      <li key={r.id}>
                        <span className={`status status-${r.status === "failed" ? "red" : r.status === "completed" ? "green" : "none"}`}>{t.statuses[r.status]}</span>{" "}
                        {formatTimestamp(lang, r.startedAt)}
                        {r.durationMs === null ? null : ` · ${formatNumber(lang, r.durationMs / 1000, 1)} ${t.seconds}`}
                        {r.error ? <> · <code>{r.error}</code></> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              {mayRun ? (
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="run" />
                    <input type="hidden" name="job" value={s.name} />
                    <button type="submit" disabled={busy} aria-label={`${t.runNow}: ${jobLabel(lang, s.name)}`}>{t.runNow}</button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunsTable({ rows, lang, showError }: { rows: Page["lastRuns"]; lang: Lang; showError: boolean }) {
  const t = TEXTS[lang];
  return (
    <ScrollRegion>
      <table>
        <thead>
          <tr><th scope="col">{t.job}</th><th scope="col">{t.started}</th><th scope="col">{t.finished}</th>
            <th scope="col" className="num">{t.duration}</th><th scope="col">{t.status}</th>{showError ? <th scope="col">{t.error}</th> : null}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{jobLabel(lang, r.job)}{r.jobId ? <span className="muted small"> #{r.jobId}</span> : null}</th>
              <td>{formatTimestamp(lang, r.startedAt)}</td>
              <td>{formatTimestamp(lang, r.finishedAt)}</td>
              <td className="num">{r.durationMs === null ? "–" : `${formatNumber(lang, r.durationMs / 1000, 1)} ${t.seconds}`}</td>
              <td><span className={`status status-${r.status === "failed" ? "red" : r.status === "completed" ? "green" : "none"}`}>{t.statuses[r.status]}</span></td>
              {showError ? <td><code className="small">{r.error ?? ""}</code></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export default function Jobs() {
  const { page, mayRun } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const t = useT(TEXTS);
  const lang = useLang();
  const countKeys = ["waiting", "active", "delayed", "prioritized", "failed", "completed"];
  const started = params.get("started");
  return (
    <>
      <h1>{t.title}</h1>
      {started ? <p className="notice" role="status">{t.startedNotice(jobLabel(lang, started))}</p> : null}
      <section className="card" aria-labelledby="schedules">
        <h2 id="schedules">{t.schedules}</h2>
        <Schedules page={page} lang={lang} mayRun={mayRun} busy={busy} />
      </section>
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
          <ScrollRegion labelledBy="waiting">
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
          </ScrollRegion>
        )}
      </section>
      <section className="card" aria-labelledby="queues">
        <h2 id="queues">{t.queues}</h2>
        {page.queues === null ? <p className="muted">{t.noRedis}</p>
          : page.queueError ? <p className="notice bad">{t.redisError} {page.queueError}</p>
            : page.queues.length === 0 ? <p className="empty">{t.noQueues}</p> : (
              <ScrollRegion labelledBy="queues">
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
              </ScrollRegion>
            )}
      </section>
    </>
  );
}
