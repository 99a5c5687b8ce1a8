// Drill-down from a departure count: the departures behind it (date, unit, role, kind, reason).
// Names only where the viewer may see them (view_departure_names on the unit the person left).
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { roleLabel } from "~/lib/role-labels";
import turnoverCss from "~/styles/turnover.css";
import { formatDate, useLang, useT } from "~/lib/i18n";
import { DownloadLinks, queryWithout } from "~/lib/downloads-ui";
import { ScrollRegion } from "~/lib/scroll-region";
import type { loader } from "./turnover.departures.server";

export { loader } from "./turnover.departures.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: turnoverCss }];

export const meta: MetaFunction = () => [{ title: "Fratrædelser · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Fratrædelser", back: "Tilbage til personaleomsætning",
    kinds: { all: "Alle fratrædelser", external: "Eksterne fratrædelser", internal: "Interne overflytninger ud", voluntary: "Frivillige fratrædelser" },
    populations: { staff: "medarbejdere", manager: "ledere (fra lederrollen)" },
    count: (n: number) => `${n} ${n === 1 ? "fratrædelse" : "fratrædelser"}`,
    cols: { date: "Sidste dag", unit: "Enhed", role: "Rolle", kind: "Art", voluntary: "Frivillig", reason: "Årsag", name: "Navn" },
    external: "Ekstern", internal: "Intern overflytning", yes: "Ja", no: "Nej", empty: "Ingen fratrædelser i perioden.",
    hidden: "Navne vises kun for personens egne ledere.",
    reasons: { resignation: "Egen opsigelse", dismissal: "Afskedigelse", retirement: "Pension", fixed_term_end: "Tidsbegrænset ansættelse udløbet", internal_transfer: "Intern overflytning", other: "Andet" } as Record<string, string>,
  },
  en: {
    title: "Departures", back: "Back to staff turnover",
    kinds: { all: "All departures", external: "External departures", internal: "Internal transfers out", voluntary: "Voluntary departures" },
    populations: { staff: "staff", manager: "managers (from the manager role)" },
    count: (n: number) => `${n} ${n === 1 ? "departure" : "departures"}`,
    cols: { date: "Last day", unit: "Unit", role: "Role", kind: "Kind", voluntary: "Voluntary", reason: "Reason", name: "Name" },
    external: "External", internal: "Internal transfer", yes: "Yes", no: "No", empty: "No departures in the period.",
    hidden: "Names are shown only to the person's own managers.",
    reasons: { resignation: "Resignation", dismissal: "Dismissal", retirement: "Retirement", fixed_term_end: "Fixed term ended", internal_transfer: "Internal transfer", other: "Other" } as Record<string, string>,
  },
};

export default function Departures() {
  const data = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  const location = useLocation();
  const lang = useLang();
  return (
    <>
      <p className="no-print"><Link to={`/turnover?${data.back}`}>← {t.back}</Link></p>
      <h1>{t.title}: {data.unit.name}</h1>
      <p>{t.kinds[data.kind]}, {t.populations[data.population]}, {formatDate(lang, data.from)} – {formatDate(lang, data.to)}: <strong>{t.count(data.rows.length)}</strong></p>
      {data.rows.length === 0 ? <p className="empty">{t.empty}</p> : (
        <ScrollRegion className="card">
          <table className="departures-table">
            <thead>
              <tr>
                <th scope="col">{t.cols.date}</th><th scope="col">{t.cols.unit}</th><th scope="col">{t.cols.role}</th>
                <th scope="col">{t.cols.kind}</th><th scope="col">{t.cols.voluntary}</th><th scope="col">{t.cols.reason}</th>
                {data.namesShown ? <th scope="col">{t.cols.name}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r, i) => (
                <tr key={`${r.date}-${r.fromUnitId}-${i}`}>
                  <td>{formatDate(lang, r.date)}</td>
                  <td>{r.fromUnitName ?? "–"}</td>
                  <td>{roleLabel(lang, r.role)}</td>
                  <td>{r.kind === "internal" ? t.internal : t.external}</td>
                  <td>{r.voluntary ? t.yes : t.no}</td>
                  <td>{r.endReason ? t.reasons[r.endReason] ?? r.endReason : "–"}</td>
                  {data.namesShown ? <td>{r.employeeId ? r.displayName ?? r.employeeId : "–"}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {data.anyHidden ? <p className="small muted">{t.hidden}</p> : null}
      {data.rows.length > 0 ? <DownloadLinks path="/downloads/departures" query={queryWithout(location.search)} /> : null}
    </>
  );
}
