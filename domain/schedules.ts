// The schedules of the jobs, pure: when a job runs (a wall-clock time in Copenhagen), its cron
// pattern for BullMQ, when it fires next (for the jobs page), and the shape of a scheduled job.
// The worker (BullMQ) and the in-process runtime both read the same definitions.
import { lastCompleteWeek, weekStart } from "./calendar";

export const SCHEDULE_TIME_ZONE = "Europe/Copenhagen";
const ZONE = SCHEDULE_TIME_ZONE;

/**
 * What a scheduled job gets. `Db` is the database handle (db/client's Database): domain/ names no
 * storage type, so the jobs say which one they run on (ScheduledJob<Database>).
 */
export interface JobContext<Db> {
  db: Db;
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

export interface ScheduledJob<Db> {
  name: string;
  schedule: Schedule;
  /**
   * In-process only: run on the first tick after the process starts when today's time has already
   * passed (idempotent jobs whose output people look for, e.g. the mail outbox in the demo).
   */
  catchUpOnStart?: boolean;
  process(ctx: JobContext<Db>): Promise<unknown>;
}

/**
 * The scope of the weekly run: the week that just closed (and, through status, the weeks after it).
 */
export function weeklyScope(today: string): { from: string; to: string; hrChanged: boolean } {
  const monday = lastCompleteWeek(today);
  return { from: monday, to: weekStart(today), hrChanged: false };
}

// When a schedule fires next, read on the Copenhagen wall clock as the in-process timer and BullMQ's
// cron (with tz) read it.

/** Copenhagen's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(at: Date): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(at).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant of a Copenhagen wall-clock time on a calendar day (y, m 1–12, d). */
export function copenhagenInstant(y: number, m: number, d: number, hour: number, minute: number): Date {
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // Two passes settle the offset across a summer-time switch.
  let instant = wall - offsetMinutes(new Date(wall)) * 60_000;
  instant = wall - offsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

export function nextRunAt(schedule: Schedule, now: Date): Date {
  if ("everyMinutes" in schedule) {
    const step = schedule.everyMinutes * 60_000;
    return new Date(Math.floor(now.getTime() / step) * step + step);
  }
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const [y, m, d] = today.split("-").map(Number);
  for (let add = 0; add <= 7; add++) {
    const day = new Date(Date.UTC(y, m - 1, d + add));
    const isoWeekday = ((day.getUTCDay() + 6) % 7) + 1;
    if (schedule.weekday !== undefined && schedule.weekday !== isoWeekday) continue;
    const at = copenhagenInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), schedule.hour, schedule.minute);
    if (at.getTime() > now.getTime()) return at;
  }
  throw new Error("unreachable: a weekly schedule fires within 8 days");
}
