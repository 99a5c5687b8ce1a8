// The pure rules of employee-data protection: when a former employee's data is due for
// pseudonymisation, what replaces them, and how their old id is recognised without being kept.
import { createHmac, randomBytes } from "node:crypto";
import { addDays, isValidIsoDate, type IsoDate } from "../../domain/calendar";

export const PSEUDONYM_PREFIX = "anon-";

/** A stable random stand-in for one person: the same token replaces them in every table. */
export function newPseudonymToken(): string {
  return `${PSEUDONYM_PREFIX}${randomBytes(8).toString("hex")}`;
}

export function isPseudonym(employeeId: string): boolean {
  return employeeId.startsWith(PSEUDONYM_PREFIX);
}

/** The text shown where the person's name stood (names are replaced in free text too). */
export function pseudonymLabel(token: string): string {
  return `Tidligere medarbejder ${token}`;
}

/**
 * Keyed hash of an old employee id: an HR file that still carries the id can be recognised and
 * refused, while the product never keeps the id itself.
 */
export function employeeIdDigest(employeeId: string, key: string): string {
  return createHmac("sha256", key).update(`employee:${employeeId}`).digest("hex");
}

/**
 * The last end date that is past retention on `today`: a person whose every employment ended on
 * or before it (and who has no open one) is due. Five years after 2026-12-02 → ended ≤ 2021-12-01.
 */
export function retentionCutoff(today: IsoDate, yearsAfterEmployment: number): IsoDate {
  const [y, m, d] = today.split("-");
  let sameDayYearsAgo = `${String(Number(y) - yearsAfterEmployment).padStart(4, "0")}-${m}-${d}`;
  // 29 February in a year without one: the anniversary is 1 March.
  if (!isValidIsoDate(sameDayYearsAgo)) sameDayYearsAgo = addDays(`${sameDayYearsAgo.slice(0, 8)}28`, 1);
  return addDays(sameDayYearsAgo, -1);
}

/** Oldest name-read log entry still kept on `today`. */
export function nameReadLogCutoff(today: IsoDate, retentionDays: number): IsoDate {
  return addDays(today, -retentionDays);
}

/**
 * A Postgres ARE pattern matching `text` as a whole word (so "E1" is not found inside "E10", nor
 * "Anna Berg" inside "Anna Bergstrøm"), for regexp_replace over free text and JSON. \\m and \\M
 * assert a word start and end without consuming the neighbouring character.
 */
export function wholeWordPattern(text: string): string {
  const escaped = text.replace(/[.^$*+?()[\]{}|\\]/g, (c) => `\\${c}`);
  const start = /^[\p{L}\p{N}_]/u.test(text) ? "\\m" : "";
  const end = /[\p{L}\p{N}_]$/u.test(text) ? "\\M" : "";
  return `${start}${escaped}${end}`;
}

/** Names too short to replace safely in free text are left to the id and user replacements. */
export function replaceableNames(names: (string | null | undefined)[]): string[] {
  const unique = new Set<string>();
  for (const name of names) {
    const trimmed = name?.trim();
    if (trimmed && trimmed.length >= 4 && !/["\\]/.test(trimmed)) unique.add(trimmed);
  }
  // Longest first: "Anna Berg Holm" before "Anna Berg".
  return [...unique].sort((a, b) => b.length - a.length);
}
