// The organisation tree as the dashboards need it: units in a user's scope, a unit's path from the
// root, its children, and its effective thresholds (inherited up the tree, then METRICS.md defaults).
import { sql, type SQL } from "drizzle-orm";
import { inUnitScope, type UnitScope } from "../sql-scope";
import { queryRows, type Database } from "../client";
import type { UnitKind } from "../schema";

export interface UnitSummary {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  district: string | null;
  rolloutDate: string | null;
}

const UNIT_COLUMNS = sql`u.id, u.code, u.name, u.kind, u.parent_id as "parentId", u.district, u.rollout_date::text as "rolloutDate"`;

const scopeFilter = (scope: UnitScope) => inUnitScope(sql`u.id`, scope);

export function inScope(scope: UnitScope, unitId: number): boolean {
  return scope === "all" || scope.has(unitId);
}

export async function getUnit(db: Database, unitId: number): Promise<UnitSummary | null> {
  const [row] = await queryRows<UnitSummary>(db, sql`select ${UNIT_COLUMNS} from units u where u.id = ${unitId}`);
  return row ?? null;
}

/** Units in scope, optionally of some kinds and at most `limit`, ordered by name (stable for selects). */
export async function unitsInScope(db: Database, scope: UnitScope, kinds?: UnitKind[], limit?: number): Promise<UnitSummary[]> {
  const kindFilter = kinds?.length ? sql`u.kind = any(${`{${kinds.join(",")}}`}::text[])` : sql`true`;
  return queryRows<UnitSummary>(db, sql`
    select ${UNIT_COLUMNS} from units u
    where ${scopeFilter(scope)} and ${kindFilter}
    order by u.name, u.id
    ${limit === undefined ? sql`` : sql`limit ${limit}`}`);
}

/** The unit and its ancestors, root first (for breadcrumbs). */
export async function unitPath(db: Database, unitId: number): Promise<UnitSummary[]> {
  return queryRows<UnitSummary>(db, sql`
    select ${UNIT_COLUMNS} from unit_closure c join units u on u.id = c.ancestor_id
    where c.descendant_id = ${unitId}
    order by c.depth desc`);
}

export async function childUnits(db: Database, unitId: number): Promise<UnitSummary[]> {
  return queryRows<UnitSummary>(db, sql`select ${UNIT_COLUMNS} from units u where u.parent_id = ${unitId} order by u.name, u.id`);
}

/** The organisation's root (the unit without a parent); the first one if the file holds several. */
export async function rootUnitId(db: Database): Promise<number | null> {
  const [row] = await queryRows<{ id: number }>(db, sql`select id from units where parent_id is null order by id limit 1`);
  return row?.id ?? null;
}

/**
 * The highest units of a scope: those whose parent is outside it. A user with grants on two
 * clusters gets both clusters as starting points of the drill-down.
 */
export function scopeRoots(unitsInScopeList: UnitSummary[]): UnitSummary[] {
  const ids = new Set(unitsInScopeList.map((u) => u.id));
  return unitsInScopeList.filter((u) => u.parentId === null || !ids.has(u.parentId));
}

/** Teams of a local district in scope, optionally only inside one unit's subtree. */
export async function teamsInDistrict(db: Database, scope: UnitScope, district: string, withinUnitId: number | null): Promise<UnitSummary[]> {
  const within = withinUnitId === null
    ? sql`true`
    : sql`exists (select 1 from unit_closure c where c.ancestor_id = ${withinUnitId} and c.descendant_id = u.id)`;
  return queryRows<UnitSummary>(db, sql`
    select ${UNIT_COLUMNS} from units u
    where u.kind = 'team' and u.district = ${district} and ${scopeFilter(scope)} and ${within}
    order by u.name, u.id`);
}

/** The local districts named on units in scope, in Danish order. */
export async function districtsInScope(db: Database, scope: UnitScope): Promise<string[]> {
  const rows = await queryRows<{ district: string }>(db, sql`
    select distinct u.district from units u where u.district is not null and ${scopeFilter(scope)}`);
  return rows.map((r) => r.district).sort((a, b) => a.localeCompare(b, "da"));
}

/** The highest units of a scope, found in the database (a large scope need not be read whole). */
export async function scopeRootUnits(db: Database, scope: UnitScope): Promise<UnitSummary[]> {
  const parentInScope = inUnitScope(sql`u.parent_id`, scope);
  return queryRows<UnitSummary>(db, sql`
    select ${UNIT_COLUMNS} from units u
    where ${scopeFilter(scope)} and (u.parent_id is null or not ${parentInScope})
    order by u.name, u.id`);
}

/** A select with more options than this is unusable (the other pages' pickers stop there too). */
export const UNIT_PICKER_LIMIT = 400;

export interface UnitOption {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  /** Below the top of the user's scope (0 = a unit whose parent is outside it). */
  depth: number;
}

export interface UnitPicker {
  options: UnitOption[];
  /** True when the teams were left out to stay within the limit: they are picked in the table. */
  teamsOmitted: boolean;
}

/**
 * A page's unit picker (turnover, plans): the units in scope in tree order (children by code), without reading
 * more than one unit over the limit. A larger scope (HR at national scale: ~5,000 teams) gets the
 * levels above the teams, plus the chosen unit under its parent so the form keeps it selected.
 */
export async function unitPicker(
  db: Database, scope: Set<number> | "all", chosen: number | null, limit = UNIT_PICKER_LIMIT,
): Promise<UnitPicker> {
  const ids = scope === "all" ? null : `{${[...scope].join(",")}}`;
  const inScope = (column: SQL) => (ids === null ? sql`true` : sql`${column} = any(${ids}::int[])`);
  const [{ n }] = await queryRows<{ n: number }>(db, sql`
    select count(*)::int as n from (select 1 from units u where ${inScope(sql`u.id`)} limit ${limit + 1}) s`);
  const teamsOmitted = n > limit;
  const options = await queryRows<UnitOption>(db, sql`
    with recursive tree as (
      select u.id, u.code, u.name, u.kind, 0 as depth, array[u.code::text] as path
      from units u left join units p on p.id = u.parent_id
      where ${inScope(sql`u.id`)} and (p.id is null or not ${inScope(sql`p.id`)})
      union all
      select c.id, c.code, c.name, c.kind, t.depth + 1, t.path || c.code::text
      from tree t join units c on c.parent_id = t.id
      where ${inScope(sql`c.id`)} and ${teamsOmitted ? sql`(c.kind <> 'team' or c.id = ${chosen ?? 0})` : sql`true`}
    )
    select id, code, name, kind, depth from tree order by path collate "C" limit ${limit}`);
  if (chosen !== null && !options.some((o) => o.id === chosen)) {
    // Past the limit in tree order: still offered, last, so submitting the form keeps the unit.
    const [unit] = await queryRows<UnitOption>(db, sql`
      select id, code, name, kind, 0 as depth from units u where u.id = ${chosen} and ${inScope(sql`u.id`)}`);
    if (unit) options.push(unit);
  }
  return { options, teamsOmitted };
}
