// Jobs for the web server and the demo. Without REDIS_URL everything runs in this process: open
// recompute requests are polled every few seconds and the schedules fire from a timer. With
// REDIS_URL this process only dispatches; separate worker processes (npm run worker) do the work.
import { maskCpr } from "../import/cpr";
import { env, clockNow } from "../env";
import type { Database } from "../db/client";
import { todayInCopenhagen } from "../domain/calendar";
import { runOpenRequestsInline, inlineContext, runScheduledInline } from "./inline";
import { SCHEDULE_TIME_ZONE, type Schedule } from "../domain/schedules";
import { SCHEDULED_JOBS } from "./registry";
import { createRedisConnection, ready } from "./connection";
import { createQueue, QUEUES } from "./queues";
import { dispatchPending } from "./dispatch";

export interface JobRuntime {
  mode: "in-process" | "bullmq";
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  pollMs?: number;
  log?: (line: string) => void;
  redisUrl?: string;
}

/** Copenhagen wall clock: date, ISO weekday and minutes since midnight. */
export function copenhagenClock(now: Date): { date: string; weekday: number; minutes: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
    timeZone: SCHEDULE_TIME_ZONE, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(now).map((p) => [p.type, p.value]));
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday) + 1;
  return { date: todayInCopenhagen(now), weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Whether a schedule's time has come today (it fires once per day it applies to). */
export function isDue(schedule: Schedule, clock: { weekday: number; minutes: number }): boolean {
  if ("everyMinutes" in schedule) return true;
  if (schedule.weekday !== undefined && schedule.weekday !== clock.weekday) return false;
  return clock.minutes >= schedule.hour * 60 + schedule.minute;
}

/**
 * The slot a due schedule fires in, once: the day for a daily or weekly job, the day and the
 * n-minute window for an every-n-minutes job; null when not due.
 */
export function dueSlot(schedule: Schedule, clock: { date: string; weekday: number; minutes: number }): string | null {
  if ("everyMinutes" in schedule) return `${clock.date}@${Math.floor(clock.minutes / schedule.everyMinutes)}`;
  return isDue(schedule, clock) ? clock.date : null;
}

export async function startJobRuntime(db: Database, options: RuntimeOptions = {}): Promise<JobRuntime> {
  const log = options.log ?? ((line: string) => console.log(`[jobs] ${line}`));
  const pollMs = options.pollMs ?? 5_000;
  const redisUrl = options.redisUrl ?? env().REDIS_URL;
  let busy = false;
  let timer: NodeJS.Timeout | undefined;

  const loop = (tick: () => Promise<void>) => {
    const run = async () => {
      if (busy) return;
      busy = true;
      try {
        await tick();
      } catch (error) {
        log(`job tick failed: ${maskCpr(error instanceof Error ? error.message : String(error))}`);
      } finally {
        busy = false;
      }
    };
    timer = setInterval(run, pollMs);
    void run();
  };
  const settle = async () => {
    if (timer) clearInterval(timer);
    while (busy) await new Promise((r) => setTimeout(r, 50));
  };

  if (redisUrl) {
    const redis = createRedisConnection(redisUrl, "producer");
    await ready(redis);
    const queue = createQueue(QUEUES.recompute, redis);
    loop(async () => { await dispatchPending(db, queue); });
    return {
      mode: "bullmq",
      async stop() {
        await settle();
        await queue.close();
        redis.disconnect();
      },
    };
  }

  // A schedule already past today when the process starts waits for its next day (or slot),
  // unless the job asks to catch up on start.
  const lastFired = new Map<string, string>();
  const startClock = copenhagenClock(clockNow());
  for (const job of SCHEDULED_JOBS) {
    const slot = dueSlot(job.schedule, startClock);
    if (slot && !job.catchUpOnStart) lastFired.set(job.name, slot);
  }
  loop(async () => {
    const today = todayInCopenhagen(clockNow());
    const clock = copenhagenClock(clockNow());
    for (const job of SCHEDULED_JOBS) {
      const slot = dueSlot(job.schedule, clock);
      if (!slot || lastFired.get(job.name) === slot) continue;
      lastFired.set(job.name, slot);
      try {
        await runScheduledInline(job, inlineContext(db, today, log));
      } catch (error) {
        // Recorded as a failed run on the jobs page; the other jobs of the tick still run.
        log(`${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await runOpenRequestsInline(db, today, log);
  });
  return { mode: "in-process", stop: settle };
}
