// The settings page's reads: a unit's thresholds with where each comes from, the complexity
// weights and the catalogues (case types, emotional-demand flags, wellbeing dimensions).
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import type { AtTheme } from "../schema";
import { thresholdRows, type ThresholdRow } from "../../domain/thresholds";

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

export interface Weights { w1: number; w2: number; w3: number }

export async function complexityWeights(db: Database): Promise<Weights> {
  const [row] = await queryRows<Weights>(db, sql`
    select weight_complexity_1::float8 as w1, weight_complexity_2::float8 as w2, weight_complexity_3::float8 as w3
    from organisation_settings where id = 1`);
  // No row yet: the defaults of the table (METRICS.md: 1.0, 1.5, 2.0).
  return row ?? { w1: 1, w2: 1.5, w3: 2 };
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
