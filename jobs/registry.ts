// Every scheduled job, in one list the worker (BullMQ) and the in-process runtime both read.
// The recompute job itself is not scheduled: the dispatcher feeds it from recompute_requests.
import type { Database } from "../db/client";
import { weeklyAggregationJob } from "./aggregate";
import { nightlyCatchUpJob } from "./dispatch";

export const SCHEDULE_TIME_ZONE = "Europe/Copenhagen";

export interface JobContext {
  db: Database;
  /** Today in Copenhagen (APP_TODAY fixes it for tests and demos). */
  today: string;
  /** Hands every open recompute request to whoever runs them: BullMQ, or the in-process loop. */
  dispatch(): Promise<number>;
}

export interface Schedule {
  /** Cron pattern for upsertJobScheduler, in SCHEDULE_TIME_ZONE. */
  pattern: string;
  /** The same time for the in-process timer: ISO weekday (absent = daily), hour, minute. */
  weekday?: number;
  hour: number;
  minute: number;
}

export interface ScheduledJob {
  name: string;
  schedule: Schedule;
  process(ctx: JobContext): Promise<unknown>;
}

export const SCHEDULED_JOBS: ScheduledJob[] = [weeklyAggregationJob, nightlyCatchUpJob];
