// The unit tree's closure table (every ancestor/descendant pair, each unit with itself at depth 0).
// Rebuilt whole after any change to the tree: the tree has thousands of units at most, and a full
// rebuild cannot drift from units.parent_id the way incremental edits can.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "./client";

/** Pass the transaction handle that changed the units, so tree and closure commit together. */
export async function rebuildUnitClosure(tx: Database): Promise<void> {
  await tx.execute(sql`delete from unit_closure`);
  await tx.execute(sql`
    insert into unit_closure (ancestor_id, descendant_id, depth)
    with recursive walk (ancestor_id, descendant_id, depth) as (
      select id, id, 0 from units
      union all
      select u.parent_id, w.descendant_id, w.depth + 1
      from walk w join units u on u.id = w.ancestor_id
      where u.parent_id is not null
    )
    select ancestor_id, descendant_id, depth from walk`);
}

/** The given units and all their ancestors, ascending by id. */
export async function withAncestors(db: Database, unitIds: readonly number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const ids = `{${[...new Set(unitIds)].map((id) => Math.trunc(id)).join(",")}}`;
  const rows = await queryRows<{ id: number }>(db, sql`
    select distinct ancestor_id::int as id from unit_closure where descendant_id = any(${ids}::int[])
    union
    select unnest(${ids}::int[])::int
    order by 1`);
  return rows.map((r) => r.id);
}
