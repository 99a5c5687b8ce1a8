// Whether each plan's unit is improving since the plan started (db/presenters/wellbeing.ts), for the
// MED meeting view: shown only to those who may see the unit's survey figures.
import type { Database } from "../../db/client";
import { planStarts, plansWellbeingProgress, type PlanWellbeingProgress } from "../../db/presenters/wellbeing";
import { can, type Principal } from "../../domain/access";

export type { PlanWellbeingProgress };

export async function meetingWellbeingProgress(db: Database, principal: Principal, planIds: number[]): Promise<Record<number, PlanWellbeingProgress>> {
  const plans = (await planStarts(db, planIds)).filter((p) => can(principal, "view_wellbeing", p.unitId));
  return Object.fromEntries(await plansWellbeingProgress(db, plans));
}
