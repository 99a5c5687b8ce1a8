// The wellbeing export of DATA-CONTRACT.md: every unit in scope × survey round × dimension, from
// wellbeing_unit_round (already rolled up and suppressed exactly as the pages show it). A hidden
// score, or a unit without answers, is an empty cell: never a missing row. A hidden row's
// respondents are empty too, as on the pages: a hidden group's size is itself protected, and the
// counts would let a reader subtract their way to it.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client";
import { type ExportColumn, type ExportTable } from "./table";
import { scopeUnitIds, unitFilter } from "./load";

export const WELLBEING_COLUMNS: ExportColumn[] = [
  { header: "unit_code", kind: "text" },
  { header: "unit_name", kind: "text" },
  { header: "survey_round", kind: "text" },
  { header: "dimension", kind: "text" },
  { header: "score", kind: "number", decimals: 1 },
  { header: "respondents", kind: "number" },
];

export async function buildWellbeingExport(db: Database, request: { unitCode?: string }): Promise<ExportTable> {
  const ids = await scopeUnitIds(db, request.unitCode);
  const rows = await queryRows<{ code: string; name: string; round: string; dimension: string; score: number | null; respondents: number | null }>(db, sql`
    select u.code, u.name, r.key as round, d.key as dimension,
      case when w.hidden_reason is null then w.score::float8 end as score,
      case when w.unit_id is null then 0 when w.hidden_reason is null then w.respondents end as respondents
    from units u
    cross join survey_rounds r
    join (select distinct survey_round, dimension from survey_results) rd on rd.survey_round = r.key
    join wellbeing_dimensions d on d.key = rd.dimension
    left join wellbeing_unit_round w on w.unit_id = u.id and w.survey_round = r.key and w.dimension = d.key
    where ${unitFilter(ids)}
    order by u.code, r.closed_on, r.key, d.key`);
  return {
    name: "wellbeing",
    columns: WELLBEING_COLUMNS,
    rows: rows.map((r) => [r.code, r.name, r.round, r.dimension, r.score, r.respondents]),
  };
}
