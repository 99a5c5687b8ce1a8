// /admin/audit: the append-only trail of every write, filtered by unit, user and date.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import adminCss from "~/styles/admin.css";
import { getDb } from "~/lib/db.server";
import { requireCapability } from "~/lib/guard.server";
import { auditUserOptions, changedFields, grantPickers, listAudit, parseAuditFilter } from "~/lib/admin.server";
import { formatInt, useLang, useT, type Lang } from "~/lib/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminCss }];
export const meta: MetaFunction = () => [{ title: "Revisionsspor · Arbejdsmiljø og belastning" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "view_audit");
  const filter = parseAuditFilter(new URL(request.url).searchParams);
  if (!filter.success) throw new Response("Ugyldigt filter", { status: 400 });
  const db = getDb();
  const [result, users, pickers] = await Promise.all([listAudit(db, filter.data), auditUserOptions(db), grantPickers(db)]);
  return {
    ...result,
    rows: result.rows.map((r) => ({ ...r, changes: changedFields(r.before, r.after) })),
    users,
    units: pickers.units,
  };
}

const TEXTS = {
  da: {
    title: "Revisionsspor", intro: "Hver ændring i systemet: hvem, hvornår, hvad og værdierne før og efter. Sporet kan ikke ændres eller slettes.",
    unit: "Enhed (med underenheder)", unitCol: "Enhed", user: "Bruger", from: "Fra dato", to: "Til dato", all: "– alle –", filter: "Filtrér", reset: "Nulstil",
    when: "Tidspunkt", who: "Hvem", action: "Handling", entity: "Hvad", change: "Ændring (før → efter)",
    none: "Ingen ændringer matcher filteret.", count: (n: string) => `${n} ændringer`,
    page: (p: number, of: number) => `Side ${p} af ${of}`, prev: "Forrige", next: "Næste", deleted: "slettet bruger",
  },
  en: {
    title: "Audit trail", intro: "Every change in the system: who, when, what, and the values before and after. The trail cannot be changed or deleted.",
    unit: "Unit (with sub-units)", unitCol: "Unit", user: "User", from: "From date", to: "To date", all: "– all –", filter: "Filter", reset: "Reset",
    when: "Time", who: "Who", action: "Action", entity: "What", change: "Change (before → after)",
    none: "No changes match the filter.", count: (n: string) => `${n} changes`,
    page: (p: number, of: number) => `Page ${p} of ${of}`, prev: "Previous", next: "Next", deleted: "deleted user",
  },
};

/** Timestamps in Copenhagen time, whatever the server's or the browser's zone (no hydration drift). */
function formatTimestamp(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    timeZone: "Europe/Copenhagen", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).format(new Date(iso));
}

export default function AdminAudit() {
  const { rows, total, page, pageCount, users, units } = useLoaderData<typeof loader>();
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
      <p className="muted">{t.intro}</p>
      <Form method="get" className="card row no-print" aria-label={t.filter}>
        <label>
          {t.unit}
          <select name="unitId" defaultValue={params.get("unitId") ?? ""}>
            <option value="">{t.all}</option>
            {units.map((u) => <option key={u.id} value={u.id}>{`${"\u00a0\u00a0".repeat(u.depth)}${u.name} (${u.code})`}</option>)}
          </select>
        </label>
        <label>
          {t.user}
          <select name="userId" defaultValue={params.get("userId") ?? ""}>
            <option value="">{t.all}</option>
            {users.map((u) => <option key={u.id} value={u.id}>{`${u.displayName} (${u.email})`}</option>)}
          </select>
        </label>
        <label>{t.from}<input type="date" name="from" defaultValue={params.get("from") ?? ""} /></label>
        <label>{t.to}<input type="date" name="to" defaultValue={params.get("to") ?? ""} /></label>
        <button type="submit" className="primary">{t.filter}</button>
        <Link to="/admin/audit">{t.reset}</Link>
      </Form>

      <p className="muted" role="status">{t.count(formatInt(lang, total))}</p>
      {rows.length === 0 ? <p className="empty">{t.none}</p> : (
        <div className="table-wrap">
          <table>
            <thead><tr><th>{t.when}</th><th>{t.who}</th><th>{t.action}</th><th>{t.entity}</th><th>{t.unitCol}</th><th>{t.change}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatTimestamp(lang, r.at)}</td>
                  <td>{r.userName ?? r.actor ?? (r.userId === null ? "–" : t.deleted)}</td>
                  <td>{r.action}</td>
                  <td>{r.entityId ? `${r.entity} #${r.entityId}` : r.entity}</td>
                  <td>{r.unitName ?? "–"}</td>
                  <td>
                    {r.changes.length === 0 ? "–" : (
                      <ul className="audit-change">
                        {r.changes.map((c) => (
                          <li key={c.key}>{c.key ? <span className="key">{c.key}: </span> : null}{`${c.before} → ${c.after}`}</li>
                        ))}
                      </ul>
                    )}
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
