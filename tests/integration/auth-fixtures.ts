// A small organisation for the permission tests, built straight in the database:
//
//   ORG (organisation)
//   ├── CA  Klynge A (cluster)      ← MED-A covers CA's subtree
//   │   ├── TA1 Team A1 (team)
//   │   └── TA2 Team A2 (team)
//   └── CB  Klynge B (cluster)
//       └── TB1 Team B1 (team)      ← MED-B covers only TB1
//
// unit_closure is normally rebuilt by the importer; here a recursive query derives it.
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { queryRows } from "../../db/client";

export interface OrgFixture {
  unit: Record<"ORG" | "CA" | "TA1" | "TA2" | "CB" | "TB1", number>;
  committee: Record<"MED_A" | "MED_B", number>;
}

export async function buildOrg(db: Database): Promise<OrgFixture> {
  await db.execute(sql`insert into units (code, name, kind) values ('ORG', 'Kommunen', 'organisation')`);
  for (const [code, name, kind, parent] of [
    ["CA", "Klynge A", "cluster", "ORG"],
    ["CB", "Klynge B", "cluster", "ORG"],
    ["TA1", "Team A1", "team", "CA"],
    ["TA2", "Team A2", "team", "CA"],
    ["TB1", "Team B1", "team", "CB"],
  ] as const) {
    await db.execute(sql`insert into units (code, name, kind, parent_id) select ${code}, ${name}, ${kind}, id from units where code = ${parent}`);
  }
  await db.execute(sql`
    insert into unit_closure (ancestor_id, descendant_id, depth)
    with recursive walk(ancestor_id, descendant_id, depth) as (
      select id, id, 0 from units
      union all
      select w.ancestor_id, u.id, w.depth + 1 from walk w join units u on u.parent_id = w.descendant_id
    )
    select ancestor_id, descendant_id, depth from walk`);
  await db.execute(sql`insert into committees (name) values ('MED Klynge A'), ('MED Team B1')`);
  await db.execute(sql`insert into committee_units (committee_id, unit_id)
    select c.id, u.id from committees c, units u where (c.name, u.code) in (('MED Klynge A', 'CA'), ('MED Team B1', 'TB1'))`);
  const unitRows = await queryRows<{ id: number; code: keyof OrgFixture["unit"] }>(db, sql`select id, code from units`);
  const committeeRows = await queryRows<{ id: number; name: string }>(db, sql`select id, name from committees`);
  return {
    unit: Object.fromEntries(unitRows.map((r) => [r.code, r.id])) as OrgFixture["unit"],
    committee: {
      MED_A: committeeRows.find((c) => c.name === "MED Klynge A")!.id,
      MED_B: committeeRows.find((c) => c.name === "MED Team B1")!.id,
    },
  };
}
