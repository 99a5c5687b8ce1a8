// The statutory workplace assessment (APV) as a source of its own: rounds (date, method, the
// sickness-absence note), the problems found with measure, responsible, deadline and follow-up,
// and the three-year revision date. Writes validate here and leave an audit row in the same
// transaction (entities "apv_round" and "apv_problem").
import { eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../client";
import { queryRows } from "../client";
import { recordAudit } from "../audit";
import { actionPlans, apvProblems, apvRounds, units, APV_METHODS } from "../schema";
import { isValidIsoDate } from "../../domain/calendar";
import { apvProblemOverdue, apvRevisionDueDate, daysToApvRevision } from "../../domain/apv";
import { PlanInputError, type Actor } from "./plans";
import type { UnitScope } from "../presenters/plan-views";

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
  throw new PlanInputError(fieldErrors);
}

export async function createApvRound(db: Database, input: FormInput, by: Actor, today: string): Promise<{ id: number }> {
  const r = parse(ApvRoundInputSchema, input);
  if (r.roundDate > today) throw new PlanInputError({ roundDate: "in_future" });
  return db.transaction(async (tx) => {
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, r.unitId));
    if (!unit) throw new PlanInputError({ unitId: "unknown" });
    if (r.planId) {
      const [plan] = await tx.select({ unitId: actionPlans.unitId }).from(actionPlans).where(eq(actionPlans.id, r.planId));
      if (!plan || plan.unitId !== r.unitId) throw new PlanInputError({ planId: "unknown" });
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

/** The round's unit, for authorisation. */
export async function apvRoundUnit(db: Database, roundId: number): Promise<number | null> {
  const [row] = await db.select({ unitId: apvRounds.unitId }).from(apvRounds).where(eq(apvRounds.id, roundId));
  return row?.unitId ?? null;
}

export async function apvProblemRound(db: Database, problemId: number): Promise<number | null> {
  const [row] = await db.select({ roundId: apvProblems.roundId }).from(apvProblems).where(eq(apvProblems.id, problemId));
  return row?.roundId ?? null;
}

export async function addApvProblem(db: Database, input: FormInput, by: Actor): Promise<{ id: number }> {
  const p = parse(ApvProblemInputSchema, input);
  return db.transaction(async (tx) => {
    const unitId = await apvRoundUnit(tx, p.roundId);
    if (unitId === null) throw new PlanInputError({ roundId: "unknown" });
    const values = { roundId: p.roundId, problem: p.problem, measure: p.measure, responsible: p.responsible, deadline: p.deadline };
    const [created] = await tx.insert(apvProblems).values(values).returning({ id: apvProblems.id });
    await recordAudit(tx, { ...by, action: "create", entity: APV_ENTITIES.problem, entityId: created.id, unitId, after: values });
    return created;
  });
}

export async function recordApvFollowUp(db: Database, input: FormInput, by: Actor, today: string): Promise<void> {
  const f = parse(ApvFollowUpSchema, input);
  if (f.followUpOn > today) throw new PlanInputError({ followUpOn: "in_future" });
  await db.transaction(async (tx) => {
    const [problem] = await tx.select().from(apvProblems).where(eq(apvProblems.id, f.problemId));
    if (!problem) throw new PlanInputError({ problemId: "unknown" });
    const unitId = (await apvRoundUnit(tx, problem.roundId))!;
    await tx.update(apvProblems).set({ followUpOn: f.followUpOn, followUpNote: f.followUpNote }).where(eq(apvProblems.id, f.problemId));
    await recordAudit(tx, {
      ...by, action: "follow_up", entity: APV_ENTITIES.problem, entityId: f.problemId, unitId,
      before: { followUpOn: problem.followUpOn, followUpNote: problem.followUpNote },
      after: { roundId: problem.roundId, followUpOn: f.followUpOn, followUpNote: f.followUpNote },
    });
  });
}

export interface ApvRoundRow {
  id: number; unitId: number; unitName: string; title: string; roundDate: string; method: (typeof APV_METHODS)[number];
  planId: number | null; problems: number; open: number; overdue: number;
  revisionDue: string; daysToRevision: number; /** The unit's latest round: the one whose revision counts. */ latest: boolean;
}

function scopeSql(scope: UnitScope): SQL {
  if (scope === "all") return sql`true`;
  return scope.size ? sql`r.unit_id in (${sql.join([...scope].map((u) => sql`${u}`), sql`, `)})` : sql`false`;
}

/** Rounds of the units in scope, newest first, with their problem counts and revision dates. */
export async function listApvRounds(db: Database, scope: UnitScope, today: string): Promise<ApvRoundRow[]> {
  const rows = await queryRows<Omit<ApvRoundRow, "overdue" | "revisionDue" | "daysToRevision" | "latest"> & { deadlines: { deadline: string; followUpOn: string | null }[] }>(db, sql`
    select r.id, r.unit_id as "unitId", u.name as "unitName", r.title, r.round_date as "roundDate", r.method, r.plan_id as "planId",
      count(p.id)::int as problems, count(p.id) filter (where p.follow_up_on is null)::int as open,
      coalesce(json_agg(json_build_object('deadline', p.deadline, 'followUpOn', p.follow_up_on)) filter (where p.id is not null), '[]') as deadlines
    from apv_rounds r join units u on u.id = r.unit_id left join apv_problems p on p.round_id = r.id
    where ${scopeSql(scope)}
    group by r.id, u.name order by r.round_date desc, r.id desc`);
  const latestByUnit = new Map<number, number>();
  for (const r of rows) if (!latestByUnit.has(r.unitId)) latestByUnit.set(r.unitId, r.id);
  return rows.map(({ deadlines, ...r }) => ({
    ...r,
    overdue: deadlines.filter((d) => apvProblemOverdue(d, today)).length,
    revisionDue: apvRevisionDueDate(r.roundDate),
    daysToRevision: daysToApvRevision(r.roundDate, today),
    latest: latestByUnit.get(r.unitId) === r.id,
  }));
}

export interface ApvProblemView {
  id: number; problem: string; measure: string; responsible: string; deadline: string; followUpOn: string | null;
  followUpNote: string | null; overdue: boolean;
}
export interface ApvRoundDetail {
  round: ApvRoundRow & { methodNote: string | null; sicknessAbsenceNote: string; planTitle: string | null; createdByName: string | null };
  problems: ApvProblemView[];
}

export async function getApvRound(db: Database, roundId: number, today: string): Promise<ApvRoundDetail | null> {
  const [base] = await queryRows<{ unitId: number; methodNote: string | null; sicknessAbsenceNote: string; planTitle: string | null; createdByName: string | null }>(db, sql`
    select r.unit_id as "unitId", r.method_note as "methodNote", r.sickness_absence_note as "sicknessAbsenceNote", p.title as "planTitle",
      u.display_name as "createdByName"
    from apv_rounds r left join action_plans p on p.id = r.plan_id left join users u on u.id = r.created_by where r.id = ${roundId}`);
  if (!base) return null;
  const [row] = (await listApvRounds(db, new Set([base.unitId]), today)).filter((r) => r.id === roundId);
  const problems = await queryRows<Omit<ApvProblemView, "overdue">>(db, sql`
    select id, problem, measure, responsible, deadline, follow_up_on as "followUpOn", follow_up_note as "followUpNote"
    from apv_problems where round_id = ${roundId} order by deadline, id`);
  return {
    round: { ...row, methodNote: base.methodNote, sicknessAbsenceNote: base.sicknessAbsenceNote, planTitle: base.planTitle, createdByName: base.createdByName },
    problems: problems.map((p) => ({ ...p, overdue: apvProblemOverdue(p, today) })),
  };
}

export interface ApvRevisionDue {
  unitId: number; unitName: string; roundId: number; roundDate: string; revisionDue: string; daysLeft: number;
}

/**
 * Units whose latest APV round is due for its three-year revision within `withinDays` (or overdue),
 * the most pressing first. For reminders (issue 17, e-mail) and the APV page alike.
 */
export async function apvRevisionsDue(db: Database, today: string, withinDays = 90): Promise<ApvRevisionDue[]> {
  const rows = await queryRows<{ unitId: number; unitName: string; roundId: number; roundDate: string }>(db, sql`
    select distinct on (r.unit_id) r.unit_id as "unitId", u.name as "unitName", r.id as "roundId", r.round_date as "roundDate"
    from apv_rounds r join units u on u.id = r.unit_id
    order by r.unit_id, r.round_date desc, r.id desc`);
  return rows
    .map((r) => ({ ...r, revisionDue: apvRevisionDueDate(r.roundDate), daysLeft: daysToApvRevision(r.roundDate, today) }))
    .filter((r) => r.daysLeft <= withinDays)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.unitId - b.unitId);
}
