// The report back to AT (tilbagemelding) as data: what the page, the HTML, PDF and DOCX files show,
// its version (a content hash) and the sign-offs recorded against it; and recording a sign-off.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { recordAudit } from "../audit";
import { actionPlans, reportSignoffs, users, type ReportSignoffKind } from "../schema";
import { getPlanDetail, type PlanDetail } from "../presenters/plan-views";
import { listEvidenceFiles } from "./evidence-files";
import type { Actor } from "./plans";
import type { ReportData, ReportFile } from "../../domain/report-data";
import { reportVersion } from "../../domain/report-version";
import { signoffProblem, signoffState, type SignerRights, type SignoffProblem, type SignoffRecord } from "../../domain/signoffs";
import { clockNow } from "../../env";

export const REPORT_SIGNOFF_ENTITY = "report_signoff";

/** Audit action per kind: what #17b's audit page words ("… underskrev tilbagemeldingen for ledelsen"). */
export const SIGNOFF_ACTIONS: Record<ReportSignoffKind, string> = {
  management: "sign_as_management",
  safety_rep: "sign_as_safety_representative",
  employees_informed: "confirm_employees_informed",
  sent_to_at: "record_sent_to_at",
};

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

/** The report back with its recorded sign-offs: what every form of the report shows. */
export async function getReportBack(db: Database, planId: number, today: string, known?: PlanDetail): Promise<ReportData | null> {
  const content = await reportContent(db, planId, today, known);
  if (!content) return null;
  return { ...content.data, signoffs: signoffState(await planSignoffRecords(db, planId), content.version) };
}

export class SignoffRefused extends Error {
  constructor(public readonly problem: SignoffProblem | "stale_version") {
    super(`sign-off refused: ${problem}`);
    this.name = "SignoffRefused";
  }
}

/**
 * Records a signature, the confirmation or the filing, for the version the signer saw (`version`
 * from the form): when the report changed in between, nothing is recorded ("stale_version"). The
 * filing also sets the plan's "report back sent" date, so deadlines count it as answered.
 */
export async function recordSignoff(
  db: Database,
  input: { planId: number; kind: ReportSignoffKind; version: string; onDate?: string | null; today: string },
  rights: SignerRights,
  by: Actor,
): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    // One signer at a time per plan: two signing at once must not both pass the checks.
    await queryRows(tx, sql`select id from action_plans where id = ${input.planId} for update`);
    const content = await reportContent(tx, input.planId, input.today);
    if (!content) throw new Error("plan does not exist");
    if (content.version !== input.version) throw new SignoffRefused("stale_version");
    const state = signoffState(await planSignoffRecords(tx, input.planId), content.version);
    const problem = signoffProblem(input.kind, rights, state);
    if (problem) throw new SignoffRefused(problem);
    const [signer] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, rights.userId));
    const needsDate = input.kind === "sent_to_at" || input.kind === "employees_informed";
    const values = {
      planId: input.planId, kind: input.kind, userId: rights.userId, signerName: signer?.name ?? "?",
      reportHash: content.version, onDate: needsDate ? input.onDate ?? input.today : null,
      // The product's clock (APP_TODAY when fixed), so "signed on" agrees with the business date.
      signedAt: clockNow(),
    };
    const [created] = await tx.insert(reportSignoffs).values(values).returning({ id: reportSignoffs.id });
    const [plan] = await tx.select({ unitId: actionPlans.unitId, reportedBackOn: actionPlans.reportedBackOn }).from(actionPlans).where(eq(actionPlans.id, input.planId));
    await recordAudit(tx, {
      ...by, action: SIGNOFF_ACTIONS[input.kind], entity: REPORT_SIGNOFF_ENTITY, entityId: created.id, unitId: plan.unitId,
      after: { planId: input.planId, kind: input.kind, signerName: values.signerName, reportVersion: content.version, onDate: values.onDate },
    });
    if (input.kind === "sent_to_at" && plan.reportedBackOn !== values.onDate) {
      await tx.update(actionPlans).set({ reportedBackOn: values.onDate, updatedAt: new Date() }).where(eq(actionPlans.id, input.planId));
    }
    return created;
  });
}
