// Thresholds and the weekly green/amber/red status (METRICS.md "Thresholds and status").
import type { LoadRatios } from "./caseload";

export interface Thresholds {
  casesPerFte: number;
  weightedLoad: number;
  emotionalSharePct: number;
  turnover12mPct: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { casesPerFte: 25, weightedLoad: 32, emotionalSharePct: 40, turnover12mPct: 20 };

/** A unit's own settings: null (or absent) inherits from the nearest ancestor that sets it. */
export type ThresholdSettings = { [K in keyof Thresholds]?: number | null };

/** Each threshold from the unit itself, else its nearest ancestor that sets it, else the default. */
export function effectiveThresholds(
  unitId: number,
  parentOf: Map<number, number | null>,
  settings: Map<number, ThresholdSettings>,
): Thresholds {
  const result: Partial<Thresholds> = {};
  for (let u: number | null | undefined = unitId; u !== null && u !== undefined; u = parentOf.get(u)) {
    const own = settings.get(u);
    if (!own) continue;
    for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]) {
      const value = own[key];
      if (result[key] === undefined && value !== null && value !== undefined) result[key] = value;
    }
  }
  return { ...DEFAULT_THRESHOLDS, ...result };
}

/**
 * Extra case-holding roles, inherited the same way as thresholds: the nearest unit (itself first)
 * whose setting is not null decides; an empty list there means "no extra roles".
 */
export function effectiveExtraRoles(unitId: number, parentOf: Map<number, number | null>, roles: Map<number, string[] | null>): string[] {
  for (let u: number | null | undefined = unitId; u !== null && u !== undefined; u = parentOf.get(u)) {
    const own = roles.get(u);
    if (own !== null && own !== undefined) return own;
  }
  return [];
}

export interface OverFlags {
  casesPerFte: boolean;
  weightedLoad: boolean;
  emotionalShare: boolean;
  turnover: boolean;
}

/** "Over" means strictly above the threshold; an empty figure (no FTE, no cases) is never over. */
export function overFlags(ratios: LoadRatios, turnover12mPct: number | null, t: Thresholds): OverFlags {
  const above = (value: number | null, limit: number) => value !== null && value > limit;
  return {
    casesPerFte: above(ratios.casesPerFte, t.casesPerFte),
    weightedLoad: above(ratios.weightedLoadPerFte, t.weightedLoad),
    emotionalShare: above(ratios.emotionalSharePct, t.emotionalSharePct),
    turnover: above(turnover12mPct, t.turnover12mPct),
  };
}

export function anyOver(f: OverFlags): boolean {
  return f.casesPerFte || f.weightedLoad || f.emotionalShare || f.turnover;
}

export type Status = "green" | "amber" | "red";

/**
 * overByWeek: whether each of the last weeks was over, oldest first, ending with this week (at
 * most 6 are looked at; weeks before the data began count as not over).
 */
export function weekStatus(overByWeek: boolean[]): { status: Status; weeksOverOfLast6: number } {
  const last6 = overByWeek.slice(-6);
  const weeksOverOfLast6 = last6.filter(Boolean).length;
  const overNow = last6.length > 0 && last6[last6.length - 1];
  const status: Status = weeksOverOfLast6 >= 4 ? "red" : overNow ? "amber" : "green";
  return { status, weeksOverOfLast6 };
}

/** How many teams of a subtree were red and amber in a week, of how many that had a status. */
export interface RollUpCounts {
  red: number;
  amber: number;
  teams: number;
}

/**
 * Roll-up status of a unit above teams (METRICS.md "Thresholds and status"): the worst status of
 * the teams in its subtree that week; null when no team below it has a status.
 */
export function rollUpStatus(c: RollUpCounts): Status | null {
  if (c.teams <= 0) return null;
  return c.red > 0 ? "red" : c.amber > 0 ? "amber" : "green";
}

/** A case holder's week against the team's per-FTE thresholds, pro rata the holder's own FTE. */
export interface CaseworkerAgainstLimits {
  /** cases_per_fte threshold × the holder's FTE; null without FTE in a case-holding role in the team. */
  casesLimit: number | null;
  weightedLimit: number | null;
  overCases: boolean;
  overWeighted: boolean;
}

/**
 * "Over" as for a team: strictly above the limit. FTE is compared at its stored scale (4 decimals)
 * in integers, so 20 cases against 25 × 0.8 is exactly at the limit, not a float's width above it.
 * A holder without FTE has no limit and is never flagged (an empty figure is never over).
 */
export function caseworkerAgainstLimits(load: { openCases: number; weightedSum: number; fte: number }, t: Thresholds): CaseworkerAgainstLimits {
  const fteUnits = Math.round(load.fte * 10_000);
  if (!(fteUnits > 0)) return { casesLimit: null, weightedLimit: null, overCases: false, overWeighted: false };
  return {
    casesLimit: (t.casesPerFte * fteUnits) / 10_000,
    weightedLimit: (t.weightedLoad * fteUnits) / 10_000,
    overCases: load.openCases * 10_000 > t.casesPerFte * fteUnits,
    overWeighted: Math.round(load.weightedSum * 10_000) * 10_000 > Math.round(t.weightedLoad * 10_000) * fteUnits,
  };
}
