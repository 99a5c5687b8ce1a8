// `employments`: the HR export, one row per employment period. Key (employee_id, unit_code,
// start_date), upserted; employees are upserted from it (display_name). Periods of one employee in
// one unit may not overlap, neither inside the file nor with periods already stored.
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { END_REASONS, ROLES } from "../../db/schema";
import { resolveFte } from "../parse";
import { keepLedger, ledgerForEmployments } from "../../db/load-ledger";
import { countReturning, FieldReader, parseIntArray, runChecks, sqlProblems, STAGE, type KindModule, type RowProblem } from "./shared";
import { pseudonymisedAmong } from "../../db/privacy/pseudonymise";
import { pseudonymisationKey } from "../../db/privacy/key";
import type { Database } from "../../db/client";

/**
 * Rows of people who were pseudonymised (GDPR): an old HR file must not bring them back. Only ids
 * the database does not hold can be such people; the id itself is left out of the error, so the
 * import history does not keep it either.
 */
async function pseudonymisedRows(tx: Database, limit: number): Promise<{ problems: RowProblem[]; total: number }> {
  const unknown = await queryRows<{ row: number; id: string }>(tx, sql`
    select s.row_no::int as row, s.employee_id as id from ${STAGE} s
     where not exists (select 1 from employees e where e.id = s.employee_id) order by s.row_no`);
  const gone = await pseudonymisedAmong(tx, [...new Set(unknown.map((u) => u.id))], pseudonymisationKey());
  const rows = unknown.filter((u) => gone.has(u.id));
  return {
    problems: rows.slice(0, limit).map((r) => ({ row: r.row, column: "employee_id", value: null, key: "ref.pseudonymised" })),
    total: rows.length,
  };
}

export const employmentsKind: KindModule = {
  kind: "employments",
  columns: [
    { name: "employee_id", required: true },
    { name: "display_name", required: false },
    { name: "unit_code", required: true },
    { name: "role", required: true },
    { name: "is_manager", required: false },
    { name: "fte", required: true },
    { name: "start_date", required: true },
    { name: "end_date", required: false },
    { name: "end_reason", required: false },
  ],
  keepsLedger: true,
  stageColumns:
    "row_no int, employee_id text, display_name text, unit_code text, role text, is_manager boolean, fte numeric, start_date date, end_date date, end_reason text",

  parseRow(values, ctx) {
    const f = new FieldReader(values);
    const employeeId = f.id("employee_id", true);
    const displayName = f.text("display_name", false);
    const unitCode = f.text("unit_code", true);
    const role = f.oneOf("role", ROLES, true);
    const isManager = f.boolean("is_manager");
    const fteRaw = f.decimal("fte", true);
    const start = f.date("start_date", true);
    const end = f.date("end_date", false);
    const endReason = f.oneOf("end_reason", END_REASONS, false);
    let fte: number | null = null;
    if (fteRaw !== null) {
      const resolved = resolveFte(fteRaw);
      if (!resolved) f.problem("fte", "value.fteRange");
      else {
        fte = resolved.fte;
        if (resolved.fromHours) ctx.notes.set("warning.hoursConverted", (ctx.notes.get("warning.hoursConverted") ?? 0) + 1);
      }
    }
    if (start && end && end < start) f.problem("end_date", "value.endBeforeStart", { start });
    if (end && !endReason && !f.raw("end_reason")) f.problem("end_reason", "value.endReasonRequired");
    if (!f.raw("end_date") && endReason) f.problem("end_reason", "value.endReasonWithoutEnd");
    if (f.problems.length) return { problems: f.problems };
    return {
      stage: {
        employee_id: employeeId,
        display_name: displayName,
        unit_code: unitCode,
        role,
        is_manager: isManager ?? role === "manager",
        fte,
        start_date: start,
        end_date: end,
        end_reason: endReason,
      },
    };
  },

  check(tx, limit) {
    return runChecks([
      (n) => sqlProblems(tx, sql`
        select s.row_no as row, s.unit_code as value, null::json as params from ${STAGE} s
        where not exists (select 1 from units u where u.code = s.unit_code)`, "unit_code", "ref.unit", n),
      (n) => sqlProblems(tx, sql`
        select row_no as row, start_date::text as value, json_build_object('otherRow', first_row) as params
        from (select row_no, start_date,
                min(row_no) over (partition by employee_id, unit_code, start_date) as first_row from ${STAGE}) d
        where row_no <> first_row`, "start_date", "dup.key", n),
      (n) => sqlProblems(tx, sql`
        select row_no as row, start_date::text as value, json_build_object('otherRow', prev_row) as params
        from (select row_no, start_date,
                lag(coalesce(end_date, 'infinity'::date)) over w as prev_end,
                lag(start_date) over w as prev_start,
                lag(row_no) over w as prev_row
              from ${STAGE}
              window w as (partition by employee_id, unit_code order by start_date, row_no)) d
        where prev_end >= start_date and prev_start <> start_date`, "start_date", "overlap.employmentFile", n),
      (n) => sqlProblems(tx, sql`
        select s.row_no as row, s.start_date::text as value, json_build_object('start', min(e.start_date)::text) as params
        from ${STAGE} s
        join units u on u.code = s.unit_code
        join employments e on e.employee_id = s.employee_id and e.unit_id = u.id
        where e.start_date <> s.start_date
          and daterange(e.start_date, e.end_date, '[]') && daterange(s.start_date, s.end_date, '[]')
          and not exists (select 1 from ${STAGE} k where k.employee_id = e.employee_id
                          and k.unit_code = s.unit_code and k.start_date = e.start_date)
        group by s.row_no, s.start_date`, "start_date", "overlap.employmentDb", n),
      (n) => pseudonymisedRows(tx, n),
    ], limit);
  },

  async write(tx) {
    // The last non-empty display_name in the file wins; an empty one never erases a stored name.
    const employeesChanged = await countReturning(tx, sql`
      insert into employees (id, display_name)
      select distinct on (employee_id) employee_id, display_name from ${STAGE}
      order by employee_id, (display_name is null), row_no desc
      on conflict (id) do update set display_name = excluded.display_name
      where excluded.display_name is not null and employees.display_name is distinct from excluded.display_name
      returning 1`);
    await tx.execute(sql`
      create temp table import_changed on commit drop as
      select s.*, u.id as unit_id, e.id as existing_id, e.end_date as old_end
      from ${STAGE} s
      join units u on u.code = s.unit_code
      left join employments e on e.employee_id = s.employee_id and e.unit_id = u.id and e.start_date = s.start_date
      where e.id is null or e.role <> s.role or e.is_manager <> s.is_manager or e.fte <> s.fte
         or e.end_date is distinct from s.end_date or e.end_reason is distinct from s.end_reason`);
    // What the changed keys held before, for the ledger's FTE (taken back, then the file's added).
    await tx.execute(sql`
      create temp table import_employments_old on commit drop as
      select e.unit_id, e.role, e.fte, e.start_date, e.end_date from employments e
      where e.id in (select existing_id from import_changed where existing_id is not null)`);
    // Updates first (they only move end dates of existing keys), then new keys, so the exclusion
    // constraint never sees a new period beside an old end date that the file is about to change.
    await tx.execute(sql`
      update employments e set role = x.role, is_manager = x.is_manager, fte = x.fte,
        end_date = x.end_date, end_reason = x.end_reason
      from import_changed x where e.id = x.existing_id`);
    await tx.execute(sql`
      insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason)
      select employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason
      from import_changed where existing_id is null`);
    const [summary] = await queryRows<{ n: number; units: number[] | string | null; from: string | null; open: boolean; to: string | null }>(tx, sql`
      select count(*)::int as n, array_agg(distinct unit_id) as units, min(start_date)::text as from,
        bool_or(end_date is null or (existing_id is not null and old_end is null)) as open,
        max(greatest(end_date, old_end))::text as to
      from import_changed`);
    const unitIds = parseIntArray(summary.units);
    const ledgerMs = await keepLedger(tx, () => ledgerForEmployments(tx, sql`select * from import_employments_old`,
      sql`select unit_id, role, fte, start_date, end_date from import_changed`));
    return {
      ledgerMs,
      rowsChanged: summary.n + employeesChanged,
      unitIds,
      from: summary.from,
      to: summary.open ? null : summary.to,
    };
  },
};

