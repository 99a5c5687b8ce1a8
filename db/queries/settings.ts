// Presenter and writes of the administrator's settings: thresholds per unit (inherited from the
// parent unless set, DATA-CONTRACT / METRICS.md), the complexity weights and the catalogues.
// Every change is written to the audit trail in the same transaction as the change, and followed
// by the recompute it needs as a durable recompute request (db/recompute-requests.ts), which the
// job runtime runs like an import's.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { recordAudit } from "../audit";
import { createRecomputeRequest } from "../recompute-requests";
import { weeklyScope } from "../../domain/schedules";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../../domain/status";
import type { AtTheme } from "../schema";

export type ThresholdKey = keyof Thresholds;
export const THRESHOLD_KEYS: ThresholdKey[] = ["casesPerFte", "weightedLoad", "emotionalSharePct", "turnover12mPct"];
const COLUMN: Record<ThresholdKey, string> = {
  casesPerFte: "cases_per_fte_threshold",
  weightedLoad: "weighted_load_threshold",
  emotionalSharePct: "emotional_share_pct_threshold",
  turnover12mPct: "turnover_12m_pct_threshold",
};

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

export async function unitThresholds(db: Database, unitId: number): Promise<{ unit: { id: number; name: string }; rows: ThresholdRow[] } | null> {
  const path = await queryRows<{ id: number; name: string; c: number | null; w: number | null; e: number | null; t: number | null }>(db, sql`
    select u.id, u.name, s.cases_per_fte_threshold::float8 as c, s.weighted_load_threshold::float8 as w,
      s.emotional_share_pct_threshold::float8 as e, s.turnover_12m_pct_threshold::float8 as t
    from unit_closure c join units u on u.id = c.ancestor_id left join unit_settings s on s.unit_id = u.id
    where c.descendant_id = ${unitId} order by c.depth`);
  if (path.length === 0 || path[0]!.id !== unitId) return null;
  const rows = thresholdRows(path.map((p) => ({ id: p.id, name: p.name, own: { casesPerFte: p.c, weightedLoad: p.w, emotionalSharePct: p.e, turnover12mPct: p.t } })));
  return { unit: { id: path[0]!.id, name: path[0]!.name }, rows };
}

export interface Actor { userId: number }

/** The whole history: a threshold or a weight changes the status (or the load) of every week. */
const FULL_HISTORY = { from: null, to: null };

/**
 * Sets the unit's own thresholds (null = inherit). Unchanged values write nothing; a change is
 * audited and followed by a recompute request for the whole history of the unit's subtree.
 */
export async function setUnitThresholds(
  tx: Database, unitId: number, values: Record<ThresholdKey, number | null>, actor: Actor,
): Promise<{ changed: boolean; requestId: number | null }> {
  const current = await unitThresholds(tx, unitId);
  if (!current) throw new Error(`unknown unit ${unitId}`);
  const before = Object.fromEntries(current.rows.map((r) => [r.key, r.own])) as Record<ThresholdKey, number | null>;
  if (THRESHOLD_KEYS.every((k) => before[k] === values[k])) return { changed: false, requestId: null };
  await tx.execute(sql`
    insert into unit_settings (unit_id, cases_per_fte_threshold, weighted_load_threshold, emotional_share_pct_threshold, turnover_12m_pct_threshold)
    values (${unitId}, ${values.casesPerFte}, ${values.weightedLoad}, ${values.emotionalSharePct}, ${values.turnover12mPct})
    on conflict (unit_id) do update set cases_per_fte_threshold = excluded.cases_per_fte_threshold,
      weighted_load_threshold = excluded.weighted_load_threshold, emotional_share_pct_threshold = excluded.emotional_share_pct_threshold,
      turnover_12m_pct_threshold = excluded.turnover_12m_pct_threshold`);
  await recordAudit(tx, { userId: actor.userId, action: "update", entity: "unit_settings", entityId: unitId, unitId, before, after: values });
  const subtree = await queryRows<{ id: number }>(tx, sql`select descendant_id as id from unit_closure where ancestor_id = ${unitId}`);
  const requestId = await createRecomputeRequest(tx, "settings:thresholds", { ...FULL_HISTORY, unitIds: subtree.map((r) => r.id) });
  return { changed: true, requestId };
}

export interface Weights { w1: number; w2: number; w3: number }

export async function complexityWeights(db: Database): Promise<Weights> {
  const [row] = await queryRows<Weights>(db, sql`
    select weight_complexity_1::float8 as w1, weight_complexity_2::float8 as w2, weight_complexity_3::float8 as w3
    from organisation_settings where id = 1`);
  // No row yet: the defaults of the table (METRICS.md: 1.0, 1.5, 2.0).
  return row ?? { w1: 1, w2: 1.5, w3: 2 };
}

export async function setComplexityWeights(tx: Database, weights: Weights, actor: Actor): Promise<{ changed: boolean; requestId: number | null }> {
  const before = await complexityWeights(tx);
  if (before.w1 === weights.w1 && before.w2 === weights.w2 && before.w3 === weights.w3) return { changed: false, requestId: null };
  await tx.execute(sql`
    insert into organisation_settings (id, weight_complexity_1, weight_complexity_2, weight_complexity_3)
    values (1, ${weights.w1}, ${weights.w2}, ${weights.w3})
    on conflict (id) do update set weight_complexity_1 = excluded.weight_complexity_1,
      weight_complexity_2 = excluded.weight_complexity_2, weight_complexity_3 = excluded.weight_complexity_3`);
  await recordAudit(tx, { userId: actor.userId, action: "update", entity: "organisation_settings", entityId: 1, before, after: weights });
  return { changed: true, requestId: await createRecomputeRequest(tx, "settings:weights", FULL_HISTORY) };
}

export interface CaseTypeRow { key: string; labelDa: string; labelEn: string; defaultComplexity: number; specialised: boolean }
export interface FlagRow { key: string; labelDa: string; labelEn: string }
export interface DimensionRow { key: string; labelDa: string; labelEn: string; higherIsBetter: boolean; atTheme: AtTheme | null }

export async function catalogues(db: Database): Promise<{ caseTypes: CaseTypeRow[]; flags: FlagRow[]; dimensions: DimensionRow[] }> {
  const [caseTypes, flags, dimensions] = await Promise.all([
    queryRows<CaseTypeRow>(db, sql`
      select t.key, t.label_da as "labelDa", t.label_en as "labelEn", t.default_complexity::int as "defaultComplexity", t.specialised
      from case_types t order by t.label_da`),
    queryRows<FlagRow>(db, sql`select key, label_da as "labelDa", label_en as "labelEn" from emotional_flags order by label_da`),
    queryRows<DimensionRow>(db, sql`
      select key, label_da as "labelDa", label_en as "labelEn", higher_is_better as "higherIsBetter", at_theme as "atTheme"
      from wellbeing_dimensions order by label_da`),
  ]);
  return { caseTypes, flags, dimensions };
}

export class SettingsError extends Error {
  constructor(public readonly code: "exists" | "unknown") {
    super(code);
  }
}

/**
 * Adds (`create`) or changes a case type. The default complexity applies to files imported from now
 * on (a period's complexity is resolved when it is imported), so only the specialised flag, which
 * decides mismatched cases, asks for a recompute.
 */
export async function saveCaseType(tx: Database, row: CaseTypeRow, create: boolean, actor: Actor): Promise<{ requestId: number | null }> {
  const [before] = await queryRows<CaseTypeRow>(tx, sql`
    select key, label_da as "labelDa", label_en as "labelEn", default_complexity::int as "defaultComplexity", specialised
    from case_types where key = ${row.key} for update`);
  if (create && before) throw new SettingsError("exists");
  if (!create && !before) throw new SettingsError("unknown");
  if (before && JSON.stringify(before) === JSON.stringify(row)) return { requestId: null };
  await tx.execute(sql`
    insert into case_types (key, label_da, label_en, default_complexity, specialised)
    values (${row.key}, ${row.labelDa}, ${row.labelEn}, ${row.defaultComplexity}, ${row.specialised})
    on conflict (key) do update set label_da = excluded.label_da, label_en = excluded.label_en,
      default_complexity = excluded.default_complexity, specialised = excluded.specialised`);
  await recordAudit(tx, { userId: actor.userId, action: create ? "create" : "update", entity: "case_type", entityId: row.key, before: before ?? undefined, after: row });
  const needsRecompute = before !== undefined && before.specialised !== row.specialised;
  return { requestId: needsRecompute ? await createRecomputeRequest(tx, "settings:case-types", FULL_HISTORY) : null };
}

/** Adds or renames an emotional-demand flag: no figure depends on a label, so no recompute. */
export async function saveFlag(tx: Database, row: FlagRow, create: boolean, actor: Actor): Promise<{ requestId: null }> {
  const [before] = await queryRows<FlagRow>(tx, sql`select key, label_da as "labelDa", label_en as "labelEn" from emotional_flags where key = ${row.key} for update`);
  if (create && before) throw new SettingsError("exists");
  if (!create && !before) throw new SettingsError("unknown");
  if (before && JSON.stringify(before) === JSON.stringify(row)) return { requestId: null };
  await tx.execute(sql`
    insert into emotional_flags (key, label_da, label_en) values (${row.key}, ${row.labelDa}, ${row.labelEn})
    on conflict (key) do update set label_da = excluded.label_da, label_en = excluded.label_en`);
  await recordAudit(tx, { userId: actor.userId, action: create ? "create" : "update", entity: "emotional_flag", entityId: row.key, before: before ?? undefined, after: row });
  return { requestId: null };
}

/**
 * Adds or changes a wellbeing dimension. Its direction and AT theme decide the risk radar's survey
 * evidence, so a change to either asks for the radar to be recomputed (the last complete week and
 * the one in progress, as the weekly run does); labels alone ask for nothing.
 */
export async function saveDimension(tx: Database, row: DimensionRow, create: boolean, actor: Actor, today: string): Promise<{ requestId: number | null }> {
  const [before] = await queryRows<DimensionRow>(tx, sql`
    select key, label_da as "labelDa", label_en as "labelEn", higher_is_better as "higherIsBetter", at_theme as "atTheme"
    from wellbeing_dimensions where key = ${row.key} for update`);
  if (create && before) throw new SettingsError("exists");
  if (!create && !before) throw new SettingsError("unknown");
  if (before && JSON.stringify(before) === JSON.stringify(row)) return { requestId: null };
  await tx.execute(sql`
    insert into wellbeing_dimensions (key, label_da, label_en, higher_is_better, at_theme)
    values (${row.key}, ${row.labelDa}, ${row.labelEn}, ${row.higherIsBetter}, ${row.atTheme})
    on conflict (key) do update set label_da = excluded.label_da, label_en = excluded.label_en,
      higher_is_better = excluded.higher_is_better, at_theme = excluded.at_theme`);
  await recordAudit(tx, { userId: actor.userId, action: create ? "create" : "update", entity: "wellbeing_dimension", entityId: row.key, before: before ?? undefined, after: row });
  const needsRecompute = before !== undefined && (before.higherIsBetter !== row.higherIsBetter || before.atTheme !== row.atTheme);
  return { requestId: needsRecompute ? await createRecomputeRequest(tx, "settings:dimensions", weeklyScope(today)) : null };
}
