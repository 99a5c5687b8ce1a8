// The audit trail as the administrator reads it: filtered by unit (its subtree), user and a date
// range in Copenhagen time, newest first, a page at a time.
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../client";
import { auditLog, units, users } from "../schema";

export const AUDIT_PAGE_SIZE = 50;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
export const AuditFilterSchema = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  userId: z.coerce.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

/** Query-string values to a filter; empty fields mean "no filter", nonsense is a 400 for the caller. */
export function parseAuditFilter(params: URLSearchParams): ReturnType<typeof AuditFilterSchema.safeParse> {
  const raw: Record<string, string> = {};
  for (const key of ["unitId", "userId", "from", "to", "page"]) {
    const value = params.get(key)?.trim();
    if (value) raw[key] = value;
  }
  return AuditFilterSchema.safeParse(raw);
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  userName: string | null;
  actor: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  unitName: string | null;
  before: unknown;
  after: unknown;
}

export async function listAudit(db: Database, filter: AuditFilter, pageSize = AUDIT_PAGE_SIZE) {
  const conditions: SQL[] = [];
  if (filter.unitId !== undefined) {
    conditions.push(sql`${auditLog.unitId} in (select descendant_id from unit_closure where ancestor_id = ${filter.unitId})`);
  }
  if (filter.userId !== undefined) conditions.push(eq(auditLog.userId, filter.userId));
  // Day bounds in Copenhagen time, compared on the raw column so the index on "at" serves.
  if (filter.from) conditions.push(gte(auditLog.at, sql`(${filter.from}::date::timestamp at time zone 'Europe/Copenhagen')`));
  if (filter.to) conditions.push(lt(auditLog.at, sql`((${filter.to}::date + 1)::timestamp at time zone 'Europe/Copenhagen')`));
  const where = conditions.length ? and(...conditions) : undefined;

  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filter.page, pageCount);
  const rows = await db
    .select({
      id: auditLog.id, at: auditLog.at, userId: auditLog.userId, userName: users.displayName, actor: auditLog.actor,
      action: auditLog.action, entity: auditLog.entity, entityId: auditLog.entityId, unitId: auditLog.unitId,
      unitName: units.name, before: auditLog.before, after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(units, eq(units.id, auditLog.unitId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    rows: rows.map((r): AuditRow => ({ ...r, at: new Date(r.at).toISOString() })),
    total,
    page,
    pageCount,
  };
}

/** Who can be chosen in the user filter: everyone who appears in the trail or has an account. */
export async function auditUserOptions(db: Database) {
  return db.select({ id: users.id, displayName: users.displayName, email: users.email }).from(users).orderBy(users.displayName);
}

export interface ChangedField { key: string; before: string; after: string }

/**
 * The fields that differ between two snapshots, each value as compact JSON, so a row shows
 * "status: planned → done" rather than two whole objects. Non-object values count as one field.
 */
export function changedFields(before: unknown, after: unknown): ChangedField[] {
  const show = (value: unknown) => (value === undefined ? "–" : JSON.stringify(value));
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isRecord(before) && !isRecord(after)) {
    if (before === null && after === null) return [];
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ key: "", before: show(before ?? undefined), after: show(after ?? undefined) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: show(b[k]), after: show(a[k]) }));
}
