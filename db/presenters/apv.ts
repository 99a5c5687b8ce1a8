// The APV pages' reads: the rounds in scope with their problem counts and revision dates, one round
// with its problems, the revisions due, and the round and unit lookups authorisation needs.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { apvProblems, apvRounds, APV_METHODS } from "../schema";
import { apvProblemOverdue, apvRevisionDueDate, daysToApvRevision } from "../../domain/apv";
import type { UnitScope } from "../sql-scope";

/** The round's unit, for authorisation. */
export async function apvRoundUnit(db: Database, roundId: number): Promise<number | null> {
  const [row] = await db.select({ unitId: apvRounds.unitId }).from(apvRounds).where(eq(apvRounds.id, roundId));
  return row?.unitId ?? null;
}

export async function apvProblemRound(db: Database, problemId: number): Promise<number | null> {
  const [row] = await db.select({ roundId: apvProblems.roundId }).from(apvProblems).where(eq(apvProblems.id, problemId));
  return row?.roundId ?? null;
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
