// Every write leaves a row in the append-only audit trail, in the same transaction as the write.
import { auditLog } from "./schema";
import type { Database } from "./client";

export interface AuditEntry {
  userId?: number | null;
  actor?: string | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
  /** When it happened, if not now: imports of history and the demo story date their entries. */
  at?: Date;
}

/** Pass the transaction handle of the write, so the trail and the change commit together. */
export async function recordAudit(tx: Database, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    ...(entry.at ? { at: entry.at } : {}),
    userId: entry.userId ?? null,
    actor: entry.actor ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    unitId: entry.unitId ?? null,
    before: entry.before === undefined ? null : (entry.before as object),
    after: entry.after === undefined ? null : (entry.after as object),
  });
}
