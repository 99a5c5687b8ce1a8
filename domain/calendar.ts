// Calendar arithmetic on 'YYYY-MM-DD' strings. Every figure is about calendar dates in
// Europe/Copenhagen (METRICS.md), so dates never pass through a local-time Date.

const DAY_MS = 86_400_000;

export type IsoDate = string;

export function toDayNumber(date: IsoDate): number {
  const [y, m, d] = date.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from a to b (b − a). */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return fromDayNumber(toDayNumber(value)) === value;
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(date: IsoDate): number {
  // Day 0 (1970-01-01) was a Thursday.
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the ISO week containing date. */
export function weekStart(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The snapshot day of a week: its Sunday. */
export function weekSnapshot(weekMonday: IsoDate): IsoDate {
  return addDays(weekStart(weekMonday), 6);
}

/** ISO week label, e.g. '2024-W07'. */
export function isoWeekLabel(date: IsoDate): string {
  const thursday = addDays(weekStart(date), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(diffDays(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Monday of an ISO week label ('2024-W07'). */
export function weekStartFromLabel(label: string): IsoDate {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) throw new Error(`Not an ISO week: ${label}`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  const week1Monday = weekStart(`${year}-01-04`);
  return addDays(week1Monday, (week - 1) * 7);
}

/** Mondays of every ISO week that overlaps [from, to]. */
export function weeksBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const weeks: IsoDate[] = [];
  for (let monday = weekStart(from); monday <= to; monday = addDays(monday, 7)) weeks.push(monday);
  return weeks;
}

export function monthStart(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

export function monthEnd(date: IsoDate): IsoDate {
  const [y, m] = date.split("-").map(Number);
  return fromDayNumber(Math.round(Date.UTC(y, m, 1) / DAY_MS) - 1);
}

/** First day of the month `months` after date's month (negative goes back). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m] = date.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/** Rolling 12 months ending with month M: first day of M − 11 to the last day of M. */
export function rolling12Months(month: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addMonths(month, -11), to: monthEnd(month) };
}

/** Built once: every request asks for today, and a formatter with a time zone is costly to build. */
const COPENHAGEN_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date in Europe/Copenhagen at `now` (the product's clock is env.ts clockNow). */
export function todayInCopenhagen(now: Date): IsoDate {
  return COPENHAGEN_DATE.format(now);
}

/** The Monday of the last complete ISO week before date. */
export function lastCompleteWeek(today: IsoDate): IsoDate {
  return addDays(weekStart(today), -7);
}

/**
 * The month whose rolling 12 months a week's turnover figure ends with: the last month complete
 * on the week's snapshot Sunday (a month still running would count days not yet lived). The SQL
 * form of this rule is db/sql-calendar.ts `turnoverMonthOfWeekSql`, tested against this one.
 */
export function turnoverMonthOfWeek(weekMonday: IsoDate): IsoDate {
  return addMonths(monthStart(addDays(weekSnapshot(weekMonday), 1)), -1);
}
