// The periods HR picks on the turnover page, turned into inclusive [from, to] dates. Pure, so the
// page, its downloads and the tests agree on what "2024 H2" or "rolling 12 months to March" means.
import { addDays, isValidIsoDate, monthEnd, monthStart, rolling12Months, type IsoDate } from "./calendar";

export const PERIOD_KINDS = ["year", "half", "quarter", "rolling", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodChoice {
  kind: PeriodKind;
  year?: number;
  half?: number;
  quarter?: number;
  /** 'YYYY-MM': the month a rolling 12 months ends with. */
  month?: string;
  from?: string;
  to?: string;
}

export interface ResolvedPeriod {
  kind: PeriodKind;
  from: IsoDate;
  to: IsoDate;
}

/** The defaults a fresh page starts from: the current calendar year (so far), the last complete month. */
export function periodDefaults(today: IsoDate): { year: number; month: string } {
  const lastMonth = addDays(monthStart(today), -1);
  return { year: Number(today.slice(0, 4)), month: lastMonth.slice(0, 7) };
}

/**
 * A calendar period still running ends today: departures after today are not known yet (only
 * planned), so the year, half or quarter so far is shown, and compared with the same days a year before.
 */
function soFar(period: ResolvedPeriod, today: IsoDate): ResolvedPeriod {
  return period.from <= today && today < period.to ? { ...period, to: today } : period;
}

/** The dates of a choice, or a reason it has none (shown to the user as a field error). */
export function resolvePeriod(choice: PeriodChoice, today: IsoDate): ResolvedPeriod | { error: string } {
  const resolved = resolveCalendarPeriod(choice, today);
  return "error" in resolved || resolved.kind === "custom" || resolved.kind === "rolling" ? resolved : soFar(resolved, today);
}

function resolveCalendarPeriod(choice: PeriodChoice, today: IsoDate): ResolvedPeriod | { error: string } {
  const defaults = periodDefaults(today);
  const year = choice.year ?? defaults.year;
  const y = String(year).padStart(4, "0");
  switch (choice.kind) {
    case "year":
      return { kind: "year", from: `${y}-01-01`, to: `${y}-12-31` };
    case "half": {
      const half = choice.half ?? 1;
      if (half !== 1 && half !== 2) return { error: "half" };
      return half === 1 ? { kind: "half", from: `${y}-01-01`, to: `${y}-06-30` } : { kind: "half", from: `${y}-07-01`, to: `${y}-12-31` };
    }
    case "quarter": {
      const quarter = choice.quarter ?? 1;
      if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) return { error: "quarter" };
      const first = `${y}-${String(quarter * 3 - 2).padStart(2, "0")}-01`;
      return { kind: "quarter", from: first, to: monthEnd(`${y}-${String(quarter * 3).padStart(2, "0")}-01`) };
    }
    case "rolling": {
      const month = choice.month ?? defaults.month;
      if (!/^\d{4}-\d{2}$/.test(month) || !isValidIsoDate(`${month}-01`)) return { error: "month" };
      return { kind: "rolling", ...rolling12Months(`${month}-01`) };
    }
    case "custom": {
      if (!choice.from || !isValidIsoDate(choice.from)) return { error: "from" };
      if (!choice.to || !isValidIsoDate(choice.to)) return { error: "to" };
      if (choice.to < choice.from) return { error: "order" };
      return { kind: "custom", from: choice.from, to: choice.to };
    }
  }
}
