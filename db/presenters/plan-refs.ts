// Which plan, with its unit, a plan id, focus point or item belongs to: what every permission check
// (the plan pages) and every plan command is made against.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { actionPlans } from "../schema";
import type { ItemStatus } from "../../domain/plan-status";

export interface PlanRef { planId: number; unitId: number }

/** The plan an entity belongs to, with its unit: what every permission check is made against. */
export async function planOfFocusPoint(db: Database, focusPointId: number): Promise<PlanRef | null> {
  const [row] = await queryRows<PlanRef>(db, sql`
    select p.id as "planId", p.unit_id as "unitId" from focus_points f join action_plans p on p.id = f.plan_id where f.id = ${focusPointId}`);
  return row ?? null;
}

export async function planOfItem(db: Database, itemId: number): Promise<(PlanRef & { ownerUserId: number | null; status: ItemStatus }) | null> {
  const [row] = await queryRows<PlanRef & { ownerUserId: number | null; status: ItemStatus }>(db, sql`
    select p.id as "planId", p.unit_id as "unitId", i.owner_user_id as "ownerUserId", i.status
    from action_items i join focus_points f on f.id = i.focus_point_id join action_plans p on p.id = f.plan_id
    where i.id = ${itemId}`);
  return row ?? null;
}
export type ItemPlanRef = NonNullable<Awaited<ReturnType<typeof planOfItem>>>;

export async function planRef(db: Database, planId: number): Promise<PlanRef | null> {
  const [row] = await db.select({ planId: actionPlans.id, unitId: actionPlans.unitId }).from(actionPlans).where(eq(actionPlans.id, planId));
  return row ?? null;
}
