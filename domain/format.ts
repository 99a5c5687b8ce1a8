// How a figure, a date and a round read on a page, in a mail and in a document: Danish by default,
// English selectable. Pure (no React, no I/O), so pages, mails, charts and the documents sent to
// Arbejdstilsynet format alike. The React hooks that pick the language live in app/lib/i18n.ts.

export type Lang = "da" | "en";
export const LANGS: Lang[] = ["da", "en"];
export type Texts<T> = { da: T; en: T };

const LOCALE: Record<Lang, string> = { da: "da-DK", en: "en-GB" };

// Formatters are built once per language and option set: constructing an Intl formatter costs
// tens of microseconds, and a dashboard page formats hundreds of figures (a third of its render time).
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

export function formatNumber(lang: Lang, value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const key = `${lang}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** A threshold as it was set: whole numbers plain, otherwise with its own decimals (at most 2). */
export function formatLimit(lang: Lang, value: number): string {
  const decimals = Math.min(2, (String(value).split(".")[1] ?? "").length);
  return formatNumber(lang, value, decimals);
}

export function formatInt(lang: Lang, value: number | null | undefined): string {
  return formatNumber(lang, value, 0);
}

/** 'YYYY-MM-DD' → '23.11.2026' (da) / '23 Nov 2026' (en), without time-zone drift. */
export function formatDate(lang: Lang, isoDate: string | null | undefined): string {
  if (!isoDate) return "–";
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE[lang], {
      day: "numeric", month: lang === "da" ? "numeric" : "short", year: "numeric", timeZone: "UTC",
    });
    dateFormats.set(lang, format);
  }
  return format.format(date);
}

/**
 * A survey round by its season when the vendor keyed it so ('2024-efteraar', '2024-foraar', with
 * or without æøå): "Efterår 2024" / "Autumn 2024". Any other key is shown as it was imported.
 */
export function formatSurveyRound(lang: Lang, key: string): string {
  const match = /^(\d{4})-(foraar|forår|efteraar|efterår)$/i.exec(key.trim());
  if (!match) return key;
  const spring = match[2].toLowerCase().startsWith("for");
  const season = lang === "da" ? (spring ? "Forår" : "Efterår") : spring ? "Spring" : "Autumn";
  return `${season} ${match[1]}`;
}

/** ISO week '2026-W07' → '7, 2026' (after "uge"/"week" in the text); anything else as given. */
export function formatIsoWeek(isoWeek: string): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  return match ? `${Number(match[2])}, ${match[1]}` : isoWeek;
}

const dateTimeFormats = new Map<Lang, Intl.DateTimeFormat>();

/** An instant as Copenhagen reads it: '02.12.2026 10.15' (da) / '2 Dec 2026, 10:15' (en). */
export function formatDateTime(lang: Lang, instant: Date | string | null | undefined): string {
  if (instant === null || instant === undefined || instant === "") return "–";
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return "–";
  let format = dateTimeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE[lang], {
      day: "numeric", month: lang === "da" ? "2-digit" : "short", year: "numeric",
      hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen",
    });
    dateTimeFormats.set(lang, format);
  }
  return format.format(date);
}
