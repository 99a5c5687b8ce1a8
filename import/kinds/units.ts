// `units`: the organisation tree. Upsert by unit_code; parent_code must exist in the file or the
// database; the resulting tree may not contain a cycle; the closure table is rebuilt in the same
// transaction.
import { sql } from "drizzle-orm";
import { inheritedRolesSql, keepLedger, ledgerForUnitTree } from "../../db/load-ledger";
import { queryRows, type Database } from "../../db/client";
import { UNIT_KINDS } from "../../db/schema";
import { rebuildUnitClosure } from "../../db/unit-tree";
import { FieldReader, runChecks, sqlProblems, STAGE, type KindModule, type RowProblem } from "./shared";

/** Finds the cycles in a parent map (code → parent code); returns each cycle's path once. */
export function findCycles(parentOf: Map<string, string | null>): string[][] {
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[][] = [];
  for (const start of parentOf.keys()) {
    const path: string[] = [];
    let node: string | null | undefined = start;
    while (node && !state.has(node)) {
      state.set(node, "visiting");
      path.push(node);
      node = parentOf.get(node);
    }
    if (node && state.get(node) === "visiting") cycles.push(path.slice(path.indexOf(node)));
    for (const visited of path) state.set(visited, "done");
  }
  return cycles;
}

async function cycleProblems(tx: Database, limit: number): Promise<{ problems: RowProblem[]; total: number }> {
  const rows = await queryRows<{ code: string; parent: string | null; row: number | null }>(tx, sql`
    select s.code, s.parent_code as parent, s.row_no::int as row from ${STAGE} s
    union all
    select u.code, p.code, null from units u left join units p on p.id = u.parent_id
    where not exists (select 1 from ${STAGE} s where s.code = u.code)`);
  const parentOf = new Map<string, string | null>();
  const rowOf = new Map<string, number>();
  for (const r of rows) {
    if (!parentOf.has(r.code)) parentOf.set(r.code, r.parent);
    if (r.row !== null && !rowOf.has(r.code)) rowOf.set(r.code, r.row);
  }
  const cycles = findCycles(parentOf);
  const problems: RowProblem[] = cycles.map((cycle) => {
    const inFile = cycle.filter((code) => rowOf.has(code));
    const first = inFile.sort((a, b) => rowOf.get(a)! - rowOf.get(b)!)[0] ?? cycle[0];
    return {
      row: rowOf.get(first) ?? null,
      column: "parent_code",
      value: parentOf.get(first) ?? null,
      key: "tree.cycle",
      params: { path: [...cycle, cycle[0]].join(" → ") },
    };
  });
  return { problems: problems.slice(0, limit), total: problems.length };
}

export const unitsKind: KindModule = {
  kind: "units",
  keepsLedger: true,
  columns: [
    { name: "unit_code", required: true },
    { name: "name", required: true },
    { name: "parent_code", required: false },
    { name: "kind", required: true },
    { name: "district", required: false },
    { name: "rollout_date", required: false },
  ],
  stageColumns: "row_no int, code text, name text, parent_code text, kind text, district text, rollout_date date",

  parseRow(values) {
    const f = new FieldReader(values);
    const code = f.text("unit_code", true);
    const name = f.text("name", true);
    const parentCode = f.text("parent_code", false);
    const kind = f.oneOf("kind", UNIT_KINDS, true);
    const district = f.text("district", false);
    const rolloutDate = f.date("rollout_date", false);
    if (code !== null && parentCode === code) f.problem("parent_code", "tree.ownParent");
    if (f.problems.length) return { problems: f.problems };
    return { stage: { code, name, parent_code: parentCode, kind, district, rollout_date: rolloutDate } };
  },

  check(tx, limit) {
    return runChecks([
      (n) => sqlProblems(tx, sql`
        select row_no as row, code as value, json_build_object('otherRow', first_row) as params
        from (select row_no, code, min(row_no) over (partition by code) as first_row from ${STAGE}) d
        where row_no <> first_row`, "unit_code", "dup.key", n),
      (n) => sqlProblems(tx, sql`
        select s.row_no as row, s.parent_code as value, null::json as params from ${STAGE} s
        where s.parent_code is not null
          and not exists (select 1 from ${STAGE} p where p.code = s.parent_code)
          and not exists (select 1 from units u where u.code = s.parent_code)`, "parent_code", "ref.parent", n),
      (n) => cycleProblems(tx, n),
    ], limit);
  },

  async write(tx) {
    await tx.execute(sql`
      create temp table import_changed on commit drop as
      select s.* from ${STAGE} s
      left join units u on u.code = s.code
      left join units p on p.id = u.parent_id
      where u.id is null or u.name <> s.name or u.kind <> s.kind or u.district is distinct from s.district
         or u.rollout_date is distinct from s.rollout_date or p.code is distinct from s.parent_code`);
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from import_changed`);
    if (n === 0) return { rowsChanged: 0, unitIds: [], from: null, to: null };
    // The ledger holds each team's own figures: a new tree moves only inherited case-holding roles.
    await tx.execute(sql`create temp table import_roles_before on commit drop as ${inheritedRolesSql()}`);
    // A unit that moves changes its old ancestors' figures as well as its new ones'.
    await tx.execute(sql`
      create temp table import_ancestors_before on commit drop as
      select c.descendant_id as unit_id, c.ancestor_id from unit_closure c
      join units u on u.id = c.descendant_id join import_changed x on x.code = u.code`);
    const before = await queryRows<{ id: number }>(tx, sql`select distinct ancestor_id::int as id from import_ancestors_before`);
    await tx.execute(sql`
      insert into units (code, name, kind, district, rollout_date)
      select code, name, kind, district, rollout_date from import_changed order by row_no
      on conflict (code) do update set name = excluded.name, kind = excluded.kind,
        district = excluded.district, rollout_date = excluded.rollout_date`);
    // Detach every moved unit first, then attach: each intermediate tree is then a part of the
    // final (acyclic) tree, so the cycle trigger never sees a transient cycle during a swap.
    await tx.execute(sql`
      update units u set parent_id = null from import_changed x
      where u.code = x.code and u.parent_id is not null
        and u.parent_id is distinct from (select p.id from units p where p.code = x.parent_code)`);
    await tx.execute(sql`
      update units u set parent_id = p.id from import_changed x join units p on p.code = x.parent_code
      where u.code = x.code and u.parent_id is distinct from p.id`);
    await rebuildUnitClosure(tx);
    const after = await queryRows<{ id: number }>(tx, sql`
      select u.id::int as id from units u join import_changed x on x.code = u.code`);
    // The units whose subtrees hold other teams now: an ancestor of a changed unit before and not
    // after, or after and not before. One that is both (the root, every ancestor of a renamed
    // unit) keeps the same descendants, and its subtree ledger rows stay as they are.
    const moved = (await queryRows<{ id: number }>(tx, sql`
      with after as (
        select c.descendant_id as unit_id, c.ancestor_id from unit_closure c
        join units u on u.id = c.descendant_id join import_changed x on x.code = u.code),
      changed as ((select * from import_ancestors_before except select * from after)
                  union (select * from after except select * from import_ancestors_before))
      select distinct ancestor_id::int as id from changed`)).map((r) => r.id);
    const movedSql = moved.length ? sql.join(moved.map((id) => sql`${id}::int`), sql`, `) : sql`null::int`;
    const ledgerMs = await keepLedger(tx, () => ledgerForUnitTree(tx, sql`select * from import_roles_before`, movedSql));
    return { rowsChanged: n, unitIds: [...before, ...after].map((r) => r.id), from: null, to: null, ledgerMs };
  },
};
