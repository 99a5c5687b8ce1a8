// The statutory workplace assessment (APV) as a source of its own: rounds (date, method, the
// sickness-absence note), the problems found with measure, responsible, deadline and follow-up,
// and the three-year revision date. Writes validate here and leave an audit row in the same
// transaction (entities "apv_round" and "apv_problem"). The APV pages' reads are db/presenters/apv.ts.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../client";
import { recordAudit } from "../audit";
import { actionPlans, apvProblems, apvRounds, units, APV_METHODS } from "../schema";
import { isValidIsoDate } from "../../domain/calendar";
import { apvRevisionDueDate } from "../../domain/apv";
import type { Actor } from "./actor";
import { InputError } from "./input-error";
import { apvRoundUnit } from "../presenters/apv";

export const APV_ENTITIES = { round: "apv_round", problem: "apv_problem" } as const;

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const requiredText = (max: number) => z.string({ message: "required" }).trim().min(1, { message: "required" }).max(max, { message: "too_long" });
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max, { message: "too_long" }).nullish());
const requiredDate = z.preprocess(blankToNull, z.string({ message: "required" }).trim().refine(isValidIsoDate, { message: "invalid_date" }));
const optionalDate = z.preprocess(blankToNull, z.string().trim().refine(isValidIsoDate, { message: "invalid_date" }).nullish());
const id = z.coerce.number({ message: "required" }).int().positive({ message: "required" });

export const ApvRoundInputSchema = z.object({
  unitId: id,
  title: requiredText(200),
  roundDate: requiredDate,
  method: z.enum(APV_METHODS, { message: "required" }),
  methodNote: optionalText(2000),
  sicknessAbsenceNote: requiredText(5000),
  planId: z.preprocess(blankToNull, z.coerce.number().int().positive().nullish()),
});

export const ApvProblemInputSchema = z.object({
  roundId: id,
  problem: requiredText(2000),
  measure: requiredText(2000),
  responsible: requiredText(200),
  deadline: requiredDate,
});

export const ApvFollowUpSchema = z.object({
  problemId: id,
  followUpOn: requiredDate,
  followUpNote: requiredText(5000),
});

type FormInput = Record<string, unknown>;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    fieldErrors[issue.path.join(".") || "form"] ??= /^[a-z_]+$/.test(issue.message) ? issue.message : "invalid";
  }
  throw new InputError(fieldErrors);
}

export async function createApvRound(db: Database, input: FormInput, by: Actor, today: string): Promise<{ id: number }> {
  const r = parse(ApvRoundInputSchema, input);
  if (r.roundDate > today) throw new InputError({ roundDate: "in_future" });
  return db.transaction(async (tx) => {
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, r.unitId));
    if (!unit) throw new InputError({ unitId: "unknown" });
    if (r.planId) {
      const [plan] = await tx.select({ unitId: actionPlans.unitId }).from(actionPlans).where(eq(actionPlans.id, r.planId));
      if (!plan || plan.unitId !== r.unitId) throw new InputError({ planId: "unknown" });
    }
    const values = {
      unitId: r.unitId, title: r.title, roundDate: r.roundDate, method: r.method, methodNote: r.methodNote ?? null,
      sicknessAbsenceNote: r.sicknessAbsenceNote, planId: r.planId ?? null, createdBy: by.userId ?? null,
    };
    const [created] = await tx.insert(apvRounds).values(values).returning({ id: apvRounds.id });
    await recordAudit(tx, {
      ...by, action: "create", entity: APV_ENTITIES.round, entityId: created.id, unitId: r.unitId,
      after: { ...values, revisionDue: apvRevisionDueDate(r.roundDate) },
    });
    return created;
  });
}

export async function addApvProblem(db: Database, input: FormInput, by: Actor): Promise<{ id: number }> {
  const p = parse(ApvProblemInputSchema, input);
  return db.transaction(async (tx) => {
    const unitId = await apvRoundUnit(tx, p.roundId);
    if (unitId === null) throw new InputError({ roundId: "unknown" });
    const values = { roundId: p.roundId, problem: p.problem, measure: p.measure, responsible: p.responsible, deadline: p.deadline };
    const [created] = await tx.insert(apvProblems).values(values).returning({ id: apvProblems.id });
    await recordAudit(tx, { ...by, action: "create", entity: APV_ENTITIES.problem, entityId: created.id, unitId, after: values });
    return created;
  });
}

export async function recordApvFollowUp(db: Database, input: FormInput, by: Actor, today: string): Promise<void> {
  const f = parse(ApvFollowUpSchema, input);
  if (f.followUpOn > today) throw new InputError({ followUpOn: "in_future" });
  await db.transaction(async (tx) => {
    const [problem] = await tx.select().from(apvProblems).where(eq(apvProblems.id, f.problemId));
    if (!problem) throw new InputError({ problemId: "unknown" });
    const unitId = (await apvRoundUnit(tx, problem.roundId))!;
    await tx.update(apvProblems).set({ followUpOn: f.followUpOn, followUpNote: f.followUpNote }).where(eq(apvProblems.id, f.problemId));
    await recordAudit(tx, {
      ...by, action: "follow_up", entity: APV_ENTITIES.problem, entityId: f.problemId, unitId,
      before: { followUpOn: problem.followUpOn, followUpNote: problem.followUpNote },
      after: { roundId: problem.roundId, followUpOn: f.followUpOn, followUpNote: f.followUpNote },
    });
  });
}
