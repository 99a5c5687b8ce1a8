// /admin/audit: the append-only trail of every write, each event in words, filtered by who, what
// kind of thing, unit (subtree), action plan and date range (a GET form), paged, and exported.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import adminCss from "~/styles/admin.css";
import opsCss from "~/styles/ops.css";
import { formatInt, useLang, useT, type Lang } from "~/lib/i18n";
import type { loader } from "./admin.audit.server";

export { loader } from "./admin.audit.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminCss }, { rel: "stylesheet", href: opsCss }];

export const meta: MetaFunction = () => [{ title: "Revisionsspor · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Revisionsspor", intro: "Hver ændring i systemet: hvem, hvornår og hvad. Sporet kan ikke ændres eller slettes.",
    unit: "Enhed (med underenheder)", unitCol: "Enhed", user: "Hvem", from: "Fra dato", to: "Til dato", all: "– alle –", filter: "Filtrér", reset: "Nulstil",
    kind: "Hvad", plan: "Handleplan", when: "Tidspunkt", what: "Hændelse", details: "Detaljer (før → efter)", technical: "Teknisk",
    none: "Ingen ændringer matcher filteret.", count: (n: string) => `${n} ${n === "1" ? "ændring" : "ændringer"}`,
    page: (p: number, of: number) => `Side ${p} af ${of}`, prev: "Forrige", next: "Næste",
    exportCsv: "Hent som CSV", exportXlsx: "Hent som Excel", exportNote: "Eksporten følger filteret (højst 100.000 hændelser).",
  },
  en: {
    title: "Audit trail", intro: "Every change in the system: who, when and what. The trail cannot be changed or deleted.",
    unit: "Unit (with sub-units)", unitCol: "Unit", user: "Who", from: "From date", to: "To date", all: "– all –", filter: "Filter", reset: "Reset",
    kind: "What", plan: "Action plan", when: "Time", what: "Event", details: "Details (before → after)", technical: "Technical",
    none: "No changes match the filter.", count: (n: string) => `${n} ${n === "1" ? "change" : "changes"}`,
    page: (p: number, of: number) => `Page ${p} of ${of}`, prev: "Previous", next: "Next",
    exportCsv: "Download as CSV", exportXlsx: "Download as Excel", exportNote: "The export follows the filter (at most 100,000 events).",
  },
};

/** Timestamps in Copenhagen time, whatever the server's or the browser's zone (no hydration drift). */
function formatTimestamp(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    timeZone: "Europe/Copenhagen", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).format(new Date(iso));
}

export default function AdminAudit() {
  const { rows, total, page, pageCount, users, units, kinds, plans } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const lang = useLang();
  const t = useT(TEXTS);
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return next.toString();
  };
  const pageLink = (p: number) => `?${withParams({ page: String(p) })}`;
  const exportLink = (format: "csv" | "xlsx") => `/admin/audit/export?${withParams({ page: null, format })}`;

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <Form method="get" className="card filters no-print" aria-label={t.filter}>
        <label>
          {t.user}
          <select name="userId" defaultValue={params.get("userId") ?? ""}>
            <option value="">{t.all}</option>
            {users.map((u) => <option key={u.id} value={u.id}>{`${u.displayName} (${u.email})`}</option>)}
          </select>
        </label>
        <label>
          {t.kind}
          <select name="entity" defaultValue={params.get("entity") ?? ""}>
            <option value="">{t.all}</option>
            {kinds.map((k) => <option key={k.key} value={k.key}>{k.label}</option>)}
          </select>
        </label>
        <label>
          {t.unit}
          <select name="unitId" defaultValue={params.get("unitId") ?? ""}>
            <option value="">{t.all}</option>
            {units.map((u) => <option key={u.id} value={u.id}>{`${"\u00a0\u00a0".repeat(u.depth)}${u.name} (${u.code})`}</option>)}
          </select>
        </label>
        <label>
          {t.plan}
          <select name="planId" defaultValue={params.get("planId") ?? ""}>
            <option value="">{t.all}</option>
            {plans.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
          </select>
        </label>
        <label>{t.from}<input type="date" name="from" defaultValue={params.get("from") ?? ""} /></label>
        <label>{t.to}<input type="date" name="to" defaultValue={params.get("to") ?? ""} /></label>
        <button type="submit" className="primary">{t.filter}</button>
        <Link to="/admin/audit">{t.reset}</Link>
      </Form>

      <div className="export-row no-print">
        <span className="muted" role="status">{t.count(formatInt(lang, total))}</span>
        <a href={exportLink("csv")} download>{t.exportCsv}</a>
        <a href={exportLink("xlsx")} download>{t.exportXlsx}</a>
        <span className="small muted">{t.exportNote}</span>
      </div>
      {rows.length === 0 ? <p className="empty">{t.none}</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t.title}>
          <table>
            <thead><tr><th scope="col">{t.when}</th><th scope="col">{t.what}</th><th scope="col">{t.unitCol}</th><th scope="col">{t.details}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatTimestamp(lang, r.at)}</td>
                  <td className="audit-sentence">{r.sentence}<br /><span className="small muted">{r.entityLabel}</span></td>
                  <td>{r.unitName ?? "–"}</td>
                  <td>
                    <details>
                      <summary>{r.changes.length === 0 ? t.technical : `${r.changes.length} ${lang === "da" ? "felter" : "fields"}`}</summary>
                      <p className="small muted"><code>{`${r.entity}${r.entityId ? ` #${r.entityId}` : ""} · ${r.action}`}</code></p>
                      {r.changes.length === 0 ? null : (
                        <ul className="audit-change">
                          {r.changes.map((c) => (
                            <li key={c.key}>{c.key ? <span className="key">{c.key}: </span> : null}{`${c.before} → ${c.after}`}</li>
                          ))}
                        </ul>
                      )}
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav className="pager no-print" aria-label={t.page(page, pageCount)}>
          {page > 1 ? <Link to={pageLink(page - 1)} rel="prev">{`← ${t.prev}`}</Link> : null}
          <span>{t.page(page, pageCount)}</span>
          {page < pageCount ? <Link to={pageLink(page + 1)} rel="next">{`${t.next} →`}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
