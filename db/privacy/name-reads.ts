// The log of who read named per-person figures (per-caseworker load, leavers' names, a person's
// data export): written by the loaders that show them, read by administrators, purged nightly.
import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { preparedRows } from "../infra/prepared";
import { nameReads, units, users, type NameReadKind } from "../schema";

export interface NameRead {
  userId: number;
  kind: NameReadKind;
  unitId: number | null;
  subjects: number;
}

/** Nothing is logged when no named person was shown. */
export async function recordNameRead(db: Database, read: NameRead): Promise<void> {
  if (read.subjects <= 0) return;
  // Prepared: the team page logs one on every showing, cache hits included.
  await preparedRows(db, "record_name_read", sql`
    insert into name_reads (user_id, kind, unit_id, subjects) values (${read.userId}, ${read.kind}, ${read.unitId}, ${read.subjects})`);
}

/** Several reads in one statement (the rendered-page cache gathers the hits that arrive together). */
export async function recordNameReads(db: Database, reads: NameRead[]): Promise<void> {
  const shown = reads.filter((r) => r.subjects > 0);
  if (shown.length === 0) return;
  await preparedRows(db, "record_name_reads", sql`
    insert into name_reads (user_id, kind, unit_id, subjects)
    select * from unnest(${`{${shown.map((r) => r.userId).join(",")}}`}::int[], ${`{${shown.map((r) => r.kind).join(",")}}`}::text[],
      ${`{${shown.map((r) => r.unitId ?? "NULL").join(",")}}`}::int[], ${`{${shown.map((r) => r.subjects).join(",")}}`}::int[])`);
}

export interface NameReadFilter {
  userId?: number;
  kind?: NameReadKind;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listNameReads(db: Database, filter: NameReadFilter) {
  const conditions = [
    filter.userId ? eq(nameReads.userId, filter.userId) : undefined,
    filter.kind ? eq(nameReads.kind, filter.kind) : undefined,
    filter.from ? gte(nameReads.at, new Date(`${filter.from}T00:00:00Z`)) : undefined,
    filter.to ? lte(nameReads.at, new Date(`${filter.to}T23:59:59.999Z`)) : undefined,
  ].filter((c) => c !== undefined);
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await db
    .select({
      id: nameReads.id, at: nameReads.at, kind: nameReads.kind, subjects: nameReads.subjects,
      userName: users.displayName, userEmail: users.email, unitName: units.name, unitCode: units.code,
    })
    .from(nameReads)
    .leftJoin(users, eq(users.id, nameReads.userId))
    .leftJoin(units, eq(units.id, nameReads.unitId))
    .where(where)
    .orderBy(desc(nameReads.at), desc(nameReads.id))
    .limit(filter.pageSize + 1)
    .offset((filter.page - 1) * filter.pageSize);
  return { rows: rows.slice(0, filter.pageSize).map((r) => ({ ...r, at: r.at.toISOString() })), hasMore: rows.length > filter.pageSize };
}

/** Deletes entries older than the cutoff day; returns how many. */
export async function purgeNameReads(db: Database, cutoffDay: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, sql`
    with gone as (delete from name_reads where at < ${`${cutoffDay}T00:00:00Z`}::timestamptz returning 1)
    select count(*)::int as n from gone`);
  return rows[0]?.n ?? 0;
}

