// Pure parsers for the cell values Danish offices produce: dates in three layouts, decimal comma
// or point, Danish and English booleans. Each returns a value or a message key, never throws.
import type { MessageKey } from "./messages";
import { roundHalfAwayFromZero } from "../domain/rounding";

export type Parsed<T> = { ok: true; value: T } | { ok: false; key: MessageKey };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(key: MessageKey): Parsed<T> => ({ ok: false, key });

// Exports from HR systems often carry a midnight time; anything else is not a calendar date.
const MIDNIGHT = String.raw`(?:[ T]00:00(?::00(?:\.0+)?)?)?`;
const ISO = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${MIDNIGHT}$`);
const DANISH = new RegExp(`^(\\d{1,2})([-.])(\\d{1,2})\\2(\\d{4})${MIDNIGHT}$`);
// What a date column shows in Excel when it is not formatted as dates: the serial day number
// (10000–99999 covers 1927–2173), perhaps with a time as a fraction.
const EXCEL_SERIAL = /^\d{5}([.,]\d+)?$/;

/** '' → null (no date); 'YYYY-MM-DD', 'DD-MM-YYYY', 'DD.MM.YYYY' → 'YYYY-MM-DD'. */
export function parseDate(raw: string): Parsed<string | null> {
  const text = raw.trim();
  if (text === "") return ok(null);
  if (text.length === 10) {
    const fixed = parseFixedDate(text);
    if (fixed !== undefined) return fixed;
  }
  let y: string, m: string, d: string;
  const iso = ISO.exec(text);
  const danish = iso ? null : DANISH.exec(text);
  if (iso) [, y, m, d] = iso;
  else if (danish) [, d, , m, y] = danish;
  else return fail(EXCEL_SERIAL.test(text) ? "value.dateSerial" : "value.date");
  if (!isCalendarDate(Number(y), Number(m), Number(d))) return fail("value.dateImpossible");
  return ok(`${y}-${m.length === 1 ? "0" + m : m}-${d.length === 1 ? "0" + d : d}`);
}

const digit = (text: string, i: number) => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/**
 * The two zero-padded layouts nearly every export uses, read by character codes: the regular
 * expressions cost about a third of a case-period row's parsing. undefined = not one of them.
 */
function parseFixedDate(text: string): Parsed<string> | undefined {
  const c4 = text.charCodeAt(4);
  if (c4 === 45 && text.charCodeAt(7) === 45) {
    // YYYY-MM-DD: already the output.
    const y = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
    const m = digit(text, 5) * 10 + digit(text, 6);
    const d = digit(text, 8) * 10 + digit(text, 9);
    if (Number.isNaN(y + m + d)) return undefined;
    return isCalendarDate(y, m, d) ? ok(text) : fail("value.dateImpossible");
  }
  const sep = text.charCodeAt(2);
  if ((sep === 45 || sep === 46) && text.charCodeAt(5) === sep) {
    // DD-MM-YYYY or DD.MM.YYYY.
    const d = digit(text, 0) * 10 + digit(text, 1);
    const m = digit(text, 3) * 10 + digit(text, 4);
    const y = digit(text, 6) * 1000 + digit(text, 7) * 100 + digit(text, 8) * 10 + digit(text, 9);
    if (Number.isNaN(y + m + d)) return undefined;
    return isCalendarDate(y, m, d) ? ok(`${text.slice(6)}-${text.slice(3, 5)}-${text.slice(0, 2)}`) : fail("value.dateImpossible");
  }
  return undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Plain arithmetic, no Date: this runs for every date cell of a million-row file. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** '0,8' and '0.8' are both 0.8. No thousands separators: '1.234' is 1.234. '' → null. */
export function parseDecimal(raw: string): Parsed<number | null> {
  const text = raw.trim().replace(/\u00a0/g, "");
  if (text === "") return ok(null);
  if (!DECIMAL.test(text)) return fail("value.number");
  return ok(Number(text.replace(",", ".")));
}

/** Whole numbers; '12,0' from a spreadsheet counts as 12. '' → null. */
export function parseInteger(raw: string): Parsed<number | null> {
  const parsed = parseDecimal(raw);
  if (!parsed.ok) return fail("value.integer");
  if (parsed.value === null) return parsed;
  if (!Number.isSafeInteger(parsed.value)) return fail("value.integer");
  return parsed;
}

const TRUE = new Set(["true", "ja", "1", "x", "yes", "sand", "j", "y"]);
const FALSE = new Set(["false", "nej", "0", "no", "falsk", "n"]);

/** true/false, ja/nej, 1/0, x/empty (Danish Excel writes SAND/FALSK). '' → null: "not given". */
export function parseBoolean(raw: string): Parsed<boolean | null> {
  const text = raw.trim().toLowerCase();
  if (text === "") return ok(null);
  if (TRUE.has(text)) return ok(true);
  if (FALSE.has(text)) return ok(false);
  return fail("value.boolean");
}

/** DDMMYY-XXXX or ten digits: what a CPR number looks like, whether or not the date is real. */
export function looksLikeCpr(raw: string): boolean {
  return /^\d{6}-?\d{4}$/.test(raw.trim());
}

/** Header cells match case-insensitively; spaces and hyphens count as underscores. */
export function normaliseHeader(raw: string): string {
  return raw.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/**
 * FTE as the contract allows it: 0 < fte ≤ 1.5, or weekly hours (> 1.5) converted as hours/37.
 * Hours above 55.5 (1.5 × 37) are out of range too. Rounded half away from zero to the 4 decimals
 * employments.fte stores, here rather than by the column: a re-import of the same file (an XLSX
 * cell =30/37 holds 0.8108108…) then compares equal to the stored row and changes nothing.
 */
export function resolveFte(value: number): { fte: number; fromHours: boolean } | null {
  const fromHours = value > 1.5;
  if (!(value > 0 && value <= 55.5)) return null;
  const fte = roundHalfAwayFromZero(fromHours ? value / 37 : value, 4);
  return fte > 0 ? { fte, fromHours } : null;
}
