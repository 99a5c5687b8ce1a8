// The grants of a user, read from the store and resolved to a Principal (domain/access.ts).
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "./client";
import { userRoles, unitClosure, committeeUnits, units } from "./schema";
import { resolveScopes, scopeOf, type Capability, type GrantFacts, type Principal, type SessionUser } from "../domain/access";

export async function loadPrincipal(db: Database, user: SessionUser): Promise<Principal> {
  const grants = await db
    .select({ role: userRoles.role, unitId: userRoles.unitId, committeeId: userRoles.committeeId })
    .from(userRoles)
    .where(eq(userRoles.userId, user.id));
  const committeeIds = grants.filter((g) => g.committeeId !== null).map((g) => g.committeeId!);
  const committeeRoots = committeeIds.length
    ? await db
        .select({ committeeId: committeeUnits.committeeId, unitId: committeeUnits.unitId })
        .from(committeeUnits)
        .where(inArray(committeeUnits.committeeId, committeeIds))
    : [];
  return principalFromGrants(db, user, grants, committeeRoots);
}

/** The principal of grants and committee roots already read: the unit tree below their roots is read here. */
export async function principalFromGrants(
  db: Database, user: SessionUser, grants: GrantFacts["grants"], committeeRoots: GrantFacts["committeeUnits"],
): Promise<Principal> {
  const rootIds = new Set<number>();
  for (const g of grants) if (g.unitId !== null) rootIds.add(g.unitId);
  for (const c of committeeRoots) rootIds.add(c.unitId);
  const closure = rootIds.size
    ? await db
        .select({ ancestorId: unitClosure.ancestorId, descendantId: unitClosure.descendantId })
        .from(unitClosure)
        .where(inArray(unitClosure.ancestorId, [...rootIds]))
    : [];
  return { user, ...resolveScopes({ grants, committeeUnits: committeeRoots, closure }) };
}

/**
 * The unit ids a capability reaches, resolved to a list ("all" becomes every unit), for SQL
 * filters such as `inArray(x.unitId, ids)`. Empty when the capability is not held.
 */
export async function unitIdsInScope(db: Database, principal: Principal, capability: Capability): Promise<number[]> {
  const scope = scopeOf(principal, capability);
  if (scope !== "all") return [...scope].sort((a, b) => a - b);
  const rows = await db.select({ id: units.id }).from(units).orderBy(asc(units.id));
  return rows.map((r) => r.id);
}
