// A plan's evidence files for its pages: the list without the bytes, one file for the download, and
// which plan an upload's target belongs to (for authorisation).
import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { evidenceFiles, type EvidenceKind } from "../schema";

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
export type EvidenceTargetPlan = NonNullable<Awaited<ReturnType<typeof planOfTarget>>>;

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
export type EvidenceFileContent = NonNullable<Awaited<ReturnType<typeof evidenceFileContent>>>;
