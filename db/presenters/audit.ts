// The audit trail as the administrator reads it: filtered by unit (its subtree), user, kind of
// thing, action plan and a date range in Copenhagen time, newest first, a page at a time; each
// event worded as a sentence (domain/audit-words.ts) from the titles and names found here.
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Database } from "../client";
import { auditLog, units, users } from "../schema";
import { describeAudit, entityLabel, type AuditFacts } from "../../domain/audit-words";
import type { ExportTable } from "../../domain/export-table";

export const AUDIT_PAGE_SIZE = 50;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
export const AuditFilterSchema = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  userId: z.coerce.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** The kind of thing changed (audit_log.entity), e.g. action_item. */
  entity: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/).optional(),
  /** Everything about one action plan: the plan itself and its focus points, items, evidence and reviews. */
  planId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

/** Query-string values to a filter; empty fields mean "no filter", nonsense is a 400 for the caller. */
export function parseAuditFilter(params: URLSearchParams): ReturnType<typeof AuditFilterSchema.safeParse> {
  const raw: Record<string, string> = {};
  for (const key of ["unitId", "userId", "from", "to", "entity", "planId", "page"]) {
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

function auditWhere(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.unitId !== undefined) {
    conditions.push(sql`${auditLog.unitId} in (select descendant_id from unit_closure where ancestor_id = ${filter.unitId})`);
  }
  if (filter.userId !== undefined) conditions.push(eq(auditLog.userId, filter.userId));
  // Day bounds in Copenhagen time, compared on the raw column so the index on "at" serves.
  if (filter.from) conditions.push(gte(auditLog.at, sql`(${filter.from}::date::timestamp at time zone 'Europe/Copenhagen')`));
  if (filter.to) conditions.push(lt(auditLog.at, sql`((${filter.to}::date + 1)::timestamp at time zone 'Europe/Copenhagen')`));
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.planId !== undefined) {
    const id = String(filter.planId);
    conditions.push(sql`((${auditLog.entity} = 'action_plan' and ${auditLog.entityId} = ${id})
      or ${auditLog.after}->>'planId' = ${id} or ${auditLog.before}->>'planId' = ${id})`);
  }
  return conditions.length ? and(...conditions) : undefined;
}

/** The trail's rows under a filter, newest first, with who acted and on which unit (page and export alike). */
function auditRows(db: Database, where: ReturnType<typeof auditWhere>) {
  return db
    .select({
      id: auditLog.id, at: auditLog.at, userId: auditLog.userId, userName: users.displayName, actor: auditLog.actor,
      action: auditLog.action, entity: auditLog.entity, entityId: auditLog.entityId, unitId: auditLog.unitId,
      unitName: units.name, before: auditLog.before, after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(units, eq(units.id, auditLog.unitId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id));
}

export async function listAudit(db: Database, filter: AuditFilter, pageSize = AUDIT_PAGE_SIZE) {
  const where = auditWhere(filter);

  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filter.page, pageCount);
  const rows = await auditRows(db, where)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    rows: rows.map((r): AuditRow => ({ ...r, at: new Date(r.at).toISOString() })),
    total,
    page,
    pageCount,
  };
}
/** One page of the audit trail, as the audit page shows it. */
export type AuditPage = Awaited<ReturnType<typeof listAudit>>;

/** Rows for an export: the same filter, newest first, at most `limit` (the caller says when cut). */
export async function auditRowsForExport(db: Database, filter: AuditFilter, limit: number): Promise<AuditRow[]> {
  const rows = await auditRows(db, auditWhere(filter))
    .limit(limit);
  return rows.map((r): AuditRow => ({ ...r, at: new Date(r.at).toISOString() }));
}

const num = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
};
const obj = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Id lists as a Postgres int[] literal parameter. */
const intArray = (ids: Iterable<number>) => `{${[...new Set(ids)].join(",")}}`;

/**
 * The titles and names the sentences need, looked up once per page: the plan, item, focus point,
 * review, evidence, user or committee each row is about, and the plan it belongs to. A thing
 * deleted since falls back to the title kept in the row's own snapshot, or its number.
 */
export async function auditFacts(db: Database, rows: AuditRow[]): Promise<AuditFacts[]> {
  const ids = { plan: new Set<number>(), item: new Set<number>(), focus: new Set<number>(), review: new Set<number>(), user: new Set<number>(), committee: new Set<number>() };
  for (const r of rows) {
    const id = num(r.entityId);
    const after = obj(r.after);
    const before = obj(r.before);
    const planId = num(after.planId) ?? num(before.planId);
    if (planId) ids.plan.add(planId);
    const itemId = num(after.itemId);
    if (itemId) ids.item.add(itemId);
    if (!id) continue;
    if (r.entity === "action_plan") ids.plan.add(id);
    else if (r.entity === "action_item") ids.item.add(id);
    else if (r.entity === "focus_point") ids.focus.add(id);
    else if (r.entity === "committee_review") ids.review.add(id);
    else if (r.entity === "user") ids.user.add(id);
    else if (r.entity === "committee") ids.committee.add(id);
  }
  const lookup = async (set: Set<number>, query: (list: string) => SQL) => {
    if (!set.size) return new Map<number, { title: string; planId: number | null }>();
    const found = await queryRows<{ id: number; title: string; planId: number | null }>(db, query(intArray(set)));
    return new Map(found.map((f) => [f.id, f]));
  };
  const [plans, items, focus, reviews, people, committeesFound] = await Promise.all([
    lookup(ids.plan, (l) => sql`select id, title, id as "planId" from action_plans where id = any(${l}::int[])`),
    lookup(ids.item, (l) => sql`select i.id, i.title, f.plan_id as "planId" from action_items i join focus_points f on f.id = i.focus_point_id where i.id = any(${l}::int[])`),
    lookup(ids.focus, (l) => sql`select id, title, plan_id as "planId" from focus_points where id = any(${l}::int[])`),
    lookup(ids.review, (l) => sql`select id, 'review' as title, plan_id as "planId" from committee_reviews where id = any(${l}::int[])`),
    lookup(ids.user, (l) => sql`select id, display_name as title, null::int as "planId" from users where id = any(${l}::int[])`),
    lookup(ids.committee, (l) => sql`select id, name as title, null::int as "planId" from committees where id = any(${l}::int[])`),
  ]);
  // Plans reached only through an item, focus point or review.
  const extraPlans = new Set<number>();
  for (const m of [items, focus, reviews]) for (const v of m.values()) if (v.planId && !plans.has(v.planId)) extraPlans.add(v.planId);
  if (extraPlans.size) for (const [k, v] of await lookup(extraPlans, (l) => sql`select id, title, id as "planId" from action_plans where id = any(${l}::int[])`)) plans.set(k, v);

  return rows.map((r) => {
    const id = num(r.entityId);
    const after = obj(r.after);
    const before = obj(r.before);
    const own = id === null ? undefined
      : r.entity === "action_plan" ? plans.get(id) : r.entity === "action_item" ? items.get(id) : r.entity === "focus_point" ? focus.get(id)
        : r.entity === "committee_review" ? reviews.get(id) : r.entity === "user" ? people.get(id) : r.entity === "committee" ? committeesFound.get(id) : undefined;
    const evidenceItem = r.entity === "item_evidence" ? items.get(num(after.itemId) ?? -1) : undefined;
    const planId = num(after.planId) ?? num(before.planId) ?? own?.planId ?? evidenceItem?.planId ?? null;
    const subject = r.entity === "committee_review" ? null : r.entity === "item_evidence" ? evidenceItem?.title ?? null : own?.title ?? null;
    return {
      action: r.action, entity: r.entity, entityId: r.entityId, who: r.userName ?? r.actor, before: r.before, after: r.after, subject,
      plan: r.entity === "action_plan" ? null : planId ? plans.get(planId)?.title ?? null : null,
    };
  });
}

export interface WordedAuditRow extends AuditRow {
  sentence: string;
  entityLabel: string;
}

export async function wordAudit(db: Database, rows: AuditRow[], lang: "da" | "en"): Promise<WordedAuditRow[]> {
  const facts = await auditFacts(db, rows);
  return rows.map((r, i) => ({ ...r, sentence: describeAudit(facts[i], lang), entityLabel: entityLabel(lang, r.entity) }));
}

/** The entities in the trail, for the "what" filter (so events added by later features appear too). */
export async function auditEntities(db: Database): Promise<string[]> {
  const rows = await queryRows<{ entity: string }>(db, sql`select distinct entity from audit_log order by entity`);
  return rows.map((r) => r.entity);
}

/** Plans for the plan filter. */
export async function auditPlanOptions(db: Database): Promise<{ id: number; title: string }[]> {
  return queryRows(db, sql`select id, title from action_plans order by title, id`);
}
export type AuditPlanOption = Awaited<ReturnType<typeof auditPlanOptions>>[number];

export const AUDIT_EXPORT_LIMIT = 100_000;

const copenhagenTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
});

/** The export's table: one row per event, its time in Copenhagen, who, what, the sentence. */
export function auditExportTable(rows: WordedAuditRow[], lang: "da" | "en"): ExportTable {
  return {
    name: lang === "da" ? "Revisionsspor" : "Audit trail",
    columns: [
      { header: "time", kind: "text", width: 20 },
      { header: "who", kind: "text", width: 24 },
      { header: "entity", kind: "text", width: 18 },
      { header: "entity_id", kind: "text", width: 10 },
      { header: "action", kind: "text", width: 16 },
      { header: "unit", kind: "text", width: 24 },
      { header: "description", kind: "text", width: 90 },
    ],
    rows: rows.map((r) => [
      copenhagenTime.format(new Date(r.at)), r.userName ?? r.actor ?? null, r.entity, r.entityId, r.action, r.unitName, r.sentence,
    ]),
  };
}

/** Who can be chosen in the user filter: everyone who appears in the trail or has an account. */
export async function auditUserOptions(db: Database) {
  return db.select({ id: users.id, displayName: users.displayName, email: users.email }).from(users).orderBy(users.displayName);
}
export type AuditUserOption = Awaited<ReturnType<typeof auditUserOptions>>[number];

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
