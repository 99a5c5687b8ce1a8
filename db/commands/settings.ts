// The administrator's settings changes: thresholds per unit, the complexity weights and the
// catalogues. Every change is written to the audit trail in the same transaction as the change,
// and followed by the recompute it needs as a durable recompute request (db/recompute-requests.ts),
// which the job runtime runs like an import's. A duplicate or unknown key is refused with
// InputError.refusal("exists" | "unknown").
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { recordAudit } from "../audit";
import { createRecomputeRequest } from "../recompute-requests";
import { weeklyScope } from "../../domain/schedules";
import { THRESHOLD_KEYS, type ThresholdKey } from "../../domain/thresholds";
import { complexityWeights, unitThresholds, type CaseTypeRow, type DimensionRow, type FlagRow, type Weights } from "../presenters/settings";
import type { Actor } from "./actor";
import { InputError } from "./input-error";

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

/**
 * The rule every catalogue change follows: adding a key that exists, or changing one that does
 * not, is refused; a row equal to the stored one is nothing to write (false).
 */
function catalogueRowChanges<Row extends { key: string }>(before: Row | undefined, row: Row, create: boolean): boolean {
  if (create && before) throw InputError.refusal("exists", `${row.key} exists`);
  if (!create && !before) throw InputError.refusal("unknown", `no ${row.key}`);
  return !(before && JSON.stringify(before) === JSON.stringify(row));
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
  if (!catalogueRowChanges(before, row, create)) return { requestId: null };
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
  if (!catalogueRowChanges(before, row, create)) return { requestId: null };
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
  if (!catalogueRowChanges(before, row, create)) return { requestId: null };
  await tx.execute(sql`
    insert into wellbeing_dimensions (key, label_da, label_en, higher_is_better, at_theme)
    values (${row.key}, ${row.labelDa}, ${row.labelEn}, ${row.higherIsBetter}, ${row.atTheme})
    on conflict (key) do update set label_da = excluded.label_da, label_en = excluded.label_en,
      higher_is_better = excluded.higher_is_better, at_theme = excluded.at_theme`);
  await recordAudit(tx, { userId: actor.userId, action: create ? "create" : "update", entity: "wellbeing_dimension", entityId: row.key, before: before ?? undefined, after: row });
  const needsRecompute = before !== undefined && (before.higherIsBetter !== row.higherIsBetter || before.atTheme !== row.atTheme);
  return { requestId: needsRecompute ? await createRecomputeRequest(tx, "settings:dimensions", weeklyScope(today)) : null };
}
