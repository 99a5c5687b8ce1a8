// Evidence files of a plan's items and focus points: stored in Postgres with who and when, each
// upload an audit row (entity "evidence_file", action "upload") in the same transaction.
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { recordAudit } from "../audit";
import { evidenceFiles, type EvidenceKind } from "../schema";
import type { Actor } from "./plans";
import { clockNow } from "../../env";

export const EVIDENCE_FILE_ENTITY = "evidence_file";

export type EvidenceTarget = { itemId: number } | { focusPointId: number };

export interface EvidenceFileView {
  id: number; itemId: number | null; focusPointId: number | null; fileName: string; kind: EvidenceKind; sizeBytes: number;
  sha256: string; uploadedByName: string | null; uploadedAt: string;
}

/** Which plan an item or focus point belongs to, with the unit (for authorisation); null when it does not exist. */
export async function planOfTarget(db: Database, target: EvidenceTarget): Promise<{ planId: number; unitId: number; ownerUserId: number | null; title: string } | null> {
  const [row] = "itemId" in target
    ? await queryRows<{ planId: number; unitId: number; ownerUserId: number | null; title: string }>(db, sql`
        select p.id as "planId", p.unit_id as "unitId", i.owner_user_id as "ownerUserId", i.title
        from action_items i join focus_points f on f.id = i.focus_point_id join action_plans p on p.id = f.plan_id where i.id = ${target.itemId}`)
    : await queryRows<{ planId: number; unitId: number; ownerUserId: number | null; title: string }>(db, sql`
        select p.id as "planId", p.unit_id as "unitId", null::int as "ownerUserId", f.title
        from focus_points f join action_plans p on p.id = f.plan_id where f.id = ${target.focusPointId}`);
  return row ?? null;
}

/** Stores a checked file (evidence/files.ts checkEvidence decided its kind). */
export async function addEvidenceFile(
  db: Database,
  input: { target: EvidenceTarget; fileName: string; kind: EvidenceKind; content: Uint8Array },
  by: Actor,
): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const plan = await planOfTarget(tx, input.target);
    if (!plan) throw new Error("evidence target does not exist");
    const sha256 = createHash("sha256").update(input.content).digest("hex");
    const values = {
      planId: plan.planId,
      itemId: "itemId" in input.target ? input.target.itemId : null,
      focusPointId: "focusPointId" in input.target ? input.target.focusPointId : null,
      fileName: input.fileName, kind: input.kind, sizeBytes: input.content.byteLength, sha256,
      content: input.content, uploadedBy: by.userId ?? null, uploadedAt: clockNow(),
    };
    const [created] = await tx.insert(evidenceFiles).values(values).returning({ id: evidenceFiles.id });
    const { content: _content, uploadedBy: _by, uploadedAt: _at, ...described } = values;
    await recordAudit(tx, {
      ...by, action: "upload", entity: EVIDENCE_FILE_ENTITY, entityId: created.id, unitId: plan.unitId,
      after: { ...described, subjectTitle: plan.title },
    });
    return created;
  });
}

/** A plan's files without their bytes, oldest first. */
export async function listEvidenceFiles(db: Database, planId: number): Promise<EvidenceFileView[]> {
  return queryRows<EvidenceFileView>(db, sql`
    select e.id, e.item_id as "itemId", e.focus_point_id as "focusPointId", e.file_name as "fileName", e.kind,
      e.size_bytes as "sizeBytes", e.sha256, u.display_name as "uploadedByName",
      to_char(e.uploaded_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD"T"HH24:MI') as "uploadedAt"
    from evidence_files e left join users u on u.id = e.uploaded_by
    where e.plan_id = ${planId} order by e.uploaded_at, e.id`);
}

/** One file with its bytes, for the download. */
export async function evidenceFileContent(db: Database, fileId: number): Promise<{ planId: number; fileName: string; kind: EvidenceKind; content: Uint8Array } | null> {
  const [row] = await db
    .select({ planId: evidenceFiles.planId, fileName: evidenceFiles.fileName, kind: evidenceFiles.kind, content: evidenceFiles.content })
    .from(evidenceFiles).where(eq(evidenceFiles.id, fileId));
  return row ?? null;
}
