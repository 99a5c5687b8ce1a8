// Sending what the outbox holds over SMTP (nodemailer). Each run claims the mails that are due with
// a lease (so two workers never send one mail at once), sends them, and records the outcome on the
// row: sent, or the error with the next attempt after an exponential backoff, or failed for good
// once the attempts are used up. A process that dies mid-send leaves the lease to expire and the
// mail is tried again (at-least-once, as SMTP itself is).
import nodemailer from "nodemailer";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { unsubscribeUrl } from "./unsubscribe-token";
import type { MailKind } from "./kinds";

export const MAIL_MAX_ATTEMPTS = 5;
/** How long a claimed mail is left alone before another run may take it (a send times out well before). */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** After the n-th failed attempt: 1, 2, 4, 8 minutes. */
export function retryDelayMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  // Fail a dead server within seconds, so one run cannot hold its lease for long.
  const transporter = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(mail) {
      const info = await transporter.sendMail(mail);
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
}

interface ClaimedMail {
  id: number;
  userId: number | null;
  toAddress: string;
  kind: MailKind;
  subject: string;
  textBody: string;
  htmlBody: string;
  attempts: number;
}

/** A readable one-line error for the outbox page: SMTP's own reply when there is one. */
export function errorText(error: unknown): string {
  const e = error as { response?: string; message?: string };
  return String(e?.response ?? e?.message ?? error).replace(/\s+/g, " ").slice(0, 500);
}

export async function deliverDue(
  db: Database, transport: MailTransport, options: { from: string; appUrl: string; now?: Date; limit?: number },
): Promise<DeliveryResult> {
  // The database's clock unless a test fixes one: rows are created with its now().
  const now = options.now ? sql`${options.now.toISOString()}::timestamptz` : sql`now()`;
  const claimed = await queryRows<ClaimedMail>(db, sql`
    update mail_outbox set attempts = attempts + 1, next_attempt_at = ${now} + ${`${CLAIM_LEASE_MS} milliseconds`}::interval
    where id in (
      select id from mail_outbox where status = 'queued' and next_attempt_at <= ${now}
      order by next_attempt_at, id limit ${options.limit ?? 200} for update skip locked)
    returning id::int as id, user_id as "userId", to_address as "toAddress", kind, subject, text_body as "textBody", html_body as "htmlBody", attempts`);
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  for (const mail of claimed.sort((a, b) => a.id - b.id)) {
    const headers: Record<string, string> = {};
    if (mail.userId !== null) {
      // RFC 8058 one-click unsubscribe: mail clients POST to the same signed link.
      headers["List-Unsubscribe"] = `<${unsubscribeUrl(options.appUrl, mail.userId, mail.kind)}>`;
      headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
    }
    try {
      const info = await transport.send({ from: options.from, to: mail.toAddress, subject: mail.subject, text: mail.textBody, html: mail.htmlBody, headers });
      await db.execute(sql`
        update mail_outbox set status = 'sent', sent_at = now(), message_id = ${info.messageId}, last_error = null where id = ${mail.id}`);
      result.sent++;
    } catch (error) {
      const giveUp = mail.attempts >= MAIL_MAX_ATTEMPTS;
      await db.execute(sql`
        update mail_outbox set status = ${giveUp ? "failed" : "queued"}, last_error = ${errorText(error)},
          next_attempt_at = ${now} + ${`${retryDelayMs(mail.attempts)} milliseconds`}::interval
        where id = ${mail.id}`);
      if (giveUp) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}

/** An administrator's "try again" for a mail that failed for good: a fresh set of attempts. */
export async function requeueMail(db: Database, id: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(db, sql`
    update mail_outbox set status = 'queued', attempts = 0, next_attempt_at = now() where id = ${id} and status = 'failed' returning id::int as id`);
  return rows.length > 0;
}
