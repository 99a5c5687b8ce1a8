// Evidence files of a plan's items and focus points: stored in Postgres with who and when, each
// upload an audit row (entity "evidence_file", action "upload") in the same transaction.
// The plan pages' reads of them are db/presenters/evidence-files.ts.
import { createHash } from "node:crypto";
import type { Database } from "../client";
import { recordAudit } from "../audit";
import { evidenceFiles, type EvidenceKind } from "../schema";
import type { Actor } from "./actor";
import { planOfTarget, type EvidenceTarget } from "../presenters/evidence-files";
import { clockNow } from "../../env";

export const EVIDENCE_FILE_ENTITY = "evidence_file";

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
