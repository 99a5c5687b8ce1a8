// `survey_results`: wellbeing scores aggregated per unit by the vendor. Key (survey_round,
// unit_code, dimension), upserted; the round is created (or its closing date corrected) too.
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { countReturning, FieldReader, parseIntArray, runChecks, sqlProblems, STAGE, type KindModule } from "./shared";

export const surveyResultsKind: KindModule = {
  kind: "survey-results",
  columns: [
    { name: "survey_round", required: true },
    { name: "closed_on", required: true },
    { name: "unit_code", required: true },
    { name: "dimension", required: true },
    { name: "score", required: true },
    { name: "respondents", required: true },
    { name: "invited", required: false },
  ],
  stageColumns:
    "row_no int, survey_round text, closed_on date, unit_code text, dimension text, score numeric, respondents int, invited int",

  parseRow(values, ctx) {
    const f = new FieldReader(values);
    const round = f.text("survey_round", true);
    const closedOn = f.date("closed_on", true);
    const unitCode = f.text("unit_code", true);
    const dimension = f.text("dimension", true)?.toLowerCase() ?? null;
    const score = f.decimal("score", true);
    const respondents = f.integer("respondents", true);
    const invited = f.integer("invited", false);
    if (dimension !== null && !ctx.catalogues.dimensions.has(dimension)) {
      f.problem("dimension", "ref.dimension", { allowed: [...ctx.catalogues.dimensions].join(", ") });
    }
    if (score !== null && (score < 0 || score > 100)) f.problem("score", "value.scoreRange");
    if (respondents !== null && respondents < 0) f.problem("respondents", "value.nonNegative");
    if (invited !== null && respondents !== null && invited < respondents) {
      f.problem("invited", "value.invitedBelowRespondents", { respondents });
    }
    if (f.problems.length) return { problems: f.problems };
    return { stage: { survey_round: round, closed_on: closedOn, unit_code: unitCode, dimension, score, respondents, invited } };
  },

  check(tx, limit) {
    return runChecks([
      (n) => sqlProblems(tx, sql`
        select s.row_no as row, s.unit_code as value, null::json as params from ${STAGE} s
        where not exists (select 1 from units u where u.code = s.unit_code)`, "unit_code", "ref.unit", n),
      (n) => sqlProblems(tx, sql`
        select row_no as row, dimension as value, json_build_object('otherRow', first_row) as params
        from (select row_no, dimension,
                min(row_no) over (partition by survey_round, unit_code, dimension) as first_row from ${STAGE}) d
        where row_no <> first_row`, "dimension", "dup.key", n),
      (n) => sqlProblems(tx, sql`
        select row_no as row, closed_on::text as value,
          json_build_object('otherRow', first_row, 'other', first_closed::text) as params
        from (select row_no, closed_on,
                first_value(row_no) over w as first_row, first_value(closed_on) over w as first_closed
              from ${STAGE} window w as (partition by survey_round order by row_no)) d
        where closed_on <> first_closed`, "closed_on", "survey.closedOnConflict", n),
    ], limit);
  },

  async write(tx) {
    const roundsChanged = await countReturning(tx, sql`
      insert into survey_rounds (key, closed_on)
      select distinct survey_round, closed_on from ${STAGE}
      on conflict (key) do update set closed_on = excluded.closed_on
      where survey_rounds.closed_on <> excluded.closed_on
      returning 1`);
    await tx.execute(sql`
      create temp table import_changed on commit drop as
      select s.*, u.id as unit_id from ${STAGE} s
      join units u on u.code = s.unit_code
      left join survey_results r on r.survey_round = s.survey_round and r.unit_id = u.id and r.dimension = s.dimension
      where r.unit_id is null or r.score <> s.score or r.respondents <> s.respondents
         or r.invited is distinct from s.invited`);
    const resultsChanged = await countReturning(tx, sql`
      insert into survey_results (survey_round, unit_id, dimension, score, respondents, invited)
      select survey_round, unit_id, dimension, score, respondents, invited from import_changed
      on conflict (survey_round, unit_id, dimension) do update set
        score = excluded.score, respondents = excluded.respondents, invited = excluded.invited
      returning 1`);
    // A corrected closing date moves every figure of the round, not only the changed rows.
    const [summary] = await queryRows<{ units: number[] | string | null; from: string | null; to: string | null }>(tx, sql`
      select array_agg(distinct u.id) as units, min(s.closed_on)::text as from, max(s.closed_on)::text as to
      from ${STAGE} s join units u on u.code = s.unit_code
      where ${roundsChanged > 0} or exists (select 1 from import_changed x where x.row_no = s.row_no)`);
    return {
      rowsChanged: roundsChanged + resultsChanged,
      unitIds: parseIntArray(summary.units),
      from: summary.from,
      to: summary.to,
    };
  },
};
