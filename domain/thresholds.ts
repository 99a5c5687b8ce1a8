// Thresholds per unit (DATA-CONTRACT, METRICS.md): a unit uses its own value, else the nearest
// ancestor's, else the product's default. The one rule of inheritance, pure; the settings page and
// the status stage read it.
import { DEFAULT_THRESHOLDS, type Thresholds } from "./status";

export type ThresholdKey = keyof Thresholds;
export const THRESHOLD_KEYS: ThresholdKey[] = ["casesPerFte", "weightedLoad", "emotionalSharePct", "turnover12mPct"];

/** Where a unit's threshold comes from: set on the unit, inherited from an ancestor, or the default. */
export type ThresholdSource = { kind: "own" } | { kind: "inherited"; unitId: number; unitName: string } | { kind: "default" };

export interface ThresholdRow {
  key: ThresholdKey;
  own: number | null;
  effective: number;
  source: ThresholdSource;
  /** What the unit would get without its own value (the parent's effective value, or the default). */
  inherited: number;
  inheritedFrom: ThresholdSource;
}

export interface PathUnit {
  id: number;
  name: string;
  /** The unit's own settings (null = not set); the path runs from the unit itself up to the root. */
  own: Partial<Record<ThresholdKey, number | null>>;
}

/** Each threshold of the first unit of `path` with where it comes from (pure: the one rule of inheritance). */
export function thresholdRows(path: PathUnit[]): ThresholdRow[] {
  return THRESHOLD_KEYS.map((key) => {
    const from = (units: PathUnit[]): { value: number; source: ThresholdSource } => {
      const setter = units.find((u) => u.own[key] !== null && u.own[key] !== undefined);
      if (!setter) return { value: DEFAULT_THRESHOLDS[key], source: { kind: "default" } };
      return { value: setter.own[key]!, source: { kind: "inherited", unitId: setter.id, unitName: setter.name } };
    };
    const own = path[0]?.own[key] ?? null;
    const parent = from(path.slice(1));
    return {
      key, own,
      effective: own ?? parent.value,
      source: own !== null ? { kind: "own" } : parent.source,
      inherited: parent.value,
      inheritedFrom: parent.source,
    };
  });
}
