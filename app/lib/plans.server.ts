// The one place that decides what a principal may do with an action plan. Plans are guarded by
// the plan's unit; an item's owner may also update that item (status and evidence), wherever the
// plan sits. Routes import the plan queries from db/ directly (in their *.server.ts halves).
import { getDb, type Database } from "../../db/client";
import { forbidden, requireCapability, requirePrincipal } from "./guard.server";
import { can, scopeOf, type Principal } from "../../domain/access";
import { z } from "zod";
import { planRef } from "../../db/presenters/plan-refs";
import { committeesInScope, planIdsWithItemsOwnedBy } from "../../db/presenters/plan-views";
import type { ItemStatus } from "../../domain/plan-status";
import { businessDate } from "../../env";
import { invariantResponse, NOT_FOUND } from "./responses.server";

/** The business date: Copenhagen today, or APP_TODAY when the clock is fixed. */
export function today(): string {
  return businessDate();
}

export interface PlanAccess {
  principal: Principal;
  planId: number;
  unitId: number;
  /** edit_plans on the plan's unit: focus points, items, any item's status except verified. */
  canEdit: boolean;
  /** review_plans on the plan's unit: committee reviews and verifying items. */
  canReview: boolean;
}

/** 404 when the plan does not exist; 403 unless the principal sees the plan's unit or owns one of its items. */
export async function requirePlanAccess(request: Request, planId: number, db: Database = getDb()): Promise<PlanAccess> {
  const principal = await requirePrincipal(request, db);
  const ref = Number.isInteger(planId) && planId > 0 ? await planRef(db, planId) : null;
  invariantResponse(ref, NOT_FOUND, { status: 404 });
  const visible = can(principal, "view_plans", ref.unitId)
    || (can(principal, "update_own_items") && (await planIdsWithItemsOwnedBy(db, principal.user.id)).includes(ref.planId));
  if (!visible) throw forbidden();
  return {
    principal, planId: ref.planId, unitId: ref.unitId,
    canEdit: can(principal, "edit_plans", ref.unitId),
    canReview: can(principal, "review_plans", ref.unitId),
  };
}

/** Status and evidence of an item: editors of the plan, or the item's owner. */
export function mayUpdateItem(access: PlanAccess, item: { ownerUserId: number | null }): boolean {
  if (access.canEdit) return true;
  return item.ownerUserId === access.principal.user.id && can(access.principal, "update_own_items");
}

/**
 * A status move: verifying is the committee's judgement (review_plans); cancelling changes the plan
 * (edit_plans); every other move is the owner's or an editor's.
 */
export function mayMoveItem(access: PlanAccess, item: { ownerUserId: number | null }, to: ItemStatus): boolean {
  if (to === "verified") return access.canReview;
  if (to === "cancelled") return access.canEdit;
  return mayUpdateItem(access, item);
}

const MeetingQuery = z.object({ committee: z.coerce.number().int().positive().optional().catch(undefined) });

/**
 * The committee a meeting view (page or PDF) is about: the one asked for (?committee=), else the
 * first the user sees; undefined when they see none. Only committees whose units the user sees:
 * a committee's name and plans are not for everyone, so another one is 403.
 */
export async function meetingCommittee(request: Request, db: Database = getDb()) {
  const principal = await requireCapability(request, "view_plans", undefined, db);
  const scope = scopeOf(principal, "view_plans");
  const committees = await committeesInScope(db, scope, principal.user.id);
  const q = MeetingQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const committeeId = q.committee ?? committees[0]?.id;
  if (committeeId !== undefined && !committees.some((c) => c.id === committeeId)) throw forbidden();
  return { principal, scope, committees, committeeId };
}
