// Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC.
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The date part of an ISO date or date-time ("2024-03-31T00:00:00+02:00" → "2024-03-31"). */
export function datePart(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  const head = value.slice(0, 10);
  return ISO_DATE.test(head) ? head : null;
}

/** A far-future end some systems write instead of "none" (SD's 9999-12-31). */
export function openEnd(value: string | null): string | null {
  return value === null || value >= "9999-01-01" ? null : value;
}
