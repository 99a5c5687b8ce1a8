// /admin/mail: the mail outbox. Every mail the product writes is here: sent over SMTP (with its
// attempts and last error when a delivery failed), waiting for a retry, or — without SMTP_URL —
// kept here to be read. ?id= shows one mail as its recipient gets it (text and HTML).
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import adminCss from "~/styles/admin.css";
import opsCss from "~/styles/ops.css";
import { MAIL_KIND_LABELS, type MailKind } from "../../domain/mail-kinds";
import { formatInt, useLang, useT, type Lang } from "~/lib/i18n";
import type { loader } from "./admin.mail.server";

export { loader, action } from "./admin.mail.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminCss }, { rel: "stylesheet", href: opsCss }];

export const meta: MetaFunction = () => [{ title: "Mails · Arbejdsmiljø og belastning" }];

const STATUSES = ["queued", "sent", "failed", "kept"] as const;

const TEXTS = {
  da: {
    title: "Mails", intro: "Alle mails, produktet har skrevet: påmindelser, eskaleringer og oversigter.",
    noSmtp: "Ingen SMTP-server er sat op (SMTP_URL): mails sendes ikke, men gemmes her, hvor de kan læses.",
    withSmtp: "Mails sendes over SMTP. Fejlede forsøg prøves igen med stigende ventetid (1, 2, 4, 8 minutter); efter 5 forsøg opgives mailen.",
    status: "Status", all: "– alle –", filter: "Vis", to: "Til", kind: "Slags", subject: "Emne", created: "Skrevet", sent: "Sendt",
    attempts: "Forsøg", error: "Seneste fejl", none: "Ingen mails endnu.", show: "Læs", count: (n: string) => `${n} mails`,
    statuses: { queued: "… I kø", sent: "✓ Sendt", failed: "✗ Opgivet", kept: "▣ Gemt (ikke sendt)" } as Record<string, string>,
    textPart: "Tekstudgave", htmlPart: "HTML-udgave", close: "Luk", requeue: "Prøv at sende igen", nextAttempt: "Næste forsøg",
    page: (p: number, of: number) => `Side ${p} af ${of}`, prev: "Forrige", next: "Næste",
  },
  en: {
    title: "Mail", intro: "Every mail the product has written: reminders, escalations and digests.",
    noSmtp: "No SMTP server is configured (SMTP_URL): mails are not sent but kept here, where they can be read.",
    withSmtp: "Mails are sent over SMTP. Failed attempts are retried with growing waits (1, 2, 4, 8 minutes); after 5 attempts a mail is given up.",
    status: "Status", all: "– all –", filter: "Show", to: "To", kind: "Kind", subject: "Subject", created: "Written", sent: "Sent",
    attempts: "Attempts", error: "Last error", none: "No mails yet.", show: "Read", count: (n: string) => `${n} mails`,
    statuses: { queued: "… Queued", sent: "✓ Sent", failed: "✗ Given up", kept: "▣ Kept (not sent)" } as Record<string, string>,
    textPart: "Text part", htmlPart: "HTML part", close: "Close", requeue: "Try sending again", nextAttempt: "Next attempt",
    page: (p: number, of: number) => `Page ${p} of ${of}`, prev: "Previous", next: "Next",
  },
};

function formatTimestamp(lang: Lang, value: string | null): string {
  if (!value) return "–";
  const date = new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Copenhagen" }).format(date);
}

const kindLabel = (lang: Lang, kind: string) => MAIL_KIND_LABELS[kind as MailKind]?.[lang] ?? kind;

export default function AdminMail() {
  const { rows, total, page, pageCount, counts, selected, smtp, mayRequeue } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const lang = useLang();
  const t = useT(TEXTS);
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next.toString()}`;
  };
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <p className="notice">{smtp ? t.withSmtp : t.noSmtp}</p>

      {selected ? (
        <section className="card stack" aria-labelledby="mail-subject">
          <h2 id="mail-subject">{selected.subject}</h2>
          <p className="small">
            {t.to}: {selected.toAddress} · {kindLabel(lang, selected.kind)} · {t.statuses[selected.status]} · {t.created} {formatTimestamp(lang, selected.createdAt)}
            {selected.sentAt ? ` · ${t.sent} ${formatTimestamp(lang, selected.sentAt)}` : ""} · {t.attempts}: {selected.attempts}
            {selected.status === "queued" && selected.attempts > 0 ? ` · ${t.nextAttempt} ${formatTimestamp(lang, selected.nextAttemptAt)}` : ""}
          </p>
          {selected.lastError ? <p className="notice bad">{t.error}: <code>{selected.lastError}</code></p> : null}
          {selected.status === "failed" && mayRequeue ? (
            <Form method="post">
              <input type="hidden" name="intent" value="requeue" />
              <input type="hidden" name="id" value={selected.id} />
              <button type="submit">{t.requeue}</button>
            </Form>
          ) : null}
          <h3>{t.htmlPart}</h3>
          {/* A sandboxed frame: the mail's own markup, no scripts, no access to this page. */}
          <iframe className="mail-preview" title={`${t.htmlPart}: ${selected.subject}`} sandbox="" srcDoc={selected.htmlBody} />
          <h3>{t.textPart}</h3>
          <pre className="mail-text" tabIndex={0} aria-label={t.textPart}>{selected.textBody}</pre>
          <p><Link to={link({ id: null })}>{t.close}</Link></p>
        </section>
      ) : null}

      <Form method="get" className="card filters no-print" aria-label={t.filter}>
        <label>
          {t.status}
          <select name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t.all}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{`${t.statuses[s]} (${formatInt(lang, counts[s] ?? 0)})`}</option>)}
          </select>
        </label>
        <button type="submit" className="primary">{t.filter}</button>
      </Form>
      <p className="muted" role="status">{t.count(formatInt(lang, total))}</p>
      {rows.length === 0 ? <p className="empty">{t.none}</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t.title}>
          <table>
            <thead>
              <tr><th scope="col">{t.created}</th><th scope="col">{t.to}</th><th scope="col">{t.kind}</th><th scope="col">{t.subject}</th>
                <th scope="col">{t.status}</th><th scope="col" className="num">{t.attempts}</th><th scope="col">{t.error}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatTimestamp(lang, r.createdAt)}</td>
                  <td>{r.toAddress}</td>
                  <td>{kindLabel(lang, r.kind)}</td>
                  <td><Link to={link({ id: String(r.id) })} aria-label={`${t.show}: ${r.subject}`}>{r.subject}</Link></td>
                  <td className="nowrap">{t.statuses[r.status]}</td>
                  <td className="num">{formatInt(lang, r.attempts)}</td>
                  <td><code className="small">{r.lastError ?? ""}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav className="pager no-print" aria-label={t.page(page, pageCount)}>
          {page > 1 ? <Link to={link({ page: String(page - 1) })} rel="prev">{`← ${t.prev}`}</Link> : null}
          <span>{t.page(page, pageCount)}</span>
          {page < pageCount ? <Link to={link({ page: String(page + 1) })} rel="next">{`${t.next} →`}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
