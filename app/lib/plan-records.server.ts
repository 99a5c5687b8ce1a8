// The action-plan routes' door to evidence files, sign-offs and the report files: upload parsing,
// who may sign as what (docs/decisions/0015-report-back-sign-offs.md), and the download headers.
import {
  MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData,
} from "@remix-run/node";
import { env } from "../../env";
import { can } from "../../domain/access";
import type { PlanAccess } from "./plans.server";
import { checkEvidence, cleanFileName, contentDisposition, type EvidenceProblem } from "../../evidence/files";
import type { EvidenceTarget } from "../../db/presenters/evidence-files";
import type { EvidenceKind } from "../../db/schema";
import type { SignerRights } from "../../domain/signoffs";

export { addEvidenceFile } from "../../db/commands/evidence-files";
export { evidenceFileContent, listEvidenceFiles, planOfTarget, type EvidenceFileView } from "../../db/presenters/evidence-files";
export { getReportBack } from "../../db/presenters/report-back";
export { recordSignoff, SIGNOFF_ACTIONS } from "../../db/commands/report-signoffs";
export { InputError } from "../../db/commands/input-error";
export { ACCEPT, CONTENT_TYPES } from "../../evidence/files";

export function evidenceLimits() {
  const e = env();
  return { maxBytes: e.EVIDENCE_MAX_BYTES, maxUncompressedBytes: e.EVIDENCE_MAX_UNCOMPRESSED_BYTES, maxEntries: e.XLSX_MAX_ENTRIES };
}

/** "item:12" or "fp:3" from the form: what the file is attached to. */
export function parseTarget(value: unknown): EvidenceTarget | null {
  const match = typeof value === "string" ? /^(item|fp):([1-9]\d{0,9})$/.exec(value) : null;
  if (!match) return null;
  return match[1] === "item" ? { itemId: Number(match[2]) } : { focusPointId: Number(match[2]) };
}

export type EvidenceUpload =
  | { ok: true; target: EvidenceTarget; fileName: string; kind: EvidenceKind; content: Uint8Array }
  | { ok: false; problem: EvidenceProblem | "no_file" | "bad_target"; target: EvidenceTarget | null };

/** Reads the multipart form in memory (bounded by EVIDENCE_MAX_BYTES) and checks the file's bytes. */
export async function readEvidenceUpload(request: Request): Promise<EvidenceUpload> {
  const limits = evidenceLimits();
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: limits.maxBytes }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, problem: "too_large", target: null };
    throw error;
  }
  const target = parseTarget(form.get("target"));
  if (!target) return { ok: false, problem: "bad_target", target: null };
  const file = form.get("file");
  if (!file || typeof file === "string" || !file.name) return { ok: false, problem: "no_file", target };
  const fileName = cleanFileName(file.name);
  const content = new Uint8Array(await file.arrayBuffer());
  const checked = await checkEvidence(fileName, content, limits);
  if (!checked.ok) return { ok: false, problem: checked.problem, target };
  return { ok: true, target, fileName, kind: checked.kind, content };
}

/** Who may sign what on this plan (the plan's unit decides, as for every other right on it). */
export function signerRights(access: PlanAccess): SignerRights {
  return {
    userId: access.principal.user.id,
    management: can(access.principal, "sign_report_management", access.unitId),
    safetyRep: can(access.principal, "sign_report_safety", access.unitId),
    edit: access.canEdit,
  };
}

/**
 * A generated or stored file as a download: never shown inline, never cached, sandboxed should a
 * browser open it anyway. "X-Content-Type-Options: nosniff" is on every response already (helmet
 * in server.ts); sent here too it would arrive twice.
 */
export function fileResponse(content: Uint8Array, contentType: string, fileName: string): Response {
  return new Response(content as unknown as BodyInit, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": contentDisposition(fileName),
      "Content-Length": String(content.byteLength),
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "no-store",
    },
  });
}
export { renderReportPdf } from "../../reports/report-pdf";
export { renderReportDocx } from "../../reports/report-docx";
export { renderMeetingPdf } from "../../reports/meeting-pdf";
export { signoffProblem } from "../../domain/signoffs";
export { REPORT_SIGNOFF_KINDS } from "../../db/schema/plan-records";
export { isValidIsoDate } from "../../domain/calendar";
