// The plans.$id route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { forbidden } from "~/lib/guard.server";
import { addEvidence, addFocusPoint, addItem, changeItemStatus, updateItem, PlanInputError, planOfFocusPoint, planOfItem, recordReview, updatePlanStatus } from "../../db/queries/plans";
import { committeesCovering, getPlanDetail, ownerOptions } from "../../db/queries/plan-views";
import { getDb } from "../../db/client";
import { mayMoveItem, mayUpdateItem, requirePlanAccess, today } from "~/lib/plans.server";
import { allowedTransitions, type ItemStatus } from "../../domain/plan-status";
import { ACCEPT, getReportBack } from "~/lib/plan-records.server";
import { BAD_REQUEST, invariantResponse, notFound } from "~/lib/responses.server";

function planIdOf(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, planIdOf(params), db);
  const day = today();
  const detail = (await getPlanDetail(db, access.planId, day))!;
  // What this user may do with each item, decided on the server; the page only shows it.
  const itemRights: Record<number, { update: boolean; moves: ItemStatus[] }> = {};
  for (const fp of detail.focusPoints) {
    for (const item of fp.items) {
      itemRights[item.id] = {
        update: mayUpdateItem(access, item),
        moves: allowedTransitions(item.status).filter((to) => mayMoveItem(access, item, to)),
      };
    }
  }
  const report = (await getReportBack(db, access.planId, day, detail))!;
  const url = new URL(request.url);
  return {
    today: day,
    detail,
    files: {
      items: Object.fromEntries(report.focusPoints.flatMap((fp) => fp.items.map((i) => [i.id, i.files ?? []]))),
      focusPoints: Object.fromEntries(report.focusPoints.map((fp) => [fp.id, fp.files ?? []])),
    },
    signoffs: report.signoffs!,
    upload: { added: url.searchParams.get("evidence") === "added", error: url.searchParams.get("evidenceError"), target: url.searchParams.get("target") },
    accept: ACCEPT,
    itemRights,
    canEdit: access.canEdit,
    canReview: access.canReview,
    committees: access.canReview ? await committeesCovering(db, access.unitId) : [],
    owners: access.canEdit ? await ownerOptions(db) : [],
  };
}

const Intent = z.enum(["add_focus_point", "add_item", "edit_item", "status", "evidence", "review", "plan_status"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, planIdOf(params), db);
  const form = await request.formData();
  const values = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const intent = Intent.safeParse(values.intent);
  invariantResponse(intent.success, BAD_REQUEST, { status: 400 });
  const by = { userId: access.principal.user.id };
  const back = (anchor?: string) => redirect(`/plans/${access.planId}${anchor ? `#${anchor}` : ""}`);
  const targetId = values.itemId ?? values.focusPointId ?? null;
  const refuse = (fieldErrors: Record<string, string>) => data({ intent: intent.data, targetId, fieldErrors, values }, { status: 400 });

  try {
    switch (intent.data) {
      case "add_focus_point": {
        if (!access.canEdit) throw forbidden();
        const { id } = await addFocusPoint(db, { ...values, planId: access.planId }, by);
        return back(`fp-${id}`);
      }
      case "add_item": {
        if (!access.canEdit) throw forbidden();
        const fp = await planOfFocusPoint(db, Number(values.focusPointId));
        if (!fp || fp.planId !== access.planId) return refuse({ focusPointId: "not_in_plan" });
        const { id } = await addItem(db, values, by);
        return back(`item-${id}`);
      }
      case "edit_item": {
        if (!access.canEdit) throw forbidden();
        const item = await planOfItem(db, Number(values.itemId));
        if (!item || item.planId !== access.planId) return refuse({ itemId: "not_in_plan" });
        await updateItem(db, values, by);
        return back(`item-${values.itemId}`);
      }
      case "status":
      case "evidence": {
        const item = await planOfItem(db, Number(values.itemId));
        if (!item || item.planId !== access.planId) return refuse({ itemId: "not_in_plan" });
        if (intent.data === "status") {
          const to = values.to as ItemStatus;
          if (!mayMoveItem(access, item, to)) throw forbidden();
          await changeItemStatus(db, values, by, today());
        } else {
          if (!mayUpdateItem(access, item)) throw forbidden();
          await addEvidence(db, values, by);
        }
        return back(`item-${values.itemId}`);
      }
      case "review": {
        if (!access.canReview) throw forbidden();
        const covering = await committeesCovering(db, access.unitId);
        if (!covering.some((c) => String(c.id) === values.committeeId)) return refuse({ committeeId: "committee_not_covering" });
        await recordReview(db, { ...values, planId: access.planId }, by);
        return back("reviews");
      }
      case "plan_status": {
        if (!access.canEdit) throw forbidden();
        await updatePlanStatus(db, { ...values, planId: access.planId }, by);
        return back();
      }
    }
  } catch (error) {
    if (error instanceof PlanInputError) return refuse(error.fieldErrors);
    throw error;
  }
}
