// Every scheduled job, in one list the worker (BullMQ) and the in-process runtime both read.
// The recompute job itself is not scheduled: the dispatcher feeds it from recompute_requests.
import type { Database } from "../db/client";
import { weeklyAggregationJob } from "./aggregate";
import { nightlyCatchUpJob } from "./dispatch";
import { NOTIFICATIONS_JOB, processNotifications } from "./notifications/job";
import { connectorSyncJob } from "../connectors/job";

export const SCHEDULE_TIME_ZONE = "Europe/Copenhagen";

export interface JobContext {
  db: Database;
  /** Today in Copenhagen (APP_TODAY fixes it for tests and demos). */
  today: string;
  /** Hands every open recompute request to whoever runs them: BullMQ, or the in-process loop. */
  dispatch(): Promise<number>;
}

/** Wall-clock time in SCHEDULE_TIME_ZONE: ISO weekday (absent = daily), hour, minute. */
export interface Schedule {
  weekday?: number;
  hour: number;
  minute: number;
}

/** The cron pattern upsertJobScheduler gets; the in-process timer reads the Schedule itself. */
export function cronPattern(s: Schedule): string {
  return `${s.minute} ${s.hour} * * ${s.weekday === undefined ? "*" : s.weekday % 7}`;
}

export interface ScheduledJob {
  name: string;
  schedule: Schedule;
  process(ctx: JobContext): Promise<unknown>;
}

/** Engineer G's daily notifications job (jobs/notifications/job.ts), at its own schedule. */
const notificationsJob: ScheduledJob = {
  name: NOTIFICATIONS_JOB,
  schedule: { hour: 6, minute: 15 }, // = notificationsSchedule.pattern, checked by a test
  process: (ctx) => processNotifications(ctx.db, { today: ctx.today }),
};

export const SCHEDULED_JOBS: ScheduledJob[] = [weeklyAggregationJob, nightlyCatchUpJob, notificationsJob, connectorSyncJob];
