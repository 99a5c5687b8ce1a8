// The mail jobs, registered in jobs/registry.ts: "mail" each morning after the notifications (the
// reminders, escalations, the Monday digest and MED digests into the outbox, then a delivery), and
// "mail-delivery" every few minutes (sends what is due: new mails and retries after a backoff).
import { env } from "../../env";
import type { Database } from "../../db/client";
import { runNotifications } from "../notifications/run";
import { collectMails } from "./collect";
import { enqueueMails, type EnqueueResult } from "./outbox";
import { deliverDue, smtpTransport, type DeliveryResult, type MailTransport } from "./deliver";

export const MAIL_JOB = "mail";
export const MAIL_DELIVERY_JOB = "mail-delivery";

export function appUrl(): string {
  const e = env();
  return e.APP_URL ?? `http://${e.HOST}:${e.PORT}`;
}

export interface MailRunOptions {
  /** SMTP_URL by default; null keeps every mail in the outbox. */
  smtpUrl?: string | null;
  appUrl?: string;
  from?: string;
  /** For tests: a transport other than SMTP_URL's (still a real SMTP server). */
  transport?: MailTransport;
  now?: Date;
}

function settings(options: MailRunOptions) {
  const e = env();
  const smtpUrl = options.smtpUrl === undefined ? e.SMTP_URL ?? null : options.smtpUrl;
  return { smtpUrl, appUrl: options.appUrl ?? appUrl(), from: options.from ?? e.MAIL_FROM };
}

export async function deliverMail(db: Database, options: MailRunOptions = {}): Promise<DeliveryResult | { skipped: "no SMTP_URL" }> {
  const s = settings(options);
  if (!s.smtpUrl && !options.transport) return { skipped: "no SMTP_URL" };
  const transport = options.transport ?? smtpTransport(s.smtpUrl!);
  try {
    return await deliverDue(db, transport, { from: s.from, appUrl: s.appUrl, now: options.now });
  } finally {
    if (!options.transport) transport.close();
  }
}

export interface MailRunResult {
  today: string;
  enqueued: EnqueueResult;
  delivery: DeliveryResult | { skipped: "no SMTP_URL" };
}

export async function runMail(db: Database, today: string, options: MailRunOptions = {}): Promise<MailRunResult> {
  // The notifications are the reminders' source; making sure today's exist costs nothing (idempotent).
  await runNotifications(db, today);
  const s = settings(options);
  const enqueued = await enqueueMails(db, await collectMails(db, today), { appUrl: s.appUrl, smtp: Boolean(s.smtpUrl || options.transport) });
  const delivery = await deliverMail(db, options);
  return { today, enqueued, delivery };
}
