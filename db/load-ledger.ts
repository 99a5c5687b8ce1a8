// The load ledger (docs/decisions/0017): per team and ISO week, the +/− change of every load
// figure (open cases per complexity, unassigned, flagged, mismatched, caseworker FTE) and the
// week's new and closed cases. Definitions: METRICS.md "Caseload"; the rollups are running sums
// of it (jobs/recompute/stages/load/recompute.ts). Kept by the importer in the import's own transaction, from the
// file's old and new rows only; rebuilt from the facts when a writer bypassed it (ledger_state).
//
// Weeks are Mondays; a fact covers the weeks whose Sunday it spans: +1 at the Monday of its start,
// −1 at the Monday after its end's week... precisely at monday(end + 1), the first week whose
// Sunday it no longer covers. Nothing is clipped to a range: the running sum from the first week
// gives every week's figure.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "./client";

/** Monday of the week containing d (see jobs/recompute/stages/load/deltas.ts: integer arithmetic, no time zones). */
export const mondaySql = (d: SQL) => sql`(${d} - ((((${d}) - date '2000-01-03') % 7 + 7) % 7))`;

/** The weights of the complexities, as `weights (w1, w2, w3)`. */
export const weightsSql = sql`weights as (select weight_complexity_1 as w1, weight_complexity_2 as w2, weight_complexity_3 as w3
      from organisation_settings where id = 1)`;

/** Ledger columns besides the key, in storage order. */
export const LEDGER_COLUMNS = [
  "complexity_1", "complexity_2", "complexity_3", "unassigned", "flagged", "mismatched", "fte", "new_cases", "closed_cases",
] as const;
const COLS = sql.raw(LEDGER_COLUMNS.join(", "));
const SUMS = sql.raw(LEDGER_COLUMNS.map((c) => c === "fte" ? `sum(${c})::bigint as ${c}` : `sum(${c})::int as ${c}`).join(", "));
const NONZERO = sql.raw(LEDGER_COLUMNS.map((c) => `sum(${c}) <> 0`).join(" or "));
const ALL_ZERO = sql.raw(LEDGER_COLUMNS.map((c) => `l.${c} = 0`).join(" and "));

/** Each holder's first valid competence per case type (null valid_from = always). */
export function competenceFromSql(where: SQL = sql``): SQL {
  return sql`select employee_id, case_type, min(coalesce(valid_from, '-infinity'::date)) as valid_from
      from competences ${where} group by employee_id, case_type`;
}

/**
 * Ledger rows (unaggregated) of a set of case periods with a `sign` column (+1 added, −1 removed),
 * each holder's first competence read from `competenceFrom` (employee_id, case_type, valid_from).
 */
export function periodLedgerSql(periods: SQL, competenceFrom: SQL = competenceFromSql()): SQL {
  return sql`
    select x.unit_id, d.wk,
      x.sign * d.o * (x.complexity = 1)::int as complexity_1, x.sign * d.o * (x.complexity = 2)::int as complexity_2,
      x.sign * d.o * (x.complexity not in (1, 2))::int as complexity_3, x.sign * d.o * x.unassigned as unassigned,
      x.sign * d.o * x.flagged as flagged, x.sign * d.m as mismatched, 0::bigint as fte, 0 as new_cases, 0 as closed_cases
    from (
      select p.unit_id, p.sign, p.complexity,
        (p.caseworker_id is null)::int as unassigned,
        (cardinality(p.emotional_flags) > 0)::int as flagged,
        ${mondaySql(sql`p.period_start`)} as fw,
        ${mondaySql(sql`(p.period_end + 1)`)} as after,
        case when ct.specialised and p.caseworker_id is not null and (cf.valid_from is null or cf.valid_from > p.period_start)
          then true else false end as mis,
        case when ct.specialised and p.caseworker_id is not null and (cf.valid_from is null or cf.valid_from > p.period_start)
          then ${mondaySql(sql`(case when cf.valid_from is null then p.period_end
                              when p.period_end is null then cf.valid_from - 1
                              else least(p.period_end, cf.valid_from - 1) end + 1)`)} end as mafter
      from (${periods}) p
      join case_types ct on ct.key = p.case_type
      left join (${competenceFrom}) cf on cf.employee_id = p.caseworker_id and cf.case_type = p.case_type
      offset 0 -- fw/after/mafter computed once per period
    ) x
    cross join lateral (values (x.fw, 1, 0), (x.after, -1, 0), (x.fw, 0, 1), (x.mafter, 0, -1)) as d(wk, o, m)
    where (x.after is null or x.after > x.fw)
      and ((d.o = 1) or (d.o = -1 and x.after is not null)
        or (d.m = 1 and x.mis and (x.mafter is null or x.mafter > x.fw))
        or (d.m = -1 and x.mis and x.mafter is not null and x.mafter > x.fw))`;
}

/** Case-holding employments of a set (with `sign`): +fte from the week of the start, −fte after the end. */
/** Each unit's case-holding roles beyond caseworker and specialist: the nearest ancestor's (itself first) that sets them. */
export function inheritedRolesSql(): SQL {
  return sql`select distinct on (c.descendant_id) c.descendant_id as unit_id, s.case_holding_roles as roles
        from unit_closure c join unit_settings s on s.unit_id = c.ancestor_id and s.case_holding_roles is not null
        order by c.descendant_id, c.depth`;
}

export function employmentLedgerSql(employments: SQL, roles: SQL = inheritedRolesSql()): SQL {
  return sql`
    select x.unit_id, d.wk, 0 as complexity_1, 0 as complexity_2, 0 as complexity_3, 0 as unassigned, 0 as flagged,
      0 as mismatched, x.sign * d.o * x.fte as fte, 0 as new_cases, 0 as closed_cases
    from (
      select e.unit_id, e.sign, round(e.fte * 10000)::bigint as fte,
        ${mondaySql(sql`e.start_date`)} as fw, ${mondaySql(sql`(e.end_date + 1)`)} as after
      from (${employments}) e
      left join (${roles}) xr on xr.unit_id = e.unit_id
      where e.role in ('caseworker', 'specialist') or e.role = any(coalesce(xr.roles, '{}'))
      offset 0
    ) x
    cross join lateral (values (x.fw, 1), (x.after, -1)) as d(wk, o)
    where (x.after is null or x.after > x.fw) and (d.o = 1 or x.after is not null)`;
}

/**
 * New and closed cases of a set of periods holding whole case histories (with `sign`, one per
 * case): the first period's start week and team, and the last period's end week and team. One
 * aggregate per case with no join back: start day and team packed into one bigint (days since 1900
 * in 17 bits, team id in 20 bits, as jobs/recompute/stages/load/deltas.ts).
 */
export function caseEventLedgerSql(periods: SQL): SQL {
  return sql`
    select e.unit_id, e.wk, 0 as complexity_1, 0 as complexity_2, 0 as complexity_3, 0 as unassigned, 0 as flagged,
      0 as mismatched, 0::bigint as fte, e.n as new_cases, e.c as closed_cases
    from (
      select b.sign, date '1900-01-01' + (b.first_key >> 20)::int as first_start, (b.first_key & 1048575)::int as first_unit,
        case when (b.last_key >> 20) & 131071 = 0 then null else date '1900-01-01' + ((b.last_key >> 20) & 131071)::int - 1 end as last_end,
        (b.last_key & 1048575)::int as last_unit
      from (
        select min(sign) as sign,
          min((period_start - date '1900-01-01')::bigint * 1048576 + unit_id) as first_key,
          max(((period_start - date '1900-01-01')::bigint * 131072 + coalesce(period_end - date '1900-01-01' + 1, 0)) * 1048576 + unit_id) as last_key
        from (${periods}) p group by case_id, sign
      ) b
    ) x
    cross join lateral (values
      (x.first_unit, ${mondaySql(sql`x.first_start`)}, x.sign, 0),
      (x.last_unit, ${mondaySql(sql`x.last_end`)}, 0, x.sign)) as e(unit_id, wk, n, c)
    where e.wk is not null`;
}

/** Sums ledger rows per team and week, leaving out rows that cancel to nothing. */
function summedSql(rows: SQL): SQL {
  return sql`select unit_id, wk as week_start, ${SUMS} from (${rows}) r group by unit_id, wk having ${NONZERO}`;
}

/** Every fact as ledger rows: what a rebuild sums. */
function allFactsSql(): SQL {
  return sql`${periodLedgerSql(sql`select *, 1 as sign from case_periods`)}
    union all ${employmentLedgerSql(sql`select *, 1 as sign from employments`)}
    union all ${caseEventLedgerSql(sql`select case_id, period_start, period_end, unit_id, 1 as sign from case_periods`)}`;
}

/** Replaces the ledger with one built from the facts, and marks it exact. */
export async function rebuildLedger(db: Database): Promise<number> {
  await db.execute(sql`truncate load_ledger`);
  const [{ n }] = await queryRows<{ n: number }>(db, sql`
    with inserted as (insert into load_ledger (unit_id, week_start, ${COLS}) ${summedSql(allFactsSql())} returning 1)
    select count(*)::int as n from inserted`);
  await db.execute(sql`update ledger_state set dirty = false, rebuilt_at = now() where id = 1`);
  return n;
}

/** Whether a write since the last rebuild bypassed the ledger. */
export async function ledgerDirty(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ dirty: boolean }>(db, sql`select dirty from ledger_state where id = 1`);
  return row?.dirty ?? true;
}

/** Rebuilds the ledger when a writer bypassed it; true when it did. */
export async function ensureLedger(db: Database): Promise<boolean> {
  if (!(await ledgerDirty(db))) return false;
  await rebuildLedger(db);
  return true;
}

/** The transaction keeps the ledger itself: its writes to the facts do not mark it stale. */
export async function markLedgerKept(tx: Database): Promise<void> {
  await tx.execute(sql`select set_config('belastning.ledger_kept', 'on', true)`);
}

/**
 * Runs `keep` (a ledger update of the caller's transaction, marked with markLedgerKept) unless the
 * ledger is stale anyway (the next aggregation rebuilds it); its time in ms, or 0.
 */
export async function keepLedger(tx: Database, keep: () => Promise<unknown>): Promise<number> {
  if (await ledgerDirty(tx)) return 0;
  const t0 = performance.now();
  await keep();
  return Math.round(performance.now() - t0);
}

/** Adds ledger rows (any mix of signs) into the ledger; rows that cancel to zero are removed. */
export async function applyLedgerRows(tx: Database, rows: SQL): Promise<number> {
  await tx.execute(sql`drop table if exists ledger_change`);
  await tx.execute(sql`create temp table ledger_change on commit drop as ${summedSql(rows)}`);
  const set = sql.raw(LEDGER_COLUMNS.map((c) => `${c} = load_ledger.${c} + excluded.${c}`).join(", "));
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`
    with up as (
      insert into load_ledger (unit_id, week_start, ${COLS}) select unit_id, week_start, ${COLS} from ledger_change
      order by week_start, unit_id
      on conflict (week_start, unit_id) do update set ${set}
      returning 1)
    select count(*)::int as n from up`);
  await tx.execute(sql`
    delete from load_ledger l using ledger_change c
    where l.unit_id = c.unit_id and l.week_start = c.week_start and ${ALL_ZERO}`);
  return n;
}

/**
 * A case-period import: `removed` and `added` hold whole histories of the same cases (columns as
 * case_periods), removed being what was stored before. Pays per changed period, not per history.
 */
export async function ledgerForCasePeriods(tx: Database, removed: SQL | null, added: SQL): Promise<number> {
  const signed = (periods: SQL, sign: number) => sql`select case_id, period_start, period_end, unit_id, caseworker_id, case_type,
    complexity, emotional_flags, ${sign}::int as sign from (${periods}) s`;
  const periods = removed ? sql`${signed(removed, -1)} union all ${signed(added, 1)}` : signed(added, 1);
  return applyLedgerRows(tx, sql`${periodLedgerSql(periods)} union all ${caseEventLedgerSql(periods)}`);
}

/** An employment import: the employments as stored before (`removed`) and after (`added`). */
export async function ledgerForEmployments(tx: Database, removed: SQL, added: SQL): Promise<number> {
  const signed = (rows: SQL, sign: number) => sql`select unit_id, role, fte, start_date, end_date, ${sign}::int as sign from (${rows}) s`;
  return applyLedgerRows(tx, employmentLedgerSql(sql`${signed(removed, -1)} union all ${signed(added, 1)}`));
}

/**
 * A competence import: `before` holds each touched (employee, case type)'s first competence before
 * the insert (a temp table of competenceFromSql for those pairs). The mismatched deltas of their
 * periods under the old first date are taken back and those under the new one added.
 */
export async function ledgerForCompetences(tx: Database, before: SQL): Promise<number> {
  await tx.execute(sql`drop table if exists ledger_competence_change`);
  await tx.execute(sql`
    create temp table ledger_competence_change on commit drop as
    select a.employee_id, a.case_type, b.valid_from as old_from, a.valid_from as new_from
    from (${competenceFromSql(sql`where (employee_id, case_type) in (select employee_id, case_type from (${before}) t)`)}) a
    left join (${before}) b on b.employee_id = a.employee_id and b.case_type = a.case_type
    where b.valid_from is distinct from a.valid_from`);
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ledger_competence_change`);
  if (n === 0) return 0;
  const periods = (sign: number) => sql`select p.*, ${sign}::int as sign from case_periods p
    where (p.caseworker_id, p.case_type) in (select employee_id, case_type from ledger_competence_change)`;
  const mismatchOnly = (rows: SQL) => sql`select unit_id, wk, 0 as complexity_1, 0 as complexity_2, 0 as complexity_3, 0 as unassigned,
    0 as flagged, mismatched, 0::bigint as fte, 0 as new_cases, 0 as closed_cases from (${rows}) r where mismatched <> 0`;
  const cf = (column: string) => sql`select employee_id, case_type, ${sql.raw(column)} as valid_from from ledger_competence_change where ${sql.raw(column)} is not null`;
  return applyLedgerRows(tx, sql`${mismatchOnly(periodLedgerSql(periods(-1), cf("old_from")))}
    union all ${mismatchOnly(periodLedgerSql(periods(1), cf("new_from")))}`);
}

/**
 * A change of the unit tree (units import): the ledger holds each team's own figures, so only the
 * FTE of units whose inherited case-holding roles changed moves. `before` holds
 * inheritedRolesSql() as it was before the change.
 */
export async function ledgerForUnitTree(tx: Database, before: SQL): Promise<number> {
  await tx.execute(sql`drop table if exists ledger_roles_after, ledger_roles_changed`);
  await tx.execute(sql`create temp table ledger_roles_after on commit drop as ${inheritedRolesSql()}`);
  await tx.execute(sql`
    create temp table ledger_roles_changed on commit drop as
    select coalesce(a.unit_id, b.unit_id) as unit_id from ledger_roles_after a full join (${before}) b on b.unit_id = a.unit_id
    where a.roles is distinct from b.roles`);
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ledger_roles_changed`);
  if (n === 0) return 0;
  const employments = (sign: number) => sql`select e.*, ${sign}::int as sign from employments e
    where e.unit_id in (select unit_id from ledger_roles_changed)`;
  return applyLedgerRows(tx, sql`${employmentLedgerSql(employments(-1), before)}
    union all ${employmentLedgerSql(employments(1), sql`select * from ledger_roles_after`)}`);
}

/** Rows where the kept ledger and one rebuilt from the facts differ (0 = equal). */
export async function checkLedger(db: Database): Promise<{ differing: number; rows: number }> {
  const [row] = await queryRows<{ differing: number; rows: number }>(db, sql`
    with rebuilt as materialized (${summedSql(allFactsSql())}),
    kept as materialized (select unit_id, week_start, ${COLS} from load_ledger)
    select (select count(*)::int from ((select * from rebuilt except all select * from kept)
              union all (select * from kept except all select * from rebuilt)) d) as differing,
           (select count(*)::int from kept) as rows`);
  return row;
}
