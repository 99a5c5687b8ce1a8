// A unit scope — the ids a capability reaches, or the whole organisation — as a SQL condition on
// a unit-id column. One rule for every presenter: an empty scope matches nothing.
import { sql, type SQL } from "drizzle-orm";

/** Unit ids a capability reaches: a set of ids, or the whole organisation. */
export type UnitScope = Set<number> | "all";

export function inUnitScope(column: SQL, scope: UnitScope): SQL {
  if (scope === "all") return sql`true`;
  const ids = [...scope];
  if (ids.length === 0) return sql`false`;
  return sql`${column} = any(${`{${ids.join(",")}}`}::int[])`;
}
