// The plans.$id route's server half: its loader and its action (the intent table), importing db/
// and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { forbidden } from "~/lib/guard.server";
import { addEvidence, addFocusPoint, addItem, changeItemStatus, updateItem, recordReview, updatePlanStatus } from "../../db/commands/plans";
import { planOfFocusPoint, planOfItem } from "../../db/presenters/plan-refs";
import { type Actor } from "../../db/commands/actor";
import { committeesCovering, getPlanDetail, ownerOptions } from "../../db/presenters/plan-views";
import { getDb, type Database } from "../../db/client";
import { mayMoveItem, mayUpdateItem, requirePlanAccess, today, type PlanAccess } from "~/lib/plans.server";
import { allowedTransitions, type ItemStatus } from "../../domain/plan-status";
import { ACCEPT, getReportBack } from "~/lib/plan-records.server";
import { BAD_REQUEST, invariantResponse, notFound } from "~/lib/responses.server";
import { InputError } from "../../db/commands/input-error";

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

// The action is a lookup in this table plus a call. Each intent names the capability it needs on
// the plan's unit (checked first: 403), the ids its check reads (zod), the ownership check (is the
// target in this plan — else a field refusal — and may this user touch it — else 403) and the command.
type FieldErrors = Record<string, string>;

interface IntentContext { db: Database; access: PlanAccess; by: Actor; values: Record<string, string> }

interface PlanIntent<S extends z.ZodTypeAny> {
  needs?: "canEdit" | "canReview";
  schema: S;
  check?: (ctx: IntentContext, input: z.infer<S>) => Promise<FieldErrors | null>;
  /** Runs the command; returns the anchor of the page to go back to. */
  run: (ctx: IntentContext, input: z.infer<S>) => Promise<string | undefined>;
}

/** Keeps each entry's schema and functions typed together. */
const intent = <S extends z.ZodTypeAny>(entry: PlanIntent<S>) => entry;

const Id = z.coerce.number();

async function itemInPlan(db: Database, access: PlanAccess, itemId: number) {
  const item = await planOfItem(db, itemId);
  return item && item.planId === access.planId ? item : null;
}

export const PLAN_INTENTS = {
  add_focus_point: intent({
    needs: "canEdit",
    schema: z.object({}),
    run: async ({ db, access, values, by }) => `fp-${(await addFocusPoint(db, { ...values, planId: access.planId }, by)).id}`,
  }),
  add_item: intent({
    needs: "canEdit",
    schema: z.object({ focusPointId: Id }),
    check: async ({ db, access }, { focusPointId }) => {
      const fp = await planOfFocusPoint(db, focusPointId);
      return fp && fp.planId === access.planId ? null : { focusPointId: "not_in_plan" };
    },
    run: async ({ db, values, by }) => `item-${(await addItem(db, values, by)).id}`,
  }),
  edit_item: intent({
    needs: "canEdit",
    schema: z.object({ itemId: Id }),
    check: async ({ db, access }, { itemId }) => ((await itemInPlan(db, access, itemId)) ? null : { itemId: "not_in_plan" }),
    run: async ({ db, values, by }) => {
      await updateItem(db, values, by);
      return `item-${values.itemId}`;
    },
  }),
  // Status and evidence are the owner's too, so the right is decided per item after the lookup.
  status: intent({
    schema: z.object({ itemId: Id, to: z.string().optional() }),
    check: async ({ db, access }, { itemId, to }) => {
      const item = await itemInPlan(db, access, itemId);
      if (!item) return { itemId: "not_in_plan" };
      if (!mayMoveItem(access, item, to as ItemStatus)) throw forbidden();
      return null;
    },
    run: async ({ db, values, by }) => {
      await changeItemStatus(db, values, by, today());
      return `item-${values.itemId}`;
    },
  }),
  evidence: intent({
    schema: z.object({ itemId: Id }),
    check: async ({ db, access }, { itemId }) => {
      const item = await itemInPlan(db, access, itemId);
      if (!item) return { itemId: "not_in_plan" };
      if (!mayUpdateItem(access, item)) throw forbidden();
      return null;
    },
    run: async ({ db, values, by }) => {
      await addEvidence(db, values, by);
      return `item-${values.itemId}`;
    },
  }),
  review: intent({
    needs: "canReview",
    schema: z.object({ committeeId: z.string().optional() }),
    check: async ({ db, access }, { committeeId }) => {
      const covering = await committeesCovering(db, access.unitId);
      return covering.some((c) => String(c.id) === committeeId) ? null : { committeeId: "committee_not_covering" };
    },
    run: async ({ db, access, values, by }) => {
      await recordReview(db, { ...values, planId: access.planId }, by);
      return "reviews";
    },
  }),
  plan_status: intent({
    needs: "canEdit",
    schema: z.object({}),
    run: async ({ db, access, values, by }) => {
      await updatePlanStatus(db, { ...values, planId: access.planId }, by);
      return undefined;
    },
  }),
} satisfies Record<string, PlanIntent<z.ZodTypeAny>>;

export type PlanIntentName = keyof typeof PLAN_INTENTS;

/**
 * One posted form against a plan the user may see: 400 for an unknown intent, 403 without the
 * right, a 400 field refusal for a target outside the plan or a command's input error, else a
 * redirect back to the changed part of the page.
 */
export async function runPlanIntent(db: Database, access: PlanAccess, values: Record<string, string>) {
  const name = values.intent;
  invariantResponse(Object.hasOwn(PLAN_INTENTS, name), BAD_REQUEST, { status: 400 });
  const entry: PlanIntent<z.ZodTypeAny> = PLAN_INTENTS[name as PlanIntentName];
  const targetId = values.itemId ?? values.focusPointId ?? null;
  const refuse = (fieldErrors: FieldErrors) => data({ intent: name as PlanIntentName, targetId, fieldErrors, values }, { status: 400 });
  if (entry.needs && !access[entry.needs]) throw forbidden();
  const ctx: IntentContext = { db, access, by: { userId: access.principal.user.id }, values };
  const input = entry.schema.safeParse(values);
  // An id that is not a number names nothing in this plan.
  if (!input.success) return refuse(Object.fromEntries(input.error.issues.map((issue) => [String(issue.path[0]), "not_in_plan"])));
  try {
    const refusal = entry.check ? await entry.check(ctx, input.data) : null;
    if (refusal) return refuse(refusal);
    const anchor = await entry.run(ctx, input.data);
    return redirect(`/plans/${access.planId}${anchor ? `#${anchor}` : ""}`);
  } catch (error) {
    if (error instanceof InputError) return refuse(error.fieldErrors);
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, planIdOf(params), db);
  const form = await request.formData();
  const values = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  return runPlanIntent(db, access, values);
}
