// The outbox: every mail is written here first, once (unique recipient + kind + period), then
// sent by deliver.ts. Without SMTP the row is "kept": the outbox page is where it is read.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { mailOutbox } from "../../db/schema/mail";
import { composeMail } from "./compose";
import type { PlannedMail } from "./collect";
import { unsubscribeUrl } from "./unsubscribe-token";
import type { MailKind } from "./kinds";

export interface EnqueueResult {
  created: Partial<Record<MailKind, number>>;
  skipped: number;
}

export async function enqueueMails(db: Database, mails: PlannedMail[], options: { appUrl: string; smtp: boolean }): Promise<EnqueueResult> {
  const created: Partial<Record<MailKind, number>> = {};
  let skipped = 0;
  for (let start = 0; start < mails.length; start += 200) {
    const rows = mails.slice(start, start + 200).map((m) => {
      const composed = composeMail(m.model, { userId: m.userId, displayName: m.displayName, lang: m.lang }, {
        appUrl: options.appUrl, unsubscribeUrl: unsubscribeUrl(options.appUrl, m.userId, m.kind),
      });
      return {
        userId: m.userId, toAddress: m.toAddress, kind: m.kind, periodKey: m.periodKey, lang: m.lang,
        subject: composed.subject, textBody: composed.text, htmlBody: composed.html,
        status: options.smtp ? ("queued" as const) : ("kept" as const),
      };
    });
    const inserted = await db.insert(mailOutbox).values(rows).onConflictDoNothing().returning({ kind: mailOutbox.kind });
    for (const row of inserted) created[row.kind] = (created[row.kind] ?? 0) + 1;
    skipped += rows.length - inserted.length;
  }
  return { created, skipped };
}

export interface OutboxRow {
  id: number;
  toAddress: string;
  kind: MailKind;
  periodKey: string;
  subject: string;
  status: "queued" | "sent" | "failed" | "kept";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

export const OUTBOX_PAGE_SIZE = 50;

/** The outbox page: newest first, a page at a time, optionally one status. */
export async function listOutbox(db: Database, options: { page: number; status?: OutboxRow["status"] }) {
  const where = options.status ? sql`where status = ${options.status}` : sql``;
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from mail_outbox ${where}`);
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const page = Math.min(options.page, pageCount);
  const rows = await queryRows<OutboxRow>(db, sql`
    select id::int as id, to_address as "toAddress", kind, period_key as "periodKey", subject, status, attempts,
      last_error as "lastError", created_at::text as "createdAt", sent_at::text as "sentAt", next_attempt_at::text as "nextAttemptAt"
    from mail_outbox ${where} order by created_at desc, id desc limit ${OUTBOX_PAGE_SIZE} offset ${(page - 1) * OUTBOX_PAGE_SIZE}`);
  const counts = await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from mail_outbox group by status`);
  return { rows, total, page, pageCount, counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Record<string, number> };
}

export async function outboxMail(db: Database, id: number) {
  const [row] = await queryRows<OutboxRow & { textBody: string; htmlBody: string; lang: string }>(db, sql`
    select id::int as id, to_address as "toAddress", kind, period_key as "periodKey", subject, status, attempts, lang,
      last_error as "lastError", created_at::text as "createdAt", sent_at::text as "sentAt", next_attempt_at::text as "nextAttemptAt",
      text_body as "textBody", html_body as "htmlBody"
    from mail_outbox where id = ${id}`);
  return row ?? null;
}
