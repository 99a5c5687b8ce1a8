// The report back to AT (tilbagemelding) as data: what the page, the HTML, PDF and DOCX files show,
// its version (a content hash) and the sign-offs recorded against it (db/commands/report-signoffs.ts records them).
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { getPlanDetail, type PlanDetail } from "./plan-views";
import { listEvidenceFiles } from "./evidence-files";
import type { ReportData, ReportFile } from "../../domain/report-data";
import { reportVersion } from "../../domain/report-version";
import { signoffState, type SignoffRecord } from "../../domain/signoffs";

export async function planSignoffRecords(db: Database, planId: number): Promise<SignoffRecord[]> {
  return queryRows<SignoffRecord>(db, sql`
    select id, kind, user_id as "userId", signer_name as "signerName", report_hash as "reportHash", on_date as "onDate",
      to_char(signed_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD"T"HH24:MI:SS') as "signedAt"
    from report_signoffs where plan_id = ${planId} order by signed_at, id`);
}

/** The report's content without the sign-offs, and its version. */
export async function reportContent(
  db: Database, planId: number, today: string, known?: PlanDetail,
): Promise<{ data: ReportData; version: string } | null> {
  const detail = known ?? (await getPlanDetail(db, planId, today));
  if (!detail) return null;
  const files = await listEvidenceFiles(db, planId);
  const asReportFile = (f: (typeof files)[number]): ReportFile => ({
    id: f.id, fileName: f.fileName, sha256: f.sha256, uploadedOn: f.uploadedAt.slice(0, 10), uploadedByName: f.uploadedByName,
  });
  const p = detail.plan;
  const data: ReportData = {
    today,
    plan: {
      id: p.id, title: p.title, unitName: p.unitName, unitCode: p.unitCode, sourceKind: p.sourceKind, atReference: p.atReference,
      atReaction: p.atReaction, atVisitDate: p.atVisitDate, atDecisionDate: p.atDecisionDate, atThemes: p.atThemes, deadline: p.deadline,
      appealStatus: p.appealStatus, description: p.description, committeeName: p.committeeName,
    },
    focusPoints: detail.focusPoints.map((fp) => ({
      id: fp.id, title: fp.title, description: fp.description,
      files: files.filter((f) => f.focusPointId === fp.id).map(asReportFile),
      items: fp.items.map((i) => ({
        id: i.id, title: i.title, description: i.description, ownerLabel: i.ownerLabel, dueDate: i.dueDate, status: i.status,
        doneOn: i.doneOn, cancelReason: i.cancelReason, verifiedOn: i.verifiedOn, verifiedByName: i.verifiedByName,
        evidence: i.evidence.map((e) => ({ id: e.id, notedOn: e.notedOn, note: e.note })),
        files: files.filter((f) => f.itemId === i.id).map(asReportFile),
      })),
    })),
    reviews: detail.reviews.map((r) => ({ id: r.id, reviewDate: r.reviewDate, committeeName: r.committeeName, decisions: r.decisions })),
  };
  // Overdue days and the like move with the date; the hashed content holds none of them.
  return { data, version: reportVersion(data) };
}
export type ReportContent = NonNullable<Awaited<ReturnType<typeof reportContent>>>;

/** The report back with its recorded sign-offs: what every form of the report shows. */
export async function getReportBack(db: Database, planId: number, today: string, known?: PlanDetail): Promise<ReportData | null> {
  const content = await reportContent(db, planId, today, known);
  if (!content) return null;
  return { ...content.data, signoffs: signoffState(await planSignoffRecords(db, planId), content.version) };
}
