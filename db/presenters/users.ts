// The user administration pages' reads: every user with their grants, and the units and committees
// to grant a scope from.
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { committees, units, userRoles, users } from "../schema";
import type { RoleGrant } from "../commands/users";

export interface UserGrantRow extends RoleGrant { unitName: string | null; unitCode: string | null; committeeName: string | null }
export interface UserListRow {
  id: number;
  email: string;
  displayName: string;
  language: "da" | "en";
  employeeId: string | null;
  active: boolean;
  hasPassword: boolean;
  lastLoginAt: Date | null;
  roles: UserGrantRow[];
}

/** Every user with their grants, for the administration page (active first, then by name). */
export async function listUsers(db: Database): Promise<UserListRow[]> {
  const rows = await db
    .select({
      id: users.id, email: users.email, displayName: users.displayName, language: users.language,
      employeeId: users.employeeId, active: users.active, lastLoginAt: users.lastLoginAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .orderBy(sql`${users.active} desc`, asc(users.displayName), asc(users.id));
  const grants = rows.length
    ? await db
        .select({
          userId: userRoles.userId, role: userRoles.role, unitId: userRoles.unitId, committeeId: userRoles.committeeId,
          unitName: units.name, unitCode: units.code, committeeName: committees.name,
        })
        .from(userRoles)
        .leftJoin(units, eq(units.id, userRoles.unitId))
        .leftJoin(committees, eq(committees.id, userRoles.committeeId))
        .orderBy(asc(userRoles.id))
    : [];
  const byUser = new Map<number, UserGrantRow[]>();
  for (const { userId, ...grant } of grants) {
    const list = byUser.get(userId) ?? [];
    list.push(grant);
    byUser.set(userId, list);
  }
  return rows.map((r) => ({ ...r, roles: byUser.get(r.id) ?? [] }));
}

export async function getUser(db: Database, userId: number): Promise<UserListRow | null> {
  return (await listUsers(db)).find((u) => u.id === userId) ?? null;
}

/** Units and committees to choose a grant's scope from. */
export async function grantPickers(db: Database) {
  const unitRows = await db
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind, parentId: units.parentId })
    .from(units)
    .orderBy(asc(units.name));
  const committeeRows = await db.select({ id: committees.id, name: committees.name, kind: committees.kind }).from(committees).orderBy(asc(committees.name));
  return { units: orderAsTree(unitRows), committees: committeeRows };
}
export type GrantPickers = Awaited<ReturnType<typeof grantPickers>>;

/** Units in tree order (depth-first, siblings by name) with their depth, for an indented picker. */
export function orderAsTree<T extends { id: number; parentId: number | null; name: string }>(rows: T[]): (T & { depth: number })[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, T[]>();
  for (const r of rows) {
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  const out: (T & { depth: number })[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const r of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, "da"))) {
      out.push({ ...r, depth });
      visit(r.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
