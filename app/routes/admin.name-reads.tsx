// /admin/name-reads: who read named per-person figures (per-caseworker load, leavers' names, a
// person's data export), when and for which unit. Kept for NAME_READ_LOG_RETENTION_DAYS.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import adminCss from "~/styles/admin.css";
import { NAME_READ_KINDS } from "../../db/privacy/kinds";
import { formatInt, useLang, useT, type Lang } from "~/lib/i18n";
import type { loader } from "./admin.name-reads.server";

export { loader } from "./admin.name-reads.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminCss }];

export const meta: MetaFunction = () => [{ title: "Læsning af navne · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Læsning af navne",
    intro: (days: string) => `Hver gang en side eller et udtræk viste navngivne tal (belastning pr. sagsbehandler, navne på fratrådte, en persons data), står det her. Loggen gemmes i ${days} dage.`,
    user: "Bruger", kind: "Hvad", from: "Fra dato", to: "Til dato", all: "– alle –", filter: "Filtrér", reset: "Nulstil",
    when: "Tidspunkt", unit: "Enhed", subjects: "Navngivne personer", none: "Ingen læsninger matcher filteret.",
    kinds: { caseworker_load: "Belastning pr. sagsbehandler", departure_names: "Navne på fratrådte", person_export: "Persondata hentet" },
    prev: "Forrige", next: "Næste", page: (p: number) => `Side ${p}`, privacy: "Persondata (GDPR)",
  },
  en: {
    title: "Reading of names",
    intro: (days: string) => `Each time a page or export showed named figures (load per caseworker, names of leavers, a person's data), it is listed here. The log is kept for ${days} days.`,
    user: "User", kind: "What", from: "From date", to: "To date", all: "– all –", filter: "Filter", reset: "Reset",
    when: "Time", unit: "Unit", subjects: "Named people", none: "No reads match the filter.",
    kinds: { caseworker_load: "Load per caseworker", departure_names: "Names of leavers", person_export: "Personal data downloaded" },
    prev: "Previous", next: "Next", page: (p: number) => `Page ${p}`, privacy: "Personal data (GDPR)",
  },
};

function formatTimestamp(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    timeZone: "Europe/Copenhagen", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit",
  }).format(new Date(iso));
}

export default function AdminNameReads() {
  const { rows, hasMore, page, users, retentionDays } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const lang = useLang();
  const t = useT(TEXTS);
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next.toString()}`;
  };
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro(formatInt(lang, retentionDays))}</p>
      <p><Link to="/admin/privacy">{t.privacy}</Link></p>
      <Form method="get" className="card row" aria-label={t.filter}>
        <label>{t.user}
          <select name="userId" defaultValue={params.get("userId") ?? ""}>
            <option value="">{t.all}</option>
            {users.map((u) => <option key={u.id} value={u.id}>{`${u.displayName} (${u.email})`}</option>)}
          </select>
        </label>
        <label>{t.kind}
          <select name="kind" defaultValue={params.get("kind") ?? ""}>
            <option value="">{t.all}</option>
            {NAME_READ_KINDS.map((k) => <option key={k} value={k}>{t.kinds[k]}</option>)}
          </select>
        </label>
        <label>{t.from}<input type="date" name="from" defaultValue={params.get("from") ?? ""} /></label>
        <label>{t.to}<input type="date" name="to" defaultValue={params.get("to") ?? ""} /></label>
        <button type="submit" className="primary">{t.filter}</button>
        <Link to="/admin/name-reads">{t.reset}</Link>
      </Form>
      {rows.length === 0 ? <p className="empty" role="status">{t.none}</p> : (
        <div className="table-wrap" role="region" aria-label={t.title} tabIndex={0}>
          <table>
            <thead><tr><th scope="col">{t.when}</th><th scope="col">{t.user}</th><th scope="col">{t.kind}</th><th scope="col">{t.unit}</th><th scope="col" className="num">{t.subjects}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatTimestamp(lang, r.at)}</td>
                  <td>{r.userName ? `${r.userName} (${r.userEmail})` : "–"}</td>
                  <td>{t.kinds[r.kind]}</td>
                  <td>{r.unitName ? `${r.unitName} (${r.unitCode})` : "–"}</td>
                  <td className="num">{formatInt(lang, r.subjects)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page > 1 || hasMore ? (
        <nav className="pager" aria-label={t.page(page)}>
          {page > 1 ? <Link to={pageLink(page - 1)} rel="prev">{`← ${t.prev}`}</Link> : null}
          <span>{t.page(page)}</span>
          {hasMore ? <Link to={pageLink(page + 1)} rel="next">{`${t.next} →`}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
