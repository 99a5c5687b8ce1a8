// For administrators: the connections to OS2mo, KMD Opus, SD Løn and file folders. Settings on the
// page (checked by each source's schema), secrets only in the environment (shown as set or not).
// "Test forbindelse" reaches the source; "Synkronisér nu" queues an incremental sync, "Fuld
// resynkronisering" a full one, as a job (BullMQ with REDIS_URL, else this process): the request
// answers at once with a redirect to ?run=<id>, and the page shows that run "i kø" / "i gang" (it
// revalidates itself every few seconds with JavaScript; a link reloads it without) and then its
// result. The nightly job syncs the scheduled ones at 02:00.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { useEffect } from "react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import dashboardsCss from "~/styles/dashboards.css";
import { type ConnectionSource } from "~/lib/connections.server";
import { formatInt, useLang, useT, type Lang } from "~/lib/i18n";
import type { loader, action } from "./admin.connections.server";

export { loader, action } from "./admin.connections.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }];

export const meta: MetaFunction = () => [{ title: "Forbindelser · Arbejdsmiljø og belastning" }];

// Spelled out here: a value imported from a .server module is undefined in the browser bundle.
const CONNECTION_SOURCES: ConnectionSource[] = ["os2mo", "opus", "sd", "file"];

const SOURCE_LABELS: Record<Lang, Record<ConnectionSource, string>> = {
  da: { os2mo: "OS2mo (GraphQL)", opus: "KMD Opus Løn (deltafiler)", sd: "SD Løn (webservice)", file: "Fil-mappe (CSV/XLSX, evt. med kolonnetilknytning)" },
  en: { os2mo: "OS2mo (GraphQL)", opus: "KMD Opus Løn (delta files)", sd: "SD Løn (web service)", file: "File folder (CSV/XLSX, optionally by column mapping)" },
};

const TEXTS = {
  da: {
    title: "Forbindelser",
    intro: "Forbindelser henter organisation og ansættelser direkte fra kommunens systemer. Hver synkronisering går gennem samme validering og samme alt-eller-intet-transaktion som en filimport og står i importhistorikken. Planlagte forbindelser synkroniseres hver nat kl. 02:00.",
    none: "Der er ingen forbindelser endnu. Opret den første nedenfor.",
    name: "Navn", source: "Kilde", state: "Tilstand", lastSuccess: "Seneste vellykkede", lastRun: "Seneste kørsel", actions: "Handlinger",
    enabled: "Aktiv", disabled: "Slået fra", scheduled: "Hver nat", manual: "Kun manuelt", never: "Aldrig",
    test: "Test forbindelse", sync: "Synkronisér nu", full: "Fuld resynkronisering",
    outcomes: { accepted: "✓ Indlæst", unchanged: "= Uændret", failed: "✗ Fejlet", queued: "… I kø", running: "… I gang", lost: "✗ Afbrudt (ingen svar)" } as Record<string, string>,
    activeNote: "Synkroniseringen kører i baggrunden; du kan forlade siden. Siden opdaterer sig selv, når den er færdig.", refresh: "Opdatér status",
    alreadyActive: "Forbindelsen var allerede i gang med en synkronisering; her er den.", since: "siden", syncError: "Synkroniseringen blev ikke startet:",
    runs: "Seneste synkroniseringer", noRuns: "Ingen synkroniseringer endnu.", when: "Hvornår", who: "Hvem", mode: "Type", incremental: "Ændringer", fullMode: "Fuld",
    read: "Rækker læst", changed: "Ændret", problem: "Årsag",
    edit: "Ret indstillinger", add: "Opret eller ret en forbindelse", settings: "Indstillinger (JSON, uden hemmeligheder)",
    settingsHelp: "Hemmeligheder (adgangskoder, klienthemmelighed, pseudonymnøgle) sættes kun i miljøet. Eksempler på indstillinger pr. kilde:",
    nameHelp: "Små bogstaver, tal, - og _. Bruges også af npm run sync -- <navn>.",
    enabledLabel: "Aktiv", scheduledLabel: "Synkronisér hver nat kl. 02:00", save: "Gem forbindelse",
    secrets: "Hemmeligheder i miljøet", set: "✓ sat", missing: "✗ mangler",
    testOk: "Forbindelsen virker:", testBad: "Forbindelsen virker ikke:", saveError: "Forbindelsen blev ikke gemt:",
    fields: { name: "Navnet skal være små bogstaver, tal, - eller _ (højst 40 tegn).", source: "Vælg en kilde.", settings: "Indstillingerne er ikke gyldige:" } as Record<string, string>,
    runResult: "Resultat af synkroniseringen", working: "Arbejder …", invalid: "Formularen var ikke udfyldt rigtigt.",
  },
  en: {
    title: "Connections",
    intro: "Connections read the organisation and employments straight from the municipality's systems. Every sync goes through the same validation and the same all-or-nothing transaction as a file import, and is listed in the import history. Scheduled connections sync every night at 02:00.",
    none: "There are no connections yet. Create the first one below.",
    name: "Name", source: "Source", state: "State", lastSuccess: "Last successful", lastRun: "Last run", actions: "Actions",
    enabled: "Enabled", disabled: "Disabled", scheduled: "Nightly", manual: "Manual only", never: "Never",
    test: "Test connection", sync: "Sync now", full: "Full resync",
    outcomes: { accepted: "✓ Imported", unchanged: "= Unchanged", failed: "✗ Failed", queued: "… Queued", running: "… Running", lost: "✗ Interrupted (no answer)" } as Record<string, string>,
    activeNote: "The sync runs in the background; you may leave the page. The page updates itself when it is done.", refresh: "Refresh status",
    alreadyActive: "The connection was already syncing; this is that run.", since: "since", syncError: "The sync was not started:",
    runs: "Recent syncs", noRuns: "No syncs yet.", when: "When", who: "Who", mode: "Kind", incremental: "Changes", fullMode: "Full",
    read: "Rows read", changed: "Changed", problem: "Reason",
    edit: "Edit settings", add: "Create or edit a connection", settings: "Settings (JSON, no secrets)",
    settingsHelp: "Secrets (passwords, client secret, pseudonym key) are set in the environment only. Example settings per source:",
    nameHelp: "Lower-case letters, digits, - and _. Also used by npm run sync -- <name>.",
    enabledLabel: "Enabled", scheduledLabel: "Sync every night at 02:00", save: "Save connection",
    secrets: "Secrets in the environment", set: "✓ set", missing: "✗ missing",
    testOk: "The connection works:", testBad: "The connection does not work:", saveError: "The connection was not saved:",
    fields: { name: "The name must be lower-case letters, digits, - or _ (at most 40 characters).", source: "Choose a source.", settings: "The settings are not valid:" } as Record<string, string>,
    runResult: "Result of the sync", working: "Working …", invalid: "The form was not filled in correctly.",
  },
};

function formatTimestamp(lang: Lang, value: string | null): string {
  if (!value) return "–";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Copenhagen" }).format(date);
}

export default function Connections() {
  const { page, run, alreadyActive, examples } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT(TEXTS);
  const lang = useLang();
  const busy = navigation.state === "submitting";
  const shownRun = run ? page.runs.find((r) => r.id === run) : undefined;
  const editing = actionData?.kind === "saveError" ? page.connections.find((c) => c.name === actionData.name) : undefined;
  const anyActive = page.runs.some((r) => r.active);
  const revalidator = useRevalidator();
  useEffect(() => {
    // With JavaScript: ask the server again every few seconds while a run is queued or running.
    if (!anyActive) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2_000);
    return () => clearInterval(timer);
  }, [anyActive, revalidator]);
  const outcomeClass = (outcome: string) => (outcome === "failed" || outcome === "lost" ? "red" : outcome === "accepted" ? "green" : outcome === "queued" || outcome === "running" ? "amber" : "none");
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {busy ? <p className="notice" role="status">{t.working}</p> : null}
      {actionData?.kind === "invalid" ? <p className="notice bad" role="alert">{t.invalid}</p> : null}
      {actionData?.kind === "test" ? (
        <p className={`notice ${actionData.ok ? "" : "bad"}`} role={actionData.ok ? "status" : "alert"}>
          <strong>{actionData.name}: {actionData.ok ? t.testOk : t.testBad}</strong> {actionData.message}
        </p>
      ) : null}
      {actionData?.kind === "syncError" ? <p className="notice bad" role="alert"><strong>{actionData.name}: {t.syncError}</strong> {actionData.message}</p> : null}
      {shownRun ? (
        <section className={`card notice ${shownRun.outcome === "failed" || shownRun.outcome === "lost" ? "bad" : ""}`} aria-labelledby="run-result" role={shownRun.outcome === "failed" ? "alert" : "status"}>
          <h2 id="run-result">{t.runResult}: {shownRun.name}</h2>
          {alreadyActive ? <p>{t.alreadyActive}</p> : null}
          <p><span className={`status status-${outcomeClass(shownRun.outcome)}`}>{t.outcomes[shownRun.outcome]}</span>{" "}
            {shownRun.active ? <>{t.since} {formatTimestamp(lang, shownRun.at)}</> : <>{t.read}: {formatInt(lang, shownRun.rowsRead)} · {t.changed}: {formatInt(lang, shownRun.rowsChanged)}</>}</p>
          {shownRun.active ? <p>{t.activeNote} <Link to={`/admin/connections?run=${shownRun.id}`} reloadDocument>{t.refresh}</Link></p> : null}
          {shownRun.problem ? <p>{t.problem}: {shownRun.problem}</p> : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="list">
        <h2 id="list" className="sr-only">{t.title}</h2>
        {page.connections.length === 0 ? <p className="empty">{t.none}</p> : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t.title}>
            <table>
              <thead>
                <tr><th scope="col">{t.name}</th><th scope="col">{t.source}</th><th scope="col">{t.state}</th><th scope="col">{t.lastSuccess}</th><th scope="col">{t.lastRun}</th><th scope="col">{t.actions}</th></tr>
              </thead>
              <tbody>
                {page.connections.map((c) => (
                  <tr key={c.name}>
                    <th scope="row"><code>{c.name}</code></th>
                    <td>{SOURCE_LABELS[lang][c.source]}</td>
                    <td>{c.enabled ? t.enabled : t.disabled} · {c.scheduled ? t.scheduled : t.manual}</td>
                    <td>{c.lastSuccessAt ? formatTimestamp(lang, c.lastSuccessAt) : t.never}</td>
                    <td>{c.lastRun ? <>{t.outcomes[c.lastRun.outcome]} {formatTimestamp(lang, c.lastRun.at)}{c.lastRun.problem ? <><br /><span className="small">{c.lastRun.problem}</span></> : null}</> : "–"}</td>
                    <td>
                      <Form method="post" className="inline-actions">
                        <input type="hidden" name="name" value={c.name} />
                        <button type="submit" name="intent" value="test" disabled={busy}>{t.test}</button>{" "}
                        <button type="submit" name="intent" value="sync" disabled={busy || !c.enabled || c.active}>{t.sync}</button>{" "}
                        <input type="hidden" name="full" value="" />
                      </Form>
                      <Form method="post" className="inline-actions">
                        <input type="hidden" name="name" value={c.name} />
                        <input type="hidden" name="full" value="1" />
                        <button type="submit" name="intent" value="sync" disabled={busy || !c.enabled || c.active}>{t.full}</button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="runs">
        <h2 id="runs">{t.runs}</h2>
        {page.runs.length === 0 ? <p className="empty">{t.noRuns}</p> : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t.runs}>
            <table>
              <thead>
                <tr><th scope="col">{t.when}</th><th scope="col">{t.name}</th><th scope="col">{t.mode}</th><th scope="col">{t.who}</th><th scope="col">{t.lastRun}</th>
                  <th scope="col" className="num">{t.read}</th><th scope="col" className="num">{t.changed}</th><th scope="col">{t.problem}</th></tr>
              </thead>
              <tbody>
                {page.runs.map((r) => (
                  <tr key={r.id}>
                    <td>{formatTimestamp(lang, r.at)}</td><td><code>{r.name}</code></td><td>{r.full ? t.fullMode : t.incremental}</td><td>{r.actor ?? "–"}</td>
                    <td><span className={`status status-${outcomeClass(r.outcome)}`}>{t.outcomes[r.outcome]}</span></td><td className="num">{formatInt(lang, r.rowsRead)}</td><td className="num">{formatInt(lang, r.rowsChanged)}</td><td className="small">{r.problem ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card stack" aria-labelledby="add">
        <h2 id="add">{t.add}</h2>
        {actionData?.kind === "saveError" ? (
          <p className="notice bad" role="alert">{t.saveError} {t.fields[actionData.field]} {actionData.field === "settings" ? actionData.message : ""}</p>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="save" />
          <p>
            <label htmlFor="c-name">{t.name}</label><br />
            <input id="c-name" name="name" required maxLength={40} pattern="[a-z0-9][a-z0-9_\-]*" aria-describedby="c-name-help" defaultValue={actionData?.kind === "saveError" ? actionData.name : ""} />
            <br /><span id="c-name-help" className="small muted">{t.nameHelp}</span>
          </p>
          <p>
            <label htmlFor="c-source">{t.source}</label><br />
            <select id="c-source" name="source" defaultValue={editing?.source ?? "os2mo"}>
              {CONNECTION_SOURCES.map((s) => <option key={s} value={s}>{SOURCE_LABELS[lang][s]}</option>)}
            </select>
          </p>
          <p>
            <label htmlFor="c-settings">{t.settings}</label><br />
            <textarea id="c-settings" name="settings" rows={10} cols={80} spellCheck={false} aria-describedby="c-settings-help" defaultValue={editing?.settings ?? JSON.stringify(examples.os2mo, null, 2)} />
          </p>
          <p><label><input type="checkbox" name="enabled" defaultChecked /> {t.enabledLabel}</label>{" "}
            <label><input type="checkbox" name="scheduled" defaultChecked /> {t.scheduledLabel}</label></p>
          <p><button type="submit" disabled={busy}>{t.save}</button></p>
        </Form>
        <div id="c-settings-help" className="small">
          <p>{t.settingsHelp}</p>
          {CONNECTION_SOURCES.map((s) => (
            <details key={s}><summary>{SOURCE_LABELS[lang][s]}</summary><pre tabIndex={0}>{JSON.stringify(examples[s], null, 2)}</pre></details>
          ))}
        </div>
        <h3>{t.secrets}</h3>
        <ul>
          {Object.entries(page.secrets).map(([k, v]) => <li key={k}><code>{k}</code>: {v ? t.set : t.missing}</li>)}
        </ul>
        {page.connections.length ? (
          <details><summary>{t.edit}</summary>
            {page.connections.map((c) => <div key={c.name}><h4><code>{c.name}</code> · {SOURCE_LABELS[lang][c.source]}</h4><pre tabIndex={0}>{c.settings}</pre></div>)}
          </details>
        ) : null}
      </section>
    </>
  );
}
