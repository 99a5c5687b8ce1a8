// `case_periods`: the case system's export, one row per state of a case. The file replaces the
// whole history of every case_id it contains and leaves other cases alone; a case whose history
// is already exactly the file's is not touched, so re-importing a file changes nothing.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { DirectWriteAbandoned } from "../stage";
import { importWorkMem, keepLedger, ledgerForCasePeriods } from "../../db/load-ledger";
import { countReturning, DIRECT_BATCH, FieldReader, parseIntArray, runChecks, sqlProblems, STAGE, type KindModule } from "./shared";

const PERIOD_COLUMNS = "case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity, emotional_flags";
const PERIOD = sql.raw(PERIOD_COLUMNS);
const FLAGS = "case when flags = '' then '{}'::text[] else string_to_array(flags, '|') end";
const FLAGS_SQL = sql.raw(FLAGS);

export const casePeriodsKind: KindModule = {
  kind: "case-periods",
  columns: [
    { name: "case_id", required: true },
    { name: "period_start", required: true },
    { name: "period_end", required: false },
    { name: "unit_code", required: true },
    { name: "caseworker_id", required: false },
    { name: "case_type", required: true },
    { name: "complexity", required: false },
    { name: "emotional_flags", required: false },
  ],
  keepsLedger: true,
  stageColumns:
    "row_no int, case_id text, period_start date, period_end date, unit_id int, caseworker_id text, case_type text, complexity smallint, flags text",

  parseRow(values, ctx) {
    const f = new FieldReader(values);
    const caseId = f.id("case_id", true);
    const start = f.date("period_start", true);
    const end = f.date("period_end", false);
    const unitCode = f.text("unit_code", true);
    const unitId = unitCode === null ? undefined : ctx.catalogues.units.get(unitCode);
    if (unitCode !== null && unitId === undefined) f.problem("unit_code", "ref.unit");
    const caseworkerId = f.id("caseworker_id", false);
    const caseType = f.text("case_type", true)?.toLowerCase() ?? null;
    let complexity = f.integer("complexity", false);
    const flagsRaw = f.raw("emotional_flags");
    const type = caseType === null ? undefined : ctx.catalogues.caseTypes.get(caseType);
    if (caseType !== null && !type) {
      f.problem("case_type", "ref.caseType", { allowed: [...ctx.catalogues.caseTypes.keys()].join(", ") });
    }
    if (complexity !== null && (complexity < 1 || complexity > 3)) {
      f.problem("complexity", "value.complexity");
      complexity = null;
    }
    if (complexity === null && type) complexity = type.defaultComplexity;
    // Sorted and unique, so the same flags in another order compare equal on re-import.
    const flags = flagsRaw === "" ? [] : [...new Set(flagsRaw.split("|").map((x) => x.trim().toLowerCase()).filter(Boolean))].sort();
    for (const flag of flags) {
      if (!ctx.catalogues.flags.has(flag)) {
        f.problem("emotional_flags", "ref.flag", { flag, allowed: [...ctx.catalogues.flags].join(", ") });
      }
    }
    if (start && end && end < start) f.problem("period_end", "value.endBeforeStart", { start });
    if (f.problems.length) return { problems: f.problems };
    return {
      stage: {
        case_id: caseId,
        period_start: start,
        period_end: end,
        unit_id: unitId ?? null,
        caseworker_id: caseworkerId,
        case_type: caseType,
        complexity,
        flags: flags.join("|"),
      },
    };
  },

  check(tx, limit) {
    return runChecks([
      (n) => sqlProblems(tx, sql`
        select s.row_no as row, s.caseworker_id as value, null::json as params
        from ${STAGE} s left join employees e on e.id = s.caseworker_id
        where s.caseworker_id is not null and e.id is null`, "caseworker_id", "ref.employee", n),
      // One sort finds both a repeated start and an overlap with the previous period of the case.
      (n) => sqlProblems(tx, sql`
        select row_no as row, period_start::text as value,
          json_build_object('otherRow', prev_row) as params,
          case when prev_start = period_start then 'dup.key' else 'overlap.case' end as key
        from (select row_no, period_start,
                lag(coalesce(period_end, 'infinity'::date)) over w as prev_end,
                lag(period_start) over w as prev_start,
                lag(row_no) over w as prev_row
              from ${STAGE}
              window w as (partition by case_id order by period_start, row_no)) d
        where prev_end >= period_start or prev_start = period_start`, "period_start", "overlap.case", n, true),
    ], limit);
  },

  async write(tx) {
    // The stage's checks above cover every row written below (the file's cases are replaced
    // whole): the per-statement triggers step aside (migration 0032).
    await skipStatementChecks(tx);
    await importWorkMem(tx);
    await tx.execute(sql`
      create temp table import_old on commit drop as
      select c.id, ${PERIOD} from case_periods c where c.case_id in (select case_id from ${STAGE})`);
    const [{ old }] = await queryRows<{ old: number }>(tx, sql`select count(*)::int as old from import_old`);
    if (old === 0) {
      // Only new cases (the usual first load): nothing to compare, nothing to delete.
      const [summary] = await queryRows<{ n: number; units: number[] | string | null; from: string | null; open: boolean; to: string | null }>(tx, sql`
        select count(*)::int as n, array_agg(distinct unit_id) as units, min(period_start)::text as from,
          bool_or(period_end is null) as open, max(period_end)::text as to from ${STAGE}`);
      await tx.execute(sql`
        insert into case_periods (${PERIOD})
        select case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity, ${FLAGS_SQL}
        from ${STAGE} order by case_id, period_start`);
      const ledgerMs = await keepLedger(tx, () => ledgerForCasePeriods(tx, null, sql`
        select case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity, ${FLAGS_SQL} as emotional_flags from ${STAGE}`));
      return { rowsChanged: summary.n, unitIds: parseIntArray(summary.units), from: summary.from, to: summary.open ? null : summary.to, ledgerMs };
    }
    await tx.execute(sql`
      create temp table import_new on commit drop as
      select case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity, ${FLAGS_SQL} as emotional_flags
      from ${STAGE}`);
    // Cases whose stored history differs from the file's in any period, either way round.
    await tx.execute(sql`
      create temp table import_changed on commit drop as
      select case_id from (select ${PERIOD} from import_new except select ${PERIOD} from import_old) a
      union
      select case_id from (select ${PERIOD} from import_old except select ${PERIOD} from import_new) b`);
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from import_changed`);
    if (n === 0) return { rowsChanged: 0, unitIds: [], from: null, to: null };
    await tx.execute(sql`analyze import_changed`);
    const [summary] = await queryRows<{ units: number[] | string | null; from: string | null; open: boolean; to: string | null }>(tx, sql`
      select array_agg(distinct unit_id) as units, min(period_start)::text as from,
        bool_or(period_end is null) as open, max(period_end)::text as to
      from (
        select unit_id, period_start, period_end from import_new where case_id in (select case_id from import_changed)
        union all
        select unit_id, period_start, period_end from import_old where case_id in (select case_id from import_changed)
      ) t`);
    const deleted = await countReturning(tx, sql`
      delete from case_periods where id in (
        select id from import_old where case_id in (select case_id from import_changed)) returning 1`);
    const inserted = await countReturning(tx, sql`
      insert into case_periods (${PERIOD})
      select ${PERIOD} from import_new where case_id in (select case_id from import_changed)
      order by case_id, period_start
      returning 1`);
    // The ledger from the file's cases alone: their stored histories out, the file's in.
    const ledgerMs = await keepLedger(tx, () => ledgerForCasePeriods(tx,
      sql`select * from import_old where case_id in (select case_id from import_changed)`,
      sql`select * from import_new where case_id in (select case_id from import_changed)`));
    return {
      ledgerMs,
      rowsChanged: deleted + inserted,
      unitIds: parseIntArray(summary.units),
      from: summary.from,
      to: summary.open ? null : summary.to,
    };
  },

  // The usual first load, every case new, goes straight into case_periods while the file streams.
  // Its triggers check each batch's references and overlaps against all periods stored so far
  // (this file's earlier batches included), the rules `check` applies to the stage. Rows go in
  // file order: exports list a case's periods together, which keeps the index inserts close, and
  // sorting each batch by case cost about 1 CPU-second more per 1,000,000 rows than it saved.
  direct: {
    insert: (mark) => `
      insert into case_periods (${PERIOD_COLUMNS})
      select case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity, ${FLAGS}
      from ${DIRECT_BATCH}
      ${mark === "0" ? "" : storedCaseGuard(mark)}`,

    async mark(tx) {
      // Checked once after the last batch, set-based (summary below), not by the triggers per batch.
      await skipStatementChecks(tx);
      const [{ mark }] = await queryRows<{ mark: string }>(tx, sql`select coalesce(max(id), 0)::text as mark from case_periods`);
      return mark;
    },

    // A first load into an empty table builds the secondary indexes once the rows are in: a sorted
    // build of each, instead of 1,000,000 inserts into each (Postgres CPU of a 1M-row first load
    // 18.4 s → 11.6 s, builds included). Not for a table with rows: a build sorts all of them.
    // Kept: indexes a constraint or uniqueness stands on, and those led by case_id, which the
    // overlap trigger walks for every batch. Dropping locks the table until commit; nobody waits
    // for that (nor is a deadlock risked): if the lock is not free at once, every index stays.
    async deferIndexes(tx) {
      const [{ empty }] = await queryRows<{ empty: boolean }>(tx, sql`select not exists (select 1 from case_periods) as empty`);
      if (!empty) return [];
      try {
        return await tx.transaction(async (sp) => {
          const [{ previous }] = await queryRows<{ previous: string }>(sp, sql`select current_setting('lock_timeout') as previous`);
          await sp.execute(sql`set local lock_timeout = '100ms'`);
          await sp.execute(sql`lock table case_periods in access exclusive mode`);
          await sp.execute(sql`select set_config('lock_timeout', ${previous}, true)`);
          const indexes = await queryRows<{ name: string; definition: string }>(sp, sql`
            select quote_ident(n.nspname) || '.' || quote_ident(i.relname) as name, pg_get_indexdef(x.indexrelid) as definition
            from pg_index x
            join pg_class i on i.oid = x.indexrelid
            join pg_namespace n on n.oid = i.relnamespace
            join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
            where x.indrelid = 'case_periods'::regclass and not x.indisunique and not x.indisexclusion
              and a.attname <> 'case_id'
              and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
            order by i.relname`);
          for (const index of indexes) await sp.execute(sql.raw(`drop index ${index.name}`));
          return indexes.map((index) => index.definition);
        });
      } catch (error) {
        if (lockNotAvailable(error)) return [];
        throw error;
      }
    },

    async summary(tx, mark) {
      await importWorkMem(tx);
      await checkWritten(tx, mark);
      const [summary] = await queryRows<{ n: number; units: number[] | string | null; from: string | null; open: boolean; to: string | null }>(tx, sql`
        select count(*)::int as n, array_agg(distinct unit_id) as units, min(period_start)::text as from,
          bool_or(period_end is null) as open, max(period_end)::text as to
        from case_periods where id > ${mark}::bigint`);
      // Every case of a direct write is new: its whole history is the rows since the mark.
      const ledgerMs = await keepLedger(tx, () => ledgerForCasePeriods(tx, null, sql`select * from case_periods where id > ${mark}::bigint`));
      return { ledgerMs, rowsChanged: summary.n, unitIds: parseIntArray(summary.units), from: summary.from, to: summary.open ? null : summary.to };
    },
  },
};

/**
 * Nothing of the batch when one of its cases has periods stored before the import (id up to the
 * mark; an empty table has none to look for). One index probe per distinct case, never a scan of
 * case_periods: a semi-join let the planner scan the table once per batch.
 */
function storedCaseGuard(mark: string): string {
  // The mark is a bigint read from the database; checked before it becomes statement text.
  if (!/^\d+$/.test(mark)) throw new Error(`not a bigint: ${mark}`);
  return `where not exists (
        select 1 from (select distinct case_id from ${DIRECT_BATCH}) b,
          lateral (select 1 from case_periods c where c.case_id = b.case_id and c.id <= ${mark}::bigint limit 1) stored)`;
}

/** This transaction checks its case periods itself: the statement triggers return at once. */
async function skipStatementChecks(tx: Database): Promise<void> {
  await tx.execute(sql`select set_config('belastning.case_periods_checked', 'on', true)`);
}

/**
 * The rules the statement triggers enforce, over the rows a direct write stored (ids above the
 * mark; their cases are new, so their histories are complete among them): references to units,
 * employees and case types, and no overlap inside a case. One pass each; a breach sends the file
 * the usual way, whose checks name the rows.
 */
async function checkWritten(tx: Database, mark: string): Promise<void> {
  const [row] = await queryRows<{ missing: boolean; overlap: boolean }>(tx, sql`
    with written as materialized (
      select case_id, period_start, period_end, unit_id, caseworker_id, case_type from case_periods where id > ${mark}::bigint
    )
    select
      exists (select 1 from (select distinct unit_id from written) w where not exists (select 1 from units u where u.id = w.unit_id))
      or exists (select 1 from (select distinct caseworker_id from written where caseworker_id is not null) w
                 where not exists (select 1 from employees e where e.id = w.caseworker_id))
      or exists (select 1 from (select distinct case_type from written) w where not exists (select 1 from case_types t where t.key = w.case_type))
        as missing,
      exists (select 1 from (
        select period_start, lag(coalesce(period_end, 'infinity'::date)) over (partition by case_id order by period_start) as previous_end
        from written) o where o.previous_end >= o.period_start) as overlap`);
  if (row.missing) throw new DirectWriteAbandoned("a reference is not stored");
  if (row.overlap) throw new DirectWriteAbandoned("periods of a case overlap");
}

function lockNotAvailable(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return (e?.code ?? e?.cause?.code) === "55P03";
}
