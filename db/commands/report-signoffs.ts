// Recording a sign-off of the report back to AT: a signature, the confirmation that employees were
// informed, or the filing, each for the version the signer saw and with an audit row.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { recordAudit } from "../audit";
import { actionPlans, reportSignoffs, users, type ReportSignoffKind } from "../schema";
import { planSignoffRecords, reportContent } from "../presenters/report-back";
import type { Actor } from "./actor";
import { InputError } from "./input-error";
import { signoffProblem, signoffState, type SignerRights, type SignoffProblem } from "../../domain/signoffs";
import { clockNow } from "../../env";

export const REPORT_SIGNOFF_ENTITY = "report_signoff";

/** Audit action per kind: what #17b's audit page words ("… underskrev tilbagemeldingen for ledelsen"). */
export const SIGNOFF_ACTIONS: Record<ReportSignoffKind, string> = {
  management: "sign_as_management",
  safety_rep: "sign_as_safety_representative",
  employees_informed: "confirm_employees_informed",
  sent_to_at: "record_sent_to_at",
};

/** Why a sign-off was refused: the signer may not sign so now, or the report changed since they saw it. */
export type SignoffRefusal = SignoffProblem | "stale_version";

function signoffRefused(problem: SignoffRefusal): InputError<SignoffRefusal> {
  return InputError.refusal(problem, `sign-off refused: ${problem}`);
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
    if (content.version !== input.version) throw signoffRefused("stale_version");
    const state = signoffState(await planSignoffRecords(tx, input.planId), content.version);
    const problem = signoffProblem(input.kind, rights, state);
    if (problem) throw signoffRefused(problem);
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
