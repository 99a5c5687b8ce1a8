// Upload page for administrators and HR: pick a kind and a file, see the result (accepted with
// counts, or every row error), and the import history below. Works as a plain form without
// JavaScript; with it, large uploads show their progress.
import { useState, type FormEvent } from "react";
import { type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import importsCss from "~/styles/imports.css";
import { type ImportKind } from "~/lib/imports.server";
import { formatDate, formatInt, formatNumber, useLang, useT, type Lang } from "~/lib/i18n";
import { ScrollRegion } from "~/lib/scroll-region";
import type { loader } from "./imports.server";

export { loader, action } from "./imports.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: importsCss }];

export const meta: MetaFunction = () => [{ title: "Import · Arbejdsmiljø og belastning" }];

const KIND_LABELS: Record<Lang, Record<ImportKind, string>> = {
  da: {
    units: "Enheder (organisationstræet)",
    employments: "Ansættelser (HR-udtræk)",
    competences: "Kompetencer (specialiserede sagstyper)",
    "case-periods": "Sagsforløb (sagssystemets udtræk)",
    "survey-results": "Trivselsmåling (resultater pr. enhed)",
  },
  en: {
    units: "Units (the organisation tree)",
    employments: "Employments (HR export)",
    competences: "Competences (specialised case types)",
    "case-periods": "Case periods (case-system export)",
    "survey-results": "Wellbeing survey (results per unit)",
  },
};

const TEXTS = {
  da: {
    title: "Import af data",
    intro: "Vælg filtype og en CSV- eller Excel-fil (.xlsx, første ark, første række er overskrifter). Én fil er én samlet indlæsning: er blot én række forkert, gemmes intet, og du får alle fejl at se.",
    kind: "Filtype", file: "Fil (.csv eller .xlsx)", submit: "Importér", columns: "Kolonner (* = krævet)",
    limit: (mb: string) => `Højst ${mb} MB.`,
    uploading: "Sender filen…", processing: "Filen kontrolleres og indlæses…",
    uploadFailed: "Filen kunne ikke sendes. Prøv igen; er filen meget stor, så tjek grænsen ovenfor.",
    tooLargeClient: (mb: string) => `Filen er større end grænsen på ${mb} MB.`,
    problems: {
      tooLarge: "Filen er større end den tilladte grænse og blev ikke indlæst.",
      noFile: "Vælg en fil.",
      badKind: "Vælg en filtype.",
    } as Record<string, string>,
    result: "Resultat", accepted: "✓ Godkendt", rejected: "✗ Afvist", unchanged: "= Uændret",
    acceptedText: (rows: string, changed: string) => `${rows} rækker læst; ${changed} rækker i databasen er ændret. Berørte enheder genberegnes.`,
    unchangedText: (rows: string) => `${rows} rækker læst; databasen indeholdt allerede præcis dette, så intet er ændret.`,
    rejectedText: (n: string) => `Filen blev afvist, og intet er gemt. ${n} fejl:`,
    moreErrors: (n: string) => `… og ${n} fejl mere (kun de første 200 vises).`,
    warnings: "Bemærkninger",
    row: "Række", column: "Kolonne", value: "Værdi", reason: "Årsag", wholeFile: "hele filen",
    affected: (units: string, from: string, to: string) => `Berørte enheder (inkl. overordnede): ${units}; periode ${from} – ${to}.`,
    history: "Importhistorik", when: "Tidspunkt", who: "Hvem", kindCol: "Type", fileCol: "Fil", outcome: "Udfald",
    rows: "Rækker", changed: "Ændret", errors: "Fejl", duration: "Varighed", details: "Vis",
    noHistory: "Der er ikke importeret noget endnu.", previous: "← Nyere", next: "Ældre →",
    pageOf: (p: number, n: number) => `Side ${p} af ${n}`, notFound: "Importen findes ikke.",
  },
  en: {
    title: "Data import",
    intro: "Choose the kind and a CSV or Excel file (.xlsx, first sheet, first row = headers). One file is one load: if a single row is wrong nothing is saved, and you see every error.",
    kind: "Kind", file: "File (.csv or .xlsx)", submit: "Import", columns: "Columns (* = required)",
    limit: (mb: string) => `At most ${mb} MB.`,
    uploading: "Uploading…", processing: "Checking and loading the file…",
    uploadFailed: "The file could not be sent. Try again; if it is very large, check the limit above.",
    tooLargeClient: (mb: string) => `The file is larger than the ${mb} MB limit.`,
    problems: {
      tooLarge: "The file is larger than the allowed limit and was not loaded.",
      noFile: "Choose a file.",
      badKind: "Choose a kind.",
    } as Record<string, string>,
    result: "Result", accepted: "✓ Accepted", rejected: "✗ Rejected", unchanged: "= Unchanged",
    acceptedText: (rows: string, changed: string) => `${rows} rows read; ${changed} database rows changed. Affected units will be recomputed.`,
    unchangedText: (rows: string) => `${rows} rows read; the database already held exactly this, so nothing changed.`,
    rejectedText: (n: string) => `The file was rejected and nothing was saved. ${n} errors:`,
    moreErrors: (n: string) => `… and ${n} more errors (only the first 200 are shown).`,
    warnings: "Notes",
    row: "Row", column: "Column", value: "Value", reason: "Reason", wholeFile: "whole file",
    affected: (units: string, from: string, to: string) => `Affected units (incl. ancestors): ${units}; period ${from} – ${to}.`,
    history: "Import history", when: "When", who: "Who", kindCol: "Kind", fileCol: "File", outcome: "Outcome",
    rows: "Rows", changed: "Changed", errors: "Errors", duration: "Duration", details: "Show",
    noHistory: "Nothing has been imported yet.", previous: "← Newer", next: "Older →",
    pageOf: (p: number, n: number) => `Page ${p} of ${n}`, notFound: "No such import.",
  },
};

function formatTimestamp(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    dateStyle: "short", timeStyle: "short", timeZone: "Europe/Copenhagen",
  }).format(new Date(iso));
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** Sends the form by XMLHttpRequest to show upload progress; without JS the form posts itself. */
function UploadForm({ data }: { data: Data }) {
  const t = useT(TEXTS);
  const lang = useLang();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [kind, setKind] = useState<ImportKind>(data.kind ?? "units");
  const [progress, setProgress] = useState<{ phase: "uploading" | "processing"; percent: number } | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const limitMb = formatNumber(lang, data.limitBytes / 1024 / 1024, 0);
  const busy = progress !== null || navigation.state === "submitting";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (!file || typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    setClientError(null);
    if (file.size > data.limitBytes) {
      setClientError(t.tooLargeClient(limitMb));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress({ phase: "uploading", percent: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.upload.onload = () => setProgress({ phase: "processing", percent: 100 });
    xhr.onload = () => {
      setProgress(null);
      // The action always answers with a redirect; XHR followed it, so responseURL is the result page.
      const target = new URL(xhr.responseURL || window.location.href);
      navigate(`${target.pathname}${target.search}`, { replace: false });
    };
    xhr.onerror = () => {
      setProgress(null);
      setClientError(t.uploadFailed);
    };
    setProgress({ phase: "uploading", percent: 0 });
    xhr.send(new FormData(form));
  }

  return (
    <Form method="post" encType="multipart/form-data" className="import-form" onSubmit={onSubmit}>
      <label>
        {t.kind}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} required>
          {IMPORT_KIND_ORDER.map((k) => <option key={k} value={k}>{KIND_LABELS[lang][k]}</option>)}
        </select>
      </label>
      <details>
        <summary>{t.columns}</summary>
        <ul className="import-columns small">
          {data.kinds[kind].map((c) => <li key={c.name} className={c.required ? "required" : undefined}><code>{c.name}</code></li>)}
        </ul>
      </details>
      <label>
        {t.file}
        <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        <span className="muted small">{t.limit(limitMb)}</span>
      </label>
      <div>
        <button type="submit" className="primary" disabled={busy}>{t.submit}</button>
      </div>
      {progress ? (
        <div className="import-progress" role="status" aria-live="polite">
          {progress.phase === "uploading" ? (
            <>
              <span>{t.uploading} {progress.percent} %</span>
              <progress max={100} value={progress.percent}>{progress.percent} %</progress>
            </>
          ) : (
            <>
              <span>{t.processing}</span>
              <progress />
            </>
          )}
        </div>
      ) : null}
      {clientError ? <p className="notice bad" role="alert">{clientError}</p> : null}
    </Form>
  );
}

const IMPORT_KIND_ORDER: ImportKind[] = ["units", "employments", "competences", "case-periods", "survey-results"];

function Result({ detail }: { detail: NonNullable<Data["detail"]> }) {
  const t = useT(TEXTS);
  const lang = useLang();
  const n = (v: number) => formatInt(lang, v);
  return (
    <section className={`card import-outcome-${detail.outcome}`} aria-labelledby="result" tabIndex={-1}>
      <h2 id="result">
        {t.result}: <span className={`status status-${detail.outcome === "accepted" ? "green" : detail.outcome === "rejected" ? "red" : "none"}`}>{t[detail.outcome]}</span>
      </h2>
      <p className="muted small">{KIND_LABELS[lang][detail.kind]} · <strong>{detail.fileName}</strong> · {formatTimestamp(lang, detail.at)} · {detail.who}</p>
      {detail.outcome === "accepted" ? (
        <>
          <p>{t.acceptedText(n(detail.rowsTotal), n(detail.rowsChanged))}</p>
          <p className="small muted">{t.affected(n(detail.affectedUnits), formatDate(lang, detail.affectedFrom), formatDate(lang, detail.affectedTo))}</p>
        </>
      ) : null}
      {detail.outcome === "unchanged" ? <p>{t.unchangedText(n(detail.rowsTotal))}</p> : null}
      {detail.warnings.length ? (
        <div className="notice warn">
          <strong>{t.warnings}</strong>
          <ul>{detail.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
        </div>
      ) : null}
      {detail.outcome === "rejected" ? (
        <>
          <p>{t.rejectedText(n(detail.errorCount))}</p>
          <ScrollRegion labelledBy="result">
            <table className="import-errors">
              <thead>
                <tr><th scope="col" className="num">{t.row}</th><th scope="col">{t.column}</th><th scope="col">{t.value}</th><th scope="col">{t.reason}</th></tr>
              </thead>
              <tbody>
                {detail.errors.map((e, i) => (
                  <tr key={i}>
                    <td className="num">{e.row ?? "–"}</td>
                    <td>{e.column ? <code>{e.column}</code> : <span className="muted">{t.wholeFile}</span>}</td>
                    <td className="value">{e.value ?? ""}</td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {detail.moreErrors > 0 ? <p className="muted">{t.moreErrors(n(detail.moreErrors))}</p> : null}
          {detail.headerMismatch ? (
            <p className="notice">{lang === "da" ? "Har filen sine egne kolonnenavne? " : "Does the file have column names of its own? "}
              <Link to={`/imports/mapping?kind=${detail.kind}`}>{lang === "da" ? "Tilknyt filens kolonner til felterne og importér" : "Map the file's columns to the fields and import"}</Link></p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export default function Imports() {
  const data = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  const lang = useLang();
  const { history } = data;
  return (
    <>
      <h1>{t.title}</h1>
      <section className="card stack" aria-labelledby="upload">
        <h2 id="upload" className="sr-only">{t.submit}</h2>
        <p>{t.intro}</p>
        <p className="small">{lang === "da" ? "Har filen sine egne kolonnenavne? " : "Does the file have column names of its own? "}<Link to="/imports/mapping">{lang === "da" ? "Import med kolonnetilknytning" : "Import by column mapping"}</Link></p>
        {data.problem ? <p className="notice bad" role="alert">{t.problems[data.problem]}</p> : null}
        <UploadForm data={data} />
      </section>
      {data.detail ? <Result detail={data.detail} /> : null}
      {data.showMissing ? <p className="notice">{t.notFound}</p> : null}
      <section className="card" aria-labelledby="history">
        <h2 id="history">{t.history}</h2>
        {history.rows.length === 0 ? <p className="empty">{t.noHistory}</p> : (
          <>
            <ScrollRegion labelledBy="history">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.when}</th><th scope="col">{t.who}</th><th scope="col">{t.kindCol}</th><th scope="col">{t.fileCol}</th>
                    <th scope="col">{t.outcome}</th><th scope="col" className="num">{t.rows}</th><th scope="col" className="num">{t.changed}</th>
                    <th scope="col" className="num">{t.errors}</th><th scope="col" className="num">{t.duration}</th><th scope="col"><span className="sr-only">{t.details}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {history.rows.map((r) => (
                    <tr key={r.id}>
                      <td>{formatTimestamp(lang, r.at)}</td>
                      <td>{r.who}</td>
                      <td>{KIND_LABELS[lang][r.kind].split(" (")[0]}</td>
                      <td>{r.fileName}</td>
                      <td><span className={`status status-${r.outcome === "accepted" ? "green" : r.outcome === "rejected" ? "red" : "none"}`}>{t[r.outcome]}</span></td>
                      <td className="num">{formatInt(lang, r.rowsTotal)}</td>
                      <td className="num">{formatInt(lang, r.rowsChanged)}</td>
                      <td className="num">{formatInt(lang, r.errorCount)}</td>
                      <td className="num">{r.durationMs === null ? "–" : `${formatNumber(lang, r.durationMs / 1000, 1)} s`}</td>
                      <td><Link to={`?show=${r.id}&page=${history.page}`}>{t.details}<span className="sr-only"> #{r.id}</span></Link></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <nav className="pager" aria-label={t.history}>
              {history.page > 1 ? <Link to={`?page=${history.page - 1}`}>{t.previous}</Link> : null}
              <span className="muted">{t.pageOf(history.page, history.pages)}</span>
              {history.page < history.pages ? <Link to={`?page=${history.page + 1}`}>{t.next}</Link> : null}
            </nav>
          </>
        )}
      </section>
    </>
  );
}
