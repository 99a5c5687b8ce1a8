// Every scheduled job, in one list the worker (BullMQ) and the in-process runtime both read.
// The recompute job itself is not scheduled: the dispatcher feeds it from recompute_requests.
import type { Database } from "../db/client";
import { weeklyAggregationJob } from "./aggregate";
import { nightlyCatchUpJob } from "./dispatch";
import { NOTIFICATIONS_JOB, processNotifications } from "./notifications/job";
import { RETENTION_JOB, runRetention } from "./privacy/retention";
import { pseudonymisationKey } from "../db/privacy/key";
import { env } from "../env";
import { MAIL_DELIVERY_JOB, MAIL_JOB, deliverMail, runMail } from "./mail/job";
import { connectorSyncJob } from "../connectors/job";

export const SCHEDULE_TIME_ZONE = "Europe/Copenhagen";

export interface JobContext {
  db: Database;
  /** Today in Copenhagen (APP_TODAY fixes it for tests and demos). */
  today: string;
  /** Hands every open recompute request to whoever runs them: BullMQ, or the in-process loop. */
  dispatch(): Promise<number>;
}

/**
 * Wall-clock time in SCHEDULE_TIME_ZONE: ISO weekday (absent = daily), hour, minute; or a job that
 * runs every so many minutes (everyMinutes, a divisor of 60), all day.
 */
export type Schedule = { weekday?: number; hour: number; minute: number } | { everyMinutes: number };

/** The cron pattern upsertJobScheduler gets; the in-process timer reads the Schedule itself. */
export function cronPattern(s: Schedule): string {
  if ("everyMinutes" in s) return `*/${s.everyMinutes} * * * *`;
  return `${s.minute} ${s.hour} * * ${s.weekday === undefined ? "*" : s.weekday % 7}`;
}

export interface ScheduledJob {
  name: string;
  schedule: Schedule;
  /**
   * In-process only: run on the first tick after the process starts when today's time has already
   * passed (idempotent jobs whose output people look for, e.g. the mail outbox in the demo).
   */
  catchUpOnStart?: boolean;
  process(ctx: JobContext): Promise<unknown>;
}

/** Engineer G's daily notifications job (jobs/notifications/job.ts), at its own schedule. */
const notificationsJob: ScheduledJob = {
  name: NOTIFICATIONS_JOB,
  schedule: { hour: 6, minute: 15 }, // = notificationsSchedule.pattern, checked by a test
  process: (ctx) => processNotifications(ctx.db, { today: ctx.today }),
};

/** GDPR retention: pseudonymise former employees past the period, cut the name-read log. */
const retentionJob: ScheduledJob = {
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
const mailJob: ScheduledJob = {
  name: MAIL_JOB,
  schedule: { hour: 6, minute: 30 },
  catchUpOnStart: true,
  process: (ctx) => runMail(ctx.db, ctx.today),
};

/** New mails and retries after their backoff (jobs/mail/deliver.ts); without SMTP_URL it does nothing. */
const mailDeliveryJob: ScheduledJob = {
  name: MAIL_DELIVERY_JOB,
  schedule: { everyMinutes: 5 },
  process: (ctx) => deliverMail(ctx.db),
};

export const SCHEDULED_JOBS: ScheduledJob[] = [
  weeklyAggregationJob, nightlyCatchUpJob, notificationsJob, mailJob, mailDeliveryJob, connectorSyncJob, retentionJob,
];
