// wellbeing_unit_round: every survey figure after roll-up and suppression, i.e. exactly what pages
// and exports may show. The roll-up needs the whole tree per round and dimension and the data is
// small (units × dimensions per round), so the pure function runs here and one insert writes it.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../../../db/client";
import { wellbeingFigures, type ImportedScore, type UnitNode } from "../../../../domain/wellbeing";

/** Rounds to recompute: all of them, or those closed within [from, to]. */
export interface WellbeingScope {
  from?: string | null;
  to?: string | null;
}

export async function loadUnitNodes(db: Database): Promise<UnitNode[]> {
  return queryRows<UnitNode>(db, sql`select id, parent_id as "parentId", code from units order by id`);
}

export async function minRespondents(db: Database): Promise<number> {
  const rows = await queryRows<{ min: number }>(db, sql`select min_respondents::int as min from organisation_settings where id = 1`);
  return rows[0]?.min ?? 5;
}

export async function recomputeWellbeing(db: Database, scope: WellbeingScope = {}): Promise<number> {
  const rounds = await queryRows<{ key: string }>(db, sql`
    select key from survey_rounds
    where (${scope.from ?? null}::date is null or closed_on >= ${scope.from ?? null}::date)
      and (${scope.to ?? null}::date is null or closed_on <= ${scope.to ?? null}::date)`);
  const keys = rounds.map((r) => r.key);
  // Rounds that were deleted leave no rows behind.
  await db.execute(sql`delete from wellbeing_unit_round w where not exists (select 1 from survey_rounds r where r.key = w.survey_round)`);
  if (keys.length === 0) return 0;
  const units = await loadUnitNodes(db);
  const min = await minRespondents(db);
  const results = await queryRows<ImportedScore & { round: string; dimension: string }>(db, sql`
    select survey_round as round, dimension, unit_id as "unitId", score::float8 as score, respondents, invited
    from survey_results where survey_round in ${keysList(keys)}`);
  const groups = new Map<string, ImportedScore[]>();
  for (const r of results) {
    const key = JSON.stringify([r.round, r.dimension]);
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const rows: unknown[] = [];
  for (const [key, scores] of groups) {
    const [round, dimension] = JSON.parse(key) as [string, string];
    for (const f of wellbeingFigures(units, scores, min).values()) {
      rows.push({ unit_id: f.unitId, survey_round: round, dimension, score: f.score, respondents: f.respondents, invited: f.invited, own: f.own, hidden_reason: f.hiddenReason });
    }
  }
  await db.execute(sql`delete from wellbeing_unit_round where survey_round in ${keysList(keys)}`);
  if (rows.length === 0) return 0;
  await db.execute(sql`
    insert into wellbeing_unit_round (unit_id, survey_round, dimension, score, respondents, invited, own, hidden_reason)
    select unit_id, survey_round, dimension, score, respondents, invited, own, hidden_reason
    from json_to_recordset(${JSON.stringify(rows)}::json)
      as x(unit_id int, survey_round text, dimension text, score numeric, respondents int, invited int, own boolean, hidden_reason text)`);
  return rows.length;
}

function keysList(keys: string[]) {
  return sql`(${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`;
}
