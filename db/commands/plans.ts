// Writing action plans: plans, focus points, items, evidence, status changes and committee reviews.
// Every write is validated here (the pages, the demo seed and tests call these functions) and leaves
// an audit row in the same transaction: the plan's timeline and the report back to AT read that trail.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../client";
import { queryRows } from "../client";
import { recordAudit } from "../audit";
import {
  actionItems, actionPlans, committeeReviews, focusPoints, itemEvidence, surveyRounds, units, users, committees,
  PLAN_SOURCES, AT_REACTIONS, APPEAL_STATUSES, AT_THEMES,
} from "../schema";
import { isValidIsoDate } from "../../domain/calendar";
import { transitionProblem, type ItemStatus, ITEM_STATUS_ORDER } from "../../domain/plan-status";
import { clockNow } from "../../env";
import type { Actor } from "./actor";
import { InputError } from "./input-error";
import { planOfFocusPoint, planOfItem, planRef } from "../presenters/plan-refs";

/** Audit entity names of this module; the timeline and the meeting view select on them. */
export const PLAN_ENTITIES = {
  plan: "action_plan", focusPoint: "focus_point", item: "action_item", evidence: "item_evidence", review: "committee_review",
} as const;

// Forms send "" for an empty field; that means "none".
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const isoDate = z.string().trim().refine(isValidIsoDate, { message: "invalid_date" });
const optionalDate = z.preprocess(blankToNull, isoDate.nullish());
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max, { message: "too_long" }).nullish());
const requiredText = (max: number) => z.string({ message: "required" }).trim().min(1, { message: "required" }).max(max, { message: "too_long" });
const id = z.coerce.number({ message: "required" }).int().positive({ message: "required" });
const optionalId = z.preprocess(blankToNull, z.coerce.number().int().positive().nullish());

export const PlanInputSchema = z
  .object({
    unitId: id,
    committeeId: optionalId,
    title: requiredText(200),
    description: optionalText(5000),
    sourceKind: z.enum(PLAN_SOURCES, { message: "required" }),
    atReference: optionalText(100),
    atReaction: z.preprocess(blankToNull, z.enum(AT_REACTIONS).nullish()),
    atVisitDate: optionalDate,
    atDecisionDate: optionalDate,
    atThemes: z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(AT_THEMES))),
    deadline: optionalDate,
    appealStatus: z.preprocess(blankToNull, z.enum(APPEAL_STATUSES).nullish()),
    apvRound: optionalText(100),
    surveyRound: optionalText(100),
  })
  .superRefine((p, ctx) => {
    const need = (field: string, present: unknown) => {
      if (present === null || present === undefined || present === "") ctx.addIssue({ code: "custom", path: [field], message: "required" });
    };
    if (p.sourceKind === "at_decision") {
      need("atReaction", p.atReaction);
      need("atDecisionDate", p.atDecisionDate);
      if (p.atVisitDate && p.atDecisionDate && p.atDecisionDate < p.atVisitDate) {
        ctx.addIssue({ code: "custom", path: ["atDecisionDate"], message: "before_visit" });
      }
      if (p.deadline && p.atDecisionDate && p.deadline < p.atDecisionDate) {
        ctx.addIssue({ code: "custom", path: ["deadline"], message: "before_decision" });
      }
    }
    if (p.sourceKind === "apv") need("apvRound", p.apvRound);
    if (p.sourceKind === "survey") need("surveyRound", p.surveyRound);
  });
/** What the write functions accept: the schema's input (form fields arrive as strings and are coerced). */
type Input<S extends z.ZodType> = Partial<z.input<S>> | FormFields;
/** Fields straight from a submitted form (strings; lists for repeated checkboxes). */
export type FormFields = Record<string, string | string[] | undefined>;
export type PlanInput = Input<typeof PlanInputSchema>;

export const FocusPointInputSchema = z.object({
  planId: id,
  title: requiredText(300),
  description: optionalText(5000),
});

// What an item says (its text, owner and due date), the same when it is created and when it is edited.
const itemFields = {
  title: requiredText(300),
  description: optionalText(5000),
  ownerUserId: optionalId,
  ownerName: optionalText(200),
  dueDate: optionalDate,
};

function ownerRequired(item: { ownerUserId?: number | null; ownerName?: string | null }, ctx: z.RefinementCtx) {
  if (!item.ownerUserId && !item.ownerName) ctx.addIssue({ code: "custom", path: ["ownerName"], message: "owner_required" });
}

export const ItemInputSchema = z.object({ focusPointId: id, ...itemFields }).superRefine(ownerRequired);

export const ItemUpdateSchema = z.object({ itemId: id, ...itemFields }).superRefine(ownerRequired);

export const EvidenceInputSchema = z.object({
  itemId: id,
  notedOn: z.preprocess(blankToNull, isoDate.nullish().refine((v) => !!v, { message: "required" })),
  note: requiredText(5000),
});

export const StatusChangeSchema = z.object({
  itemId: id,
  to: z.enum(ITEM_STATUS_ORDER, { message: "required" }),
  reason: optionalText(2000),
});

export const ReviewInputSchema = z
  .object({
    planId: id,
    committeeId: id,
    reviewDate: z.preprocess(blankToNull, isoDate.nullish().refine((v) => !!v, { message: "required" })),
    attendees: optionalText(2000),
    decisions: requiredText(10000),
    nextReviewDate: optionalDate,
  })
  .superRefine((r, ctx) => {
    if (r.reviewDate && r.nextReviewDate && r.nextReviewDate <= r.reviewDate) {
      ctx.addIssue({ code: "custom", path: ["nextReviewDate"], message: "not_after_review" });
    }
  });

export const PlanUpdateSchema = z.object({
  planId: id,
  appealStatus: z.enum(APPEAL_STATUSES),
  reportedBackOn: optionalDate,
  status: z.enum(["open", "closed"]),
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    // zod's own messages (wrong type, bad enum) become "invalid"; ours are codes already.
    fieldErrors[field] ??= /^[a-z_]+$/.test(issue.message) ? issue.message : "invalid";
  }
  throw new InputError(fieldErrors);
}

/** The committee nearest above the unit (the unit itself first), for plans that name none. */
export async function nearestCommittee(db: Database, unitId: number): Promise<number | null> {
  const [row] = await queryRows<{ id: number }>(db, sql`
    select cu.committee_id as id from committee_units cu
    join unit_closure c on c.ancestor_id = cu.unit_id and c.descendant_id = ${unitId}
    order by c.depth, cu.committee_id limit 1`);
  return row?.id ?? null;
}

export async function createPlan(db: Database, input: PlanInput, by: Actor): Promise<{ id: number }> {
  const p = parse(PlanInputSchema, input);
  return db.transaction(async (tx) => {
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, p.unitId));
    if (!unit) throw new InputError({ unitId: "unknown" });
    if (p.committeeId) {
      const [committee] = await tx.select({ id: committees.id }).from(committees).where(eq(committees.id, p.committeeId));
      if (!committee) throw new InputError({ committeeId: "unknown" });
    }
    if (p.sourceKind === "survey" && p.surveyRound) {
      const [round] = await tx.select({ key: surveyRounds.key }).from(surveyRounds).where(eq(surveyRounds.key, p.surveyRound));
      if (!round) throw new InputError({ surveyRound: "unknown" });
    }
    const at = p.sourceKind === "at_decision";
    const values = {
      unitId: p.unitId,
      committeeId: p.committeeId ?? (await nearestCommittee(tx, p.unitId)),
      title: p.title,
      description: p.description ?? null,
      sourceKind: p.sourceKind,
      // Fields of another source kind are dropped, so a plan never carries a stale AT reference.
      atReference: at ? p.atReference ?? null : null,
      atReaction: at ? p.atReaction ?? null : null,
      atVisitDate: at ? p.atVisitDate ?? null : null,
      atDecisionDate: at ? p.atDecisionDate ?? null : null,
      atThemes: at || p.sourceKind === "risk_signal" || p.sourceKind === "survey" ? p.atThemes : [],
      deadline: p.deadline ?? null,
      appealStatus: at ? p.appealStatus ?? "none" : "none",
      apvRound: p.sourceKind === "apv" ? p.apvRound ?? null : null,
      surveyRound: p.sourceKind === "survey" ? p.surveyRound ?? null : null,
      createdBy: by.userId ?? null,
    };
    const [created] = await tx.insert(actionPlans).values(values).returning({ id: actionPlans.id });
    await recordAudit(tx, { ...by, action: "create", entity: PLAN_ENTITIES.plan, entityId: created.id, unitId: p.unitId, after: values });
    return created;
  });
}

/** Appeal status, the date the report back was sent, and closing or reopening the plan. */
export async function updatePlanStatus(db: Database, input: Input<typeof PlanUpdateSchema>, by: Actor): Promise<void> {
  const u = parse(PlanUpdateSchema, input);
  await db.transaction(async (tx) => {
    const [plan] = await tx.select().from(actionPlans).where(eq(actionPlans.id, u.planId));
    if (!plan) throw new InputError({ planId: "unknown" });
    const before = { appealStatus: plan.appealStatus, reportedBackOn: plan.reportedBackOn, status: plan.status };
    const after = { appealStatus: u.appealStatus, reportedBackOn: u.reportedBackOn ?? null, status: u.status };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await tx.update(actionPlans).set({ ...after, updatedAt: new Date() }).where(eq(actionPlans.id, u.planId));
    await recordAudit(tx, { ...by, action: "update", entity: PLAN_ENTITIES.plan, entityId: u.planId, unitId: plan.unitId, before, after });
  });
}

export async function addFocusPoint(db: Database, input: Input<typeof FocusPointInputSchema>, by: Actor): Promise<{ id: number }> {
  const f = parse(FocusPointInputSchema, input);
  return db.transaction(async (tx) => {
    const plan = await planRef(tx, f.planId);
    if (!plan) throw new InputError({ planId: "unknown" });
    const [{ next }] = await queryRows<{ next: number }>(tx, sql`
      select coalesce(max(position), 0)::int + 1 as next from focus_points where plan_id = ${f.planId}`);
    const values = { planId: f.planId, position: next, title: f.title, description: f.description ?? null };
    const [created] = await tx.insert(focusPoints).values(values).returning({ id: focusPoints.id });
    await recordAudit(tx, { ...by, action: "create", entity: PLAN_ENTITIES.focusPoint, entityId: created.id, unitId: plan.unitId, after: values });
    return created;
  });
}

export async function addItem(db: Database, input: Input<typeof ItemInputSchema>, by: Actor): Promise<{ id: number }> {
  const i = parse(ItemInputSchema, input);
  return db.transaction(async (tx) => {
    const plan = await planOfFocusPoint(tx, i.focusPointId);
    if (!plan) throw new InputError({ focusPointId: "unknown" });
    if (i.ownerUserId) {
      const [owner] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, i.ownerUserId), eq(users.active, true)));
      if (!owner) throw new InputError({ ownerUserId: "unknown" });
    }
    const values = {
      focusPointId: i.focusPointId, title: i.title, description: i.description ?? null,
      ownerUserId: i.ownerUserId ?? null, ownerName: i.ownerUserId ? null : i.ownerName ?? null, dueDate: i.dueDate ?? null,
    };
    const [created] = await tx.insert(actionItems).values(values).returning({ id: actionItems.id });
    await recordAudit(tx, {
      ...by, action: "create", entity: PLAN_ENTITIES.item, entityId: created.id, unitId: plan.unitId,
      after: { ...values, planId: plan.planId, status: "planned" },
    });
    return created;
  });
}

/** What an item says, who owns it and when it is due; a moved due date stays visible in the trail. */
export async function updateItem(db: Database, input: Input<typeof ItemUpdateSchema>, by: Actor): Promise<void> {
  const i = parse(ItemUpdateSchema, input);
  await db.transaction(async (tx) => {
    const plan = await planOfItem(tx, i.itemId);
    if (!plan) throw new InputError({ itemId: "unknown" });
    if (i.ownerUserId) {
      const [owner] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, i.ownerUserId), eq(users.active, true)));
      if (!owner) throw new InputError({ ownerUserId: "unknown" });
    }
    const [current] = await tx.select().from(actionItems).where(eq(actionItems.id, i.itemId));
    const before = {
      title: current.title, description: current.description, ownerUserId: current.ownerUserId, ownerName: current.ownerName, dueDate: current.dueDate,
    };
    const after = {
      title: i.title, description: i.description ?? null, ownerUserId: i.ownerUserId ?? null,
      ownerName: i.ownerUserId ? null : i.ownerName ?? null, dueDate: i.dueDate ?? null,
    };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await tx.update(actionItems).set({ ...after, updatedAt: new Date() }).where(eq(actionItems.id, i.itemId));
    await recordAudit(tx, {
      ...by, action: "update", entity: PLAN_ENTITIES.item, entityId: i.itemId, unitId: plan.unitId, before, after: { ...after, planId: plan.planId },
    });
  });
}

export async function addEvidence(db: Database, input: Input<typeof EvidenceInputSchema>, by: Actor): Promise<{ id: number }> {
  const e = parse(EvidenceInputSchema, input);
  return db.transaction(async (tx) => {
    const plan = await planOfItem(tx, e.itemId);
    if (!plan) throw new InputError({ itemId: "unknown" });
    const values = { itemId: e.itemId, notedOn: e.notedOn!, note: e.note, createdBy: by.userId ?? null };
    const [created] = await tx.insert(itemEvidence).values(values).returning({ id: itemEvidence.id });
    await recordAudit(tx, {
      ...by, action: "create", entity: PLAN_ENTITIES.evidence, entityId: created.id, unitId: plan.unitId,
      after: { itemId: e.itemId, planId: plan.planId, notedOn: values.notedOn, note: values.note },
    });
    return created;
  });
}

/**
 * Moves an item along the status machine. `today` is the business date (Copenhagen, or APP_TODAY):
 * "done" records it; "verified" records who verified and when.
 */
export async function changeItemStatus(
  db: Database, input: Input<typeof StatusChangeSchema>, by: Actor, today: string,
): Promise<void> {
  const s = parse(StatusChangeSchema, input);
  await db.transaction(async (tx) => {
    // Lock the row: two people clicking at once must not both pass the transition check.
    const [item] = await queryRows<{ id: number; status: ItemStatus; doneOn: string | null; cancelReason: string | null }>(tx, sql`
      select id, status, done_on as "doneOn", cancel_reason as "cancelReason" from action_items where id = ${s.itemId} for update`);
    if (!item) throw new InputError({ itemId: "unknown" });
    const problem = transitionProblem(item.status, s.to, s.reason);
    if (problem) throw new InputError(problem === "reason_required" ? { reason: problem } : { to: problem });
    const plan = (await planOfItem(tx, s.itemId))!;
    const change: Partial<typeof actionItems.$inferInsert> = { status: s.to, updatedAt: new Date() };
    if (s.to === "done") change.doneOn = today;
    if (s.to === "in_progress" && item.status === "done") change.doneOn = null;
    if (s.to === "verified") {
      change.verifiedBy = by.userId ?? null;
      // The product's clock (APP_TODAY when fixed), so "verified on" agrees with the business date.
      change.verifiedAt = clockNow();
    }
    if (s.to === "cancelled") change.cancelReason = s.reason!;
    await tx.update(actionItems).set(change).where(eq(actionItems.id, s.itemId));
    await recordAudit(tx, {
      ...by, action: "status", entity: PLAN_ENTITIES.item, entityId: s.itemId, unitId: plan.unitId,
      before: { status: item.status, doneOn: item.doneOn },
      after: {
        planId: plan.planId, status: s.to, doneOn: change.doneOn ?? (s.to === "in_progress" ? null : item.doneOn),
        ...(s.to === "cancelled" ? { cancelReason: s.reason } : {}),
        ...(s.to === "verified" ? { verifiedBy: by.userId ?? null, verifiedOn: today } : {}),
      },
    });
  });
}

export async function recordReview(db: Database, input: Input<typeof ReviewInputSchema>, by: Actor): Promise<{ id: number }> {
  const r = parse(ReviewInputSchema, input);
  return db.transaction(async (tx) => {
    const plan = await planRef(tx, r.planId);
    if (!plan) throw new InputError({ planId: "unknown" });
    const [committee] = await tx.select({ id: committees.id }).from(committees).where(eq(committees.id, r.committeeId));
    if (!committee) throw new InputError({ committeeId: "unknown" });
    const values = {
      planId: r.planId, committeeId: r.committeeId, reviewDate: r.reviewDate!, attendees: r.attendees ?? null,
      decisions: r.decisions, nextReviewDate: r.nextReviewDate ?? null, createdBy: by.userId ?? null,
    };
    const [created] = await tx.insert(committeeReviews).values(values).returning({ id: committeeReviews.id });
    await recordAudit(tx, { ...by, action: "create", entity: PLAN_ENTITIES.review, entityId: created.id, unitId: plan.unitId, after: values });
    return created;
  });
}
