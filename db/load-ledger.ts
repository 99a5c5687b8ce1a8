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
import { businessDate } from "../env";
import { caseworkerWindowStart } from "../domain/caseload";

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

/** Holders' ledger columns besides the key (week_start, unit_id, employee_id). */
export const HOLDER_COLUMNS = ["complexity_1", "complexity_2", "complexity_3", "flagged", "specialised", "mismatched"] as const;
const HOLDER_COLS = sql.raw(HOLDER_COLUMNS.join(", "));
const HOLDER_SUMS = sql.raw(HOLDER_COLUMNS.map((c) => `sum(${c})::int as ${c}`).join(", "));
const HOLDER_NONZERO = sql.raw(HOLDER_COLUMNS.map((c) => `sum(${c}) <> 0`).join(" or "));

/** Each holder's first valid competence per case type (null valid_from = always). */
export function competenceFromSql(where: SQL = sql``): SQL {
  return sql`select employee_id, case_type, min(coalesce(valid_from, '-infinity'::date)) as valid_from
      from competences ${where} group by employee_id, case_type`;
}

/**
 * The edges of a set of case periods with a `sign` column (+1 added, −1 removed), each holder's
 * first competence read from `competenceFrom` (employee_id, case_type, valid_from): per period,
 * `o` +1 at the week of its start and −1 at the first week it no longer covers, and `m` the same
 * for its part before the holder's first valid competence (mismatched). Columns unit_id,
 * caseworker_id, sign, complexity, unassigned, flagged, specialised, wk, o, m.
 */
function periodEdgesSql(periods: SQL, competenceFrom: SQL, spansOnly = false): SQL {
  const spans = sql`
      select p.unit_id, p.caseworker_id, p.sign, p.complexity,
        (p.caseworker_id is null)::int as unassigned,
        (cardinality(p.emotional_flags) > 0)::int as flagged,
        (ct.specialised and p.caseworker_id is not null)::int as specialised,
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
  `;
  // spansOnly: one row per period with fw, after, mis and mafter (periodSpansSql), no edges.
  if (spansOnly) return spans;
  return sql`
    select x.unit_id, x.caseworker_id, x.sign, x.complexity, x.unassigned, x.flagged, x.specialised, d.wk, d.o, d.m
    from (${spans}) x
    cross join lateral (values (x.fw, 1, 0), (x.after, -1, 0), (x.fw, 0, 1), (x.mafter, 0, -1)) as d(wk, o, m)
    where (x.after is null or x.after > x.fw)
      and ((d.o = 1) or (d.o = -1 and x.after is not null)
        or (d.m = 1 and x.mis and (x.mafter is null or x.mafter > x.fw))
        or (d.m = -1 and x.mis and x.mafter is not null and x.mafter > x.fw))`;
}

/**
 * Per period of a set with `sign` (see periodEdgesSql), the weeks its edges fall on: `fw` (+1 of
 * every open-case figure), `after` (−1; null while open), and for its mismatched part `mis` (the
 * part is not empty) and `mend` (its −1; null while it lasts). Periods with no week are left out.
 */
function periodSpansSql(periods: SQL, competenceFrom: SQL): SQL {
  return sql`
    select x.unit_id, x.caseworker_id, x.sign, x.complexity, x.unassigned, x.flagged, x.specialised, x.fw, x.after,
      (x.mis and (x.mafter is null or x.mafter > x.fw)) as mis,
      case when x.mis and x.mafter > x.fw then x.mafter end as mend
    from (${periodEdgesSql(periods, competenceFrom, true)}) x
    where x.after is null or x.after > x.fw`;
}

/**
 * periodLedgerSql's rows, summed per team and week of each edge kind in one pass over the periods
 * (grouping sets on the start, end and mismatch-end weeks) instead of one row per edge: what an
 * import of many periods adds (1,000,000 new periods: ~2.4M edges). Same sums (ledger.test.ts and
 * `npm run ledger -- check` compare them with a rebuild, which sums the edges).
 */
export function periodLedgerGroupedSql(periods: SQL, competenceFrom: SQL): SQL {
  const o = (column: string, g: string) => sql.raw(`case when g.gf = 0 then g.${column} when g.ga = 0 then -g.${column} else 0 end as ${g}`);
  return sql`
    select g.unit_id, g.wk, ${o("c1", "complexity_1")}, ${o("c2", "complexity_2")}, ${o("c3", "complexity_3")},
      ${o("u", "unassigned")}, ${o("f", "flagged")},
      case when g.gf = 0 then g.m when g.gm = 0 then -g.m else 0 end as mismatched, 0::bigint as fte, 0 as new_cases, 0 as closed_cases
    from (
      select s.unit_id, grouping(s.fw) as gf, grouping(s.after) as ga, grouping(s.mend) as gm, coalesce(s.fw, s.after, s.mend) as wk,
        sum(s.sign * (s.complexity = 1)::int) as c1, sum(s.sign * (s.complexity = 2)::int) as c2,
        sum(s.sign * (s.complexity not in (1, 2))::int) as c3, sum(s.sign * s.unassigned) as u, sum(s.sign * s.flagged) as f,
        sum(s.sign * s.mis::int) as m
      from (${periodSpansSql(periods, competenceFrom)}) s
      group by grouping sets ((s.unit_id, s.fw), (s.unit_id, s.after), (s.unit_id, s.mend))
    ) g
    where g.wk is not null`;
}

/**
 * holderLedgerSql's rows, summed per team, holder and week of each edge kind in one pass (as
 * periodLedgerGroupedSql). A period over before the horizon's week is left out: every edge of it
 * is written at the horizon, where they cancel (its +1 and −1, its mismatched part's +1 and −1).
 * A file spread over years is mostly such periods (the bench's second file: 864,000 of 1,000,000),
 * and grouping them cost more than the rest of the holders' ledger.
 */
export function holderLedgerGroupedSql(periods: SQL, horizon: SQL, competenceFrom: SQL): SQL {
  const o = (column: string, g: string) => sql.raw(`case when g.gf = 0 then g.${column} when g.ga = 0 then -g.${column} else 0 end as ${g}`);
  return sql`
    select g.unit_id, g.employee_id, g.wk, ${o("c1", "complexity_1")}, ${o("c2", "complexity_2")}, ${o("c3", "complexity_3")},
      ${o("f", "flagged")}, ${o("sp", "specialised")},
      case when g.gf = 0 then g.m when g.gm = 0 then -g.m else 0 end as mismatched
    from (
      select s.unit_id, s.employee_id, grouping(s.fw) as gf, grouping(s.after) as ga, grouping(s.mend) as gm,
        coalesce(s.fw, s.after, s.mend) as wk,
        sum(s.sign * (s.complexity = 1)::int) as c1, sum(s.sign * (s.complexity = 2)::int) as c2,
        sum(s.sign * (s.complexity not in (1, 2))::int) as c3, sum(s.sign * s.flagged) as f, sum(s.sign * s.specialised) as sp,
        sum(s.sign * s.mis::int) as m
      from (
        select p.unit_id, p.caseworker_id as employee_id, p.sign, p.complexity, p.flagged, p.specialised, p.mis,
          greatest(p.fw, ${horizon}) as fw,
          case when p.after is not null then greatest(p.after, ${horizon}) end as after,
          case when p.mend is not null then greatest(p.mend, ${horizon}) end as mend
        from (${periodSpansSql(sql`select * from (${periods}) q where q.caseworker_id is not null
          and (q.period_end is null or ${mondaySql(sql`(q.period_end + 1)`)} > ${horizon})`, competenceFrom)}) p
      ) s
      group by grouping sets ((s.unit_id, s.employee_id, s.fw), (s.unit_id, s.employee_id, s.after), (s.unit_id, s.employee_id, s.mend))
    ) g
    where g.wk is not null`;
}

/** Ledger rows (unaggregated) of a set of case periods with a `sign` column (see periodEdgesSql). */
export function periodLedgerSql(periods: SQL, competenceFrom: SQL = competenceFromSql()): SQL {
  return sql`
    select e.unit_id, e.wk,
      e.sign * e.o * (e.complexity = 1)::int as complexity_1, e.sign * e.o * (e.complexity = 2)::int as complexity_2,
      e.sign * e.o * (e.complexity not in (1, 2))::int as complexity_3, e.sign * e.o * e.unassigned as unassigned,
      e.sign * e.o * e.flagged as flagged, e.sign * e.m as mismatched, 0::bigint as fte, 0 as new_cases, 0 as closed_cases
    from (${periodEdgesSql(periods, competenceFrom)}) e`;
}

/**
 * Holders' ledger rows (unaggregated) of a set of case periods with `sign`: the assigned periods'
 * edges per team and holder, an edge before `horizon` written at the horizon (the state the kept
 * weeks start from).
 */
export function holderLedgerSql(periods: SQL, horizon: SQL, competenceFrom: SQL = competenceFromSql()): SQL {
  return sql`
    select e.unit_id, e.caseworker_id as employee_id, greatest(e.wk, ${horizon}) as wk,
      e.sign * e.o * (e.complexity = 1)::int as complexity_1, e.sign * e.o * (e.complexity = 2)::int as complexity_2,
      e.sign * e.o * (e.complexity not in (1, 2))::int as complexity_3, e.sign * e.o * e.flagged as flagged,
      e.sign * e.o * e.specialised as specialised, e.sign * e.m as mismatched
    from (${periodEdgesSql(sql`select * from (${periods}) q where q.caseworker_id is not null`, competenceFrom)}) e`;
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

/**
 * caseEventLedgerSql's rows for an import: the per-case aggregate materialised once and read twice
 * (new cases, closed cases) instead of a two-row VALUES list per case, which cost more than the
 * aggregate (~835,000 cases: 6 of its 9 s under EXPLAIN ANALYZE). The rebuild keeps the VALUES
 * form, so the ledger check compares the two.
 */
export function caseEventLedgerImportSql(periods: SQL): SQL {
  return sql`
    select * from (
      with b as materialized (
        select min(sign) as sign,
          min((period_start - date '1900-01-01')::bigint * 1048576 + unit_id) as first_key,
          max(((period_start - date '1900-01-01')::bigint * 131072 + coalesce(period_end - date '1900-01-01' + 1, 0)) * 1048576 + unit_id) as last_key
        from (${periods}) p group by case_id, sign
      )
      select (b.first_key & 1048575)::int as unit_id, ${mondaySql(sql`(date '1900-01-01' + (b.first_key >> 20)::int)`)} as wk,
        0 as complexity_1, 0 as complexity_2, 0 as complexity_3, 0 as unassigned, 0 as flagged,
        0 as mismatched, 0::bigint as fte, b.sign as new_cases, 0 as closed_cases
      from b
      union all
      select (b.last_key & 1048575)::int, ${mondaySql(sql`(date '1900-01-01' + ((b.last_key >> 20) & 131071)::int - 1)`)},
        0, 0, 0, 0, 0, 0, 0::bigint, 0, b.sign
      from b where (b.last_key >> 20) & 131071 <> 0
    ) events`;
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

/** Sums holders' ledger rows per week, team and holder, leaving out rows that cancel to nothing. */
function summedHolderSql(rows: SQL): SQL {
  return sql`select wk as week_start, unit_id, employee_id, ${HOLDER_SUMS} from (${rows}) r group by wk, unit_id, employee_id having ${HOLDER_NONZERO}`;
}

function allHolderFactsSql(horizon: string): SQL {
  return holderLedgerSql(sql`select *, 1 as sign from case_periods`, sql`${horizon}::date`);
}

/**
 * The state row: whether a writer bypassed the ledgers, and the holders' horizon (null: not built).
 * `lock`: locked for this transaction (see keepLedger: rebuilds and imports take it first).
 */
async function ledgerState(db: Database, lock?: "share" | "update"): Promise<{ dirty: boolean; horizon: string | null }> {
  const [row] = await queryRows<{ dirty: boolean; horizon: string | null }>(db, sql`
    select dirty, holder_horizon::text as horizon from ledger_state where id = 1 ${lock ? sql.raw(`for ${lock}`) : sql``}`);
  return row ?? { dirty: true, horizon: null };
}

/**
 * Statistics for a ledger just rewritten from empty (a truncate drops them): without them the
 * aggregation that usually follows at once planned 1,386,171 subtree rows as 7,828 at national
 * scale. Autovacuum gets to the table later, where it runs at all.
 */
async function analyseRewritten(db: Database, ledger: "load_ledger" | "load_subtree_ledger" | "load_holder_ledger"): Promise<void> {
  await db.execute(sql.raw(`analyze ${ledger}`));
}

/** Replaces the holders' ledger with one built from the facts, kept apart from `horizon` on. */
export async function rebuildHolderLedger(db: Database, horizon: string): Promise<number> {
  // The state row first, as every writer of the ledgers does: no lock is taken in the other order.
  await ledgerState(db, "update");
  await db.execute(sql`update ledger_state set holder_horizon = ${horizon}::date where id = 1`);
  await db.execute(sql`truncate load_holder_ledger`);
  const [{ n }] = await queryRows<{ n: number }>(db, sql`
    with inserted as (
      insert into load_holder_ledger (week_start, unit_id, employee_id, ${HOLDER_COLS})
      select * from (${summedHolderSql(allHolderFactsSql(horizon))}) s order by week_start, unit_id, employee_id
      returning 1)
    select count(*)::int as n from inserted`);
  await analyseRewritten(db, "load_holder_ledger");
  return n;
}

/**
 * Folds the holders' ledger rows before `horizon` into rows at it (each holder's state when the
 * kept weeks begin), and moves the horizon there: as the window moves on a week, the rows it
 * leaves behind are summed once instead of at every full recompute. `horizon` ≥ the stored one.
 */
export async function foldHolderLedger(db: Database, horizon: string): Promise<number> {
  await ledgerState(db, "update");
  await db.execute(sql`drop table if exists holder_ledger_folded`);
  await db.execute(sql`
    create temp table holder_ledger_folded on commit drop as
    with gone as (delete from load_holder_ledger where week_start <= ${horizon}::date returning *)
    select ${horizon}::date as wk, unit_id, employee_id, ${HOLDER_COLS} from gone`);
  await db.execute(sql`update ledger_state set holder_horizon = ${horizon}::date where id = 1`);
  const [{ n }] = await queryRows<{ n: number }>(db, sql`
    with inserted as (
      insert into load_holder_ledger (week_start, unit_id, employee_id, ${HOLDER_COLS})
      select * from (${summedHolderSql(sql`select * from holder_ledger_folded`)}) s order by week_start, unit_id, employee_id
      returning 1)
    select count(*)::int as n from inserted`);
  return n;
}

/**
 * Replaces both ledgers with ones built from the facts, and marks them exact; the holders' ledger
 * kept apart from `windowStart` on (default: the caseworker window of the business date).
 */
export async function rebuildLedger(db: Database, options: { windowStart?: string } = {}): Promise<number> {
  await ledgerState(db, "update");
  await db.execute(sql`truncate load_ledger`);
  const [{ n }] = await queryRows<{ n: number }>(db, sql`
    with inserted as (insert into load_ledger (unit_id, week_start, ${COLS}) ${summedSql(allFactsSql())} returning 1)
    select count(*)::int as n from inserted`);
  await analyseRewritten(db, "load_ledger");
  await rebuildSubtreeLedger(db, null);
  const holders = await rebuildHolderLedger(db, options.windowStart ?? caseworkerWindowStart(businessDate()));
  await db.execute(sql`update ledger_state set dirty = false, rebuilt_at = now() where id = 1`);
  return n + holders;
}

/** Whether a write since the last rebuild bypassed the ledger. */
export async function ledgerDirty(db: Database): Promise<boolean> {
  return (await ledgerState(db)).dirty;
}

/**
 * Makes the ledgers serve a caseworker window starting `windowStart`: rebuilt when a writer
 * bypassed them; the holders' ledger rebuilt when its horizon is after the window (a run for an
 * earlier day) and folded up to the window's start when before it. True when it rebuilt anything.
 */
export async function ensureLedger(db: Database, windowStart: string): Promise<boolean> {
  const row = await ledgerState(db);
  if (row.dirty) {
    await rebuildLedger(db, { windowStart });
    return true;
  }
  if (row.horizon == null || row.horizon > windowStart) {
    await rebuildHolderLedger(db, windowStart);
    return true;
  }
  if (row.horizon < windowStart) await foldHolderLedger(db, windowStart);
  return false;
}

/** The transaction keeps the ledger itself: its writes to the facts do not mark it stale. */
export async function markLedgerKept(tx: Database): Promise<void> {
  await tx.execute(sql`select set_config('belastning.ledger_kept', 'on', true)`);
}

/**
 * Runs `keep` (a ledger update of the caller's transaction, marked with markLedgerKept) unless the
 * ledger is stale anyway (the next aggregation rebuilds it); its time in ms, or 0. The state row
 * is locked (shared) first, so a rebuild, which locks it before it touches either ledger, waits for
 * this transaction or this one for it, never both for each other; the holders' horizon read
 * under it stays put until commit.
 */
export async function keepLedger(tx: Database, keep: () => Promise<unknown>): Promise<number> {
  const state = await ledgerState(tx, "share");
  if (state.dirty) return 0;
  // Timed after the lock: the share of an import is its own work, not a wait for a rebuild.
  const t0 = performance.now();
  await keep();
  return Math.round(performance.now() - t0);
}

/** One of the three ledgers: its table, its key (primary key order) and its summed columns. */
interface LedgerTable {
  table: "load_ledger" | "load_subtree_ledger" | "load_holder_ledger";
  keys: readonly string[];
  columns: readonly string[];
}
const TEAM_LEDGER: LedgerTable = { table: "load_ledger", keys: ["week_start", "unit_id"], columns: LEDGER_COLUMNS };
const SUBTREE_LEDGER: LedgerTable = { table: "load_subtree_ledger", keys: ["week_start", "unit_id"], columns: LEDGER_COLUMNS };
const HOLDER_LEDGER: LedgerTable = { table: "load_holder_ledger", keys: ["week_start", "unit_id", "employee_id"], columns: HOLDER_COLUMNS };

/**
 * Adds summed change rows (the ledger's key and columns, any mix of signs, one row per key) into
 * a ledger: an upsert in key order, then the rows that cancelled to zero go. The change rows stay
 * in the temp table `<ledger>_change` until commit. Returns the rows upserted.
 */
async function addSummedRows(tx: Database, ledger: LedgerTable, summed: SQL): Promise<number> {
  const change = sql.raw(`${ledger.table}_change`);
  const table = sql.raw(ledger.table);
  const columns = sql.raw([...ledger.keys, ...ledger.columns].join(", "));
  const keys = sql.raw(ledger.keys.join(", "));
  const set = sql.raw(ledger.columns.map((c) => `${c} = ${ledger.table}.${c} + excluded.${c}`).join(", "));
  const sameKey = sql.raw(ledger.keys.map((k) => `l.${k} = c.${k}`).join(" and "));
  const allZero = sql.raw(ledger.columns.map((c) => `l.${c} = 0`).join(" and "));
  await tx.execute(sql`drop table if exists ${change}`);
  await tx.execute(sql`create temp table ${change} on commit drop as ${summed}`);
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`
    with up as (
      insert into ${table} (${columns}) select ${columns} from ${change}
      order by ${keys}
      on conflict (${keys}) do update set ${set}
      returning 1)
    select count(*)::int as n from up`);
  await tx.execute(sql`delete from ${table} l using ${change} c where ${sameKey} and ${allZero}`);
  return n;
}

/** Adds holders' ledger rows (any mix of signs); rows that cancel to zero are removed. */
function applyHolderRows(tx: Database, rows: SQL): Promise<number> {
  return addSummedRows(tx, HOLDER_LEDGER, summedHolderSql(rows));
}

/**
 * Adds ledger rows (any mix of signs) into the team ledger and, summed over each team's
 * ancestors, into the subtree ledger; rows that cancel to zero are removed.
 */
export async function applyLedgerRows(tx: Database, rows: SQL): Promise<number> {
  const n = await addSummedRows(tx, TEAM_LEDGER, summedSql(rows));
  await applySubtreeRows(tx, sql`select c.ancestor_id as unit_id, l.week_start, ${COLS} from load_ledger_change l
    join unit_closure c on c.descendant_id = l.unit_id`);
  return n;
}

/** Adds rows (unit_id, week_start, the ledger columns) into the subtree ledger; rows that cancel are removed. */
async function applySubtreeRows(tx: Database, rows: SQL): Promise<void> {
  await addSummedRows(tx, SUBTREE_LEDGER, sql`
    select unit_id, week_start, ${SUMS} from (${rows}) r group by unit_id, week_start having ${NONZERO}`);
}

/** The subtree ledger of the units `ancestors` selects (all when null), summed from the team ledger over the closure. */
function subtreeFromTeamsSql(ancestors: SQL | null): SQL {
  return sql`select c.ancestor_id as unit_id, l.week_start, ${SUMS}
    from load_ledger l join unit_closure c on c.descendant_id = l.unit_id
    ${ancestors ? sql`where c.ancestor_id in (${ancestors})` : sql``}
    group by c.ancestor_id, l.week_start having ${NONZERO}`;
}

/**
 * Replaces the subtree ledger rows of the units `ancestors` selects (all when null) with sums of
 * the team ledger over the current closure: after the tree changed, for the units whose set of
 * descendants did.
 */
async function rebuildSubtreeLedger(db: Database, ancestors: SQL | null): Promise<number> {
  if (ancestors) await db.execute(sql`delete from load_subtree_ledger where unit_id in (${ancestors})`);
  else await db.execute(sql`truncate load_subtree_ledger`);
  const [{ n }] = await queryRows<{ n: number }>(db, sql`
    with inserted as (
      insert into load_subtree_ledger (unit_id, week_start, ${COLS})
      select * from (${subtreeFromTeamsSql(ancestors)}) s order by week_start, unit_id
      returning 1)
    select count(*)::int as n from inserted`);
  if (!ancestors) await analyseRewritten(db, "load_subtree_ledger");
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
  await importWorkMem(tx);
  // Summed per edge kind in one pass (grouping sets), not one row per edge, and the case events
  // from one materialised per-case aggregate: the rebuild sums the edges and keeps the VALUES
  // form, so the ledger check compares the two formulations.
  const rows = await applyLedgerRows(tx, sql`${periodLedgerGroupedSql(periods, competenceFromSql())} union all ${caseEventLedgerImportSql(periods)}`);
  const { horizon } = await ledgerState(tx);
  return horizon == null ? rows : rows + await applyHolderRows(tx, holderLedgerGroupedSql(periods, sql`${horizon}::date`, competenceFromSql()));
}

/**
 * At least 64 MB of work_mem for the rest of the transaction (unless the server gives more): the
 * sums and sorts over a file's periods (1,000,000 rows: ~50,000 team-weeks, ~100,000 holder-weeks)
 * spilled to disk at the default 4 MB.
 */
export async function importWorkMem(tx: Database): Promise<void> {
  await tx.execute(sql`select set_config('work_mem', '64MB', true) from pg_settings where name = 'work_mem' and setting::bigint < 65536`);
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
  const rows = await applyLedgerRows(tx, sql`${mismatchOnly(periodLedgerSql(periods(-1), cf("old_from")))}
    union all ${mismatchOnly(periodLedgerSql(periods(1), cf("new_from")))}`);
  const { horizon } = await ledgerState(tx);
  if (horizon == null) return rows;
  const h = sql`${horizon}::date`;
  const holderMismatchOnly = (rows: SQL) => sql`select unit_id, employee_id, wk, 0 as complexity_1, 0 as complexity_2, 0 as complexity_3,
    0 as flagged, 0 as specialised, mismatched from (${rows}) r where mismatched <> 0`;
  return rows + await applyHolderRows(tx, sql`${holderMismatchOnly(holderLedgerSql(periods(-1), h, cf("old_from")))}
    union all ${holderMismatchOnly(holderLedgerSql(periods(1), h, cf("new_from")))}`);
}

/**
 * A change of the unit tree (units import): the team ledger holds each team's own figures, so only
 * the FTE of units whose inherited case-holding roles changed moves. `before` holds
 * inheritedRolesSql() as it was before the change; `moved` selects the units whose set of
 * descendants may have changed (the old and new ancestors of every changed unit), whose subtree
 * rows are summed anew from the team ledger.
 */
export async function ledgerForUnitTree(tx: Database, before: SQL, moved: SQL): Promise<number> {
  const fte = await fteForUnitTree(tx, before);
  return fte + await rebuildSubtreeLedger(tx, moved);
}

async function fteForUnitTree(tx: Database, before: SQL): Promise<number> {
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

/** Rows in one of the two selects and not the other (with multiplicity): 0 = the same rows. */
async function differingRows(db: Database, rebuilt: SQL, kept: SQL): Promise<number> {
  const [row] = await queryRows<{ differing: number }>(db, sql`
    with rebuilt as materialized (${rebuilt}), kept as materialized (${kept})
    select count(*)::int as differing from ((select * from rebuilt except all select * from kept)
      union all (select * from kept except all select * from rebuilt)) d`);
  return row?.differing ?? 0;
}

/**
 * Rows where the kept ledgers and ones rebuilt from the facts differ (0 = equal); the holders'
 * ledger is rebuilt at its stored horizon.
 */
export async function checkLedger(db: Database): Promise<{ differing: number; rows: number }> {
  const rowsOf = async (table: LedgerTable["table"]) =>
    (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]?.n ?? 0;
  let differing = await differingRows(db, summedSql(allFactsSql()), sql`select unit_id, week_start, ${COLS} from load_ledger`);
  differing += await differingRows(db, subtreeFromTeamsSql(null), sql`select unit_id, week_start, ${COLS} from load_subtree_ledger`);
  let rows = await rowsOf("load_ledger");
  const { horizon } = await ledgerState(db);
  if (horizon == null) return { differing, rows };
  differing += await differingRows(db, summedHolderSql(allHolderFactsSql(horizon)),
    sql`select week_start, unit_id, employee_id, ${HOLDER_COLS} from load_holder_ledger`);
  rows += await rowsOf("load_holder_ledger");
  return { differing, rows };
}
