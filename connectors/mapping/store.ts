// Saved column mappings, by name.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { columnMappings } from "../../db/schema";
import { mappingSchema, type ColumnMapping } from "./mapping";

export async function saveMapping(db: Database, mapping: ColumnMapping, userId: number | null): Promise<void> {
  const valid = mappingSchema.parse(mapping);
  await db.insert(columnMappings)
    .values({ name: valid.name, kind: valid.kind, columns: valid.columns, values: valid.values, createdBy: userId })
    .onConflictDoUpdate({ target: columnMappings.name, set: { kind: valid.kind, columns: valid.columns, values: valid.values, updatedAt: new Date() } });
}

export async function getMapping(db: Database, name: string): Promise<ColumnMapping | null> {
  const [row] = await db.select().from(columnMappings).where(eq(columnMappings.name, name));
  if (!row) return null;
  return mappingSchema.parse({ name: row.name, kind: row.kind, columns: row.columns, values: row.values });
}

export async function listMappings(db: Database): Promise<{ name: string; kind: string; updatedAt: Date }[]> {
  return db.select({ name: columnMappings.name, kind: columnMappings.kind, updatedAt: columnMappings.updatedAt }).from(columnMappings).orderBy(columnMappings.name);
}
