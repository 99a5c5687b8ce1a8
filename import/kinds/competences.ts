// `competences`: who may hold which specialised case types. Key (employee_id, case_type,
// valid_from), inserted when new; the employee must already be known from an employments import.
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { competenceFromSql, keepLedger, ledgerForCompetences } from "../../db/load-ledger";
import { countReturning, FieldReader, parseIntArray, runChecks, sqlProblems, STAGE, type KindModule } from "./shared";

export const competencesKind: KindModule = {
  kind: "competences",
  columns: [
    { name: "employee_id", required: true },
    { name: "case_type", required: true },
    { name: "valid_from", required: false },
  ],
  keepsLedger: true,
  stageColumns: "row_no int, employee_id text, case_type text, valid_from date",

  parseRow(values, ctx) {
    const f = new FieldReader(values);
    const employeeId = f.id("employee_id", true);
    const caseType = f.text("case_type", true)?.toLowerCase() ?? null;
    const validFrom = f.date("valid_from", false);
    if (caseType !== null && !ctx.catalogues.caseTypes.has(caseType)) {
      f.problem("case_type", "ref.caseType", { allowed: [...ctx.catalogues.caseTypes.keys()].join(", ") });
    }
    if (f.problems.length) return { problems: f.problems };
    return { stage: { employee_id: employeeId, case_type: caseType, valid_from: validFrom } };
  },

  check(tx, limit) {
    return runChecks([
      (n) => sqlProblems(tx, sql`
        select s.row_no as row, s.employee_id as value, null::json as params from ${STAGE} s
        where not exists (select 1 from employees e where e.id = s.employee_id)`, "employee_id", "ref.employee", n),
      (n) => sqlProblems(tx, sql`
        select row_no as row, case_type as value, json_build_object('otherRow', first_row) as params
        from (select row_no, case_type,
                min(row_no) over (partition by employee_id, case_type, valid_from) as first_row from ${STAGE}) d
        where row_no <> first_row`, "case_type", "dup.key", n),
    ], limit);
  },

  async write(tx) {
    // Each touched holder and type's first competence before the insert, for the ledger.
    await tx.execute(sql`
      create temp table import_competence_before on commit drop as
      select t.employee_id, t.case_type, f.valid_from
      from (select distinct employee_id, case_type from ${STAGE}) t
      left join (${competenceFromSql(sql`where (employee_id, case_type) in (select employee_id, case_type from ${STAGE})`)}) f
        on f.employee_id = t.employee_id and f.case_type = t.case_type`);
    const inserted = await countReturning(tx, sql`
      insert into competences (employee_id, case_type, valid_from)
      select employee_id, case_type, valid_from from ${STAGE}
      on conflict on constraint competences_key do nothing
      returning employee_id`);
    if (inserted === 0) return { rowsChanged: 0, unitIds: [], from: null, to: null };
    const ledgerMs = await keepLedger(tx, () => ledgerForCompetences(tx, sql`select * from import_competence_before`));
    // A competence changes the mismatch figures of the units where its holder works.
    const [row] = await queryRows<{ units: number[] | string | null }>(tx, sql`
      select array_agg(distinct e.unit_id) as units from employments e
      where e.employee_id in (select employee_id from ${STAGE})`);
    return { rowsChanged: inserted, unitIds: parseIntArray(row.units), from: null, to: null, ledgerMs };
  },
};
