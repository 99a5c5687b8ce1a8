// The organisation tree as the dashboards need it: units in a user's scope, a unit's path from the
// root, its children, and its effective thresholds (inherited up the tree, then METRICS.md defaults).
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { effectiveThresholds, type ThresholdSettings, type Thresholds } from "../../jobs/metrics/status";
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

/** Unit ids a capability reaches: a set of ids, or the whole organisation. */
export type UnitScope = Set<number> | "all";

const UNIT_COLUMNS = sql`u.id, u.code, u.name, u.kind, u.parent_id as "parentId", u.district, u.rollout_date::text as "rolloutDate"`;

function scopeFilter(scope: UnitScope) {
  if (scope === "all") return sql`true`;
  const ids = [...scope];
  if (ids.length === 0) return sql`false`;
  return sql`u.id = any(${`{${ids.join(",")}}`}::int[])`;
}

export function inScope(scope: UnitScope, unitId: number): boolean {
  return scope === "all" || scope.has(unitId);
}

export async function getUnit(db: Database, unitId: number): Promise<UnitSummary | null> {
  const [row] = await queryRows<UnitSummary>(db, sql`select ${UNIT_COLUMNS} from units u where u.id = ${unitId}`);
  return row ?? null;
}

/** Every unit in scope, optionally of some kinds, ordered by name (stable for selects). */
export async function unitsInScope(db: Database, scope: UnitScope, kinds?: UnitKind[]): Promise<UnitSummary[]> {
  const kindFilter = kinds?.length ? sql`u.kind = any(${`{${kinds.join(",")}}`}::text[])` : sql`true`;
  return queryRows<UnitSummary>(db, sql`
    select ${UNIT_COLUMNS} from units u
    where ${scopeFilter(scope)} and ${kindFilter}
    order by u.name, u.id`);
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

interface ThresholdRow {
  id: number;
  parentId: number | null;
  casesPerFte: number | null;
  weightedLoad: number | null;
  emotionalSharePct: number | null;
  turnover12mPct: number | null;
}

/** The thresholds in force for a unit: its own settings, else the nearest ancestor's, else defaults. */
export async function thresholdsForUnit(db: Database, unitId: number): Promise<Thresholds> {
  const rows = await queryRows<ThresholdRow>(db, sql`
    select u.id, u.parent_id as "parentId",
      s.cases_per_fte_threshold::float8 as "casesPerFte",
      s.weighted_load_threshold::float8 as "weightedLoad",
      s.emotional_share_pct_threshold::float8 as "emotionalSharePct",
      s.turnover_12m_pct_threshold::float8 as "turnover12mPct"
    from unit_closure c join units u on u.id = c.ancestor_id
    left join unit_settings s on s.unit_id = u.id
    where c.descendant_id = ${unitId}`);
  const parentOf = new Map<number, number | null>();
  const settings = new Map<number, ThresholdSettings>();
  for (const r of rows) {
    parentOf.set(r.id, r.parentId);
    settings.set(r.id, {
      casesPerFte: r.casesPerFte, weightedLoad: r.weightedLoad,
      emotionalSharePct: r.emotionalSharePct, turnover12mPct: r.turnover12mPct,
    });
  }
  return effectiveThresholds(unitId, parentOf, settings);
}
