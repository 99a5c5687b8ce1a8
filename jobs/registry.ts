// Every scheduled job, in one list the worker (BullMQ) and the in-process runtime both read.
// The recompute job itself is not scheduled: the dispatcher feeds it from the durable requests.
// The schedule's types and cron pattern are pure (domain/schedules.ts).
import type { Database } from "../db/client";
import type { ScheduledJob } from "../domain/schedules";
import { nightlyCatchUpJob, weeklyAggregationJob } from "./recompute/schedules";
import { NOTIFICATIONS_JOB, processNotifications } from "./notifications/job";
import { RETENTION_JOB, runRetention } from "./privacy/retention";
import { pseudonymisationKey } from "../db/privacy/key";
import { env } from "../env";
import { MAIL_DELIVERY_JOB, MAIL_JOB, deliverMail, runMail } from "./mail/job";
import { connectorSyncJob } from "../connectors/job";

/** Engineer G's daily notifications job (jobs/notifications/job.ts), at its own schedule. */
const notificationsJob: ScheduledJob<Database> = {
  name: NOTIFICATIONS_JOB,
  schedule: { hour: 6, minute: 15 }, // = notificationsSchedule.pattern, checked by a test
  process: (ctx) => processNotifications(ctx.db, { today: ctx.today }),
};

/** GDPR retention: pseudonymise former employees past the period, cut the name-read log. */
const retentionJob: ScheduledJob<Database> = {
  name: RETENTION_JOB,
  schedule: { hour: 3, minute: 10 },
  process: (ctx) => runRetention(ctx.db, {
    today: ctx.today,
    yearsAfterEmployment: env().RETENTION_YEARS_AFTER_EMPLOYMENT,
    nameReadLogDays: env().NAME_READ_LOG_RETENTION_DAYS,
    digestKey: pseudonymisationKey(),
  }),
};

/** Reminders, escalations and digests into the outbox after the notifications, then a delivery. */
const mailJob: ScheduledJob<Database> = {
  name: MAIL_JOB,
  schedule: { hour: 6, minute: 30 },
  catchUpOnStart: true,
  process: (ctx) => runMail(ctx.db, ctx.today),
};

/** New mails and retries after their backoff (jobs/mail/deliver.ts); without SMTP_URL it does nothing. */
const mailDeliveryJob: ScheduledJob<Database> = {
  name: MAIL_DELIVERY_JOB,
  schedule: { everyMinutes: 5 },
  process: (ctx) => deliverMail(ctx.db),
};

export const SCHEDULED_JOBS: ScheduledJob<Database>[] = [
  weeklyAggregationJob, nightlyCatchUpJob, notificationsJob, mailJob, mailDeliveryJob, connectorSyncJob, retentionJob,
];
