// When a schedule fires next, read on the Copenhagen wall clock as the in-process timer and BullMQ's
// cron (with tz) read it. Pure, for the jobs page.
import type { Schedule } from "./registry";

const ZONE = "Europe/Copenhagen";

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
