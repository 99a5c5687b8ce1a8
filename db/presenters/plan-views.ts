// Presenters for the action-plan pages: each returns exactly what a page shows. Figures that depend
// on the date (overdue, days to AT's deadline, progress) come from domain/plan-status.ts.
import { sql, type SQL } from "drizzle-orm";
import type { UnitScope } from "../sql-scope";
import type { Database } from "../client";
import { queryRows } from "../client";
import {
  daysOverdue, daysToDeadline, isDueWithin, isOverdue, progressOf, type ItemStatus, type Progress,
} from "../../domain/plan-status";
import { PLAN_ENTITIES } from "../commands/plans";

function idList(ids: Iterable<number>): SQL {
  return sql.join([...ids].map((i) => sql`${i}`), sql`, `);
}

/** Plans whose unit is in scope, plus the plans in which the user owns an item (read access to those). */
function scopeCondition(scope: UnitScope, ownPlanIds: number[]): SQL {
  if (scope === "all") return sql`true`;
  const parts: SQL[] = [];
  if (scope.size) parts.push(sql`p.unit_id in (${idList(scope)})`);
  if (ownPlanIds.length) parts.push(sql`p.id in (${idList(ownPlanIds)})`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** Plans in which the user owns an item. */
export async function planIdsWithItemsOwnedBy(db: Database, userId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`
    select distinct f.plan_id as id from action_items i join focus_points f on f.id = i.focus_point_id where i.owner_user_id = ${userId}`);
  return rows.map((r) => r.id);
}

export interface PlanListFilter {
  unitId?: number | null;
  status?: "open" | "closed" | null;
  source?: string | null;
}

export interface PlanListRow {
  id: number;
  title: string;
  unitId: number;
  unitName: string;
  committeeName: string | null;
  sourceKind: string;
  atReaction: string | null;
  atReference: string | null;
  deadline: string | null;
  reportedBackOn: string | null;
  status: "open" | "closed";
  daysToDeadline: number | null;
  lastReview: string | null;
  nextReview: string | null;
  progress: Progress;
  dueSoon: number;
}

interface ItemFacts { planId: number; status: ItemStatus; dueDate: string | null }

async function itemFacts(db: Database, planIds: number[]): Promise<Map<number, ItemFacts[]>> {
  const byPlan = new Map<number, ItemFacts[]>();
  if (!planIds.length) return byPlan;
  const rows = await queryRows<ItemFacts>(db, sql`
    select f.plan_id as "planId", i.status, i.due_date as "dueDate"
    from action_items i join focus_points f on f.id = i.focus_point_id where f.plan_id in (${idList(planIds)})`);
  for (const row of rows) byPlan.set(row.planId, [...(byPlan.get(row.planId) ?? []), row]);
  return byPlan;
}

const PLAN_COLUMNS = sql`
  p.id, p.title, p.unit_id as "unitId", u.name as "unitName", c.name as "committeeName", p.source_kind as "sourceKind",
  p.at_reaction as "atReaction", p.at_reference as "atReference", p.deadline, p.reported_back_on as "reportedBackOn", p.status,
  (select max(r.review_date) from committee_reviews r where r.plan_id = p.id) as "lastReview",
  (select r.next_review_date from committee_reviews r where r.plan_id = p.id order by r.review_date desc, r.id desc limit 1) as "nextReview"`;

type PlanBase = Omit<PlanListRow, "daysToDeadline" | "progress" | "dueSoon">;

function withFigures(rows: PlanBase[], items: Map<number, ItemFacts[]>, today: string): PlanListRow[] {
  return rows.map((row) => {
    const facts = items.get(row.id) ?? [];
    return {
      ...row,
      daysToDeadline: row.status === "open" ? daysToDeadline(row, today) : null,
      progress: progressOf(facts, today),
      dueSoon: facts.filter((f) => isDueWithin(f, today, 14)).length,
    };
  });
}

export async function listPlans(
  db: Database, scope: UnitScope, ownPlanIds: number[], filter: PlanListFilter, today: string,
): Promise<PlanListRow[]> {
  const conditions: SQL[] = [scopeCondition(scope, ownPlanIds)];
  if (filter.unitId) {
    conditions.push(sql`p.unit_id in (select descendant_id from unit_closure where ancestor_id = ${filter.unitId})`);
  }
  if (filter.status) conditions.push(sql`p.status = ${filter.status}`);
  if (filter.source) conditions.push(sql`p.source_kind = ${filter.source}`);
  const rows = await queryRows<PlanBase>(db, sql`
    select ${PLAN_COLUMNS}
    from action_plans p join units u on u.id = p.unit_id left join committees c on c.id = p.committee_id
    where ${sql.join(conditions, sql` and `)}
    order by p.status, p.deadline nulls last, p.id`);
  return withFigures(rows, await itemFacts(db, rows.map((r) => r.id)), today);
}

export interface EvidenceView { id: number; notedOn: string; note: string; createdByName: string | null }
export interface ItemView {
  id: number;
  focusPointId: number;
  title: string;
  description: string | null;
  ownerUserId: number | null;
  ownerLabel: string | null;
  dueDate: string | null;
  status: ItemStatus;
  cancelReason: string | null;
  doneOn: string | null;
  verifiedByName: string | null;
  verifiedOn: string | null;
  overdueDays: number;
  dueSoon: boolean;
  evidence: EvidenceView[];
}
export interface FocusPointView { id: number; position: number; title: string; description: string | null; items: ItemView[]; progress: Progress }
export interface ReviewView {
  id: number; reviewDate: string; committeeId: number; committeeName: string; attendees: string | null; decisions: string;
  nextReviewDate: string | null; createdByName: string | null;
}
export interface ChangeView {
  id: number; at: string; date: string; who: string | null; action: string; entity: string; entityId: string | null;
  before: Record<string, unknown> | null; after: Record<string, unknown> | null; subject: string | null;
}
export type TimelineEntry = { kind: "review"; date: string; review: ReviewView } | { kind: "change"; date: string; change: ChangeView };

export interface PlanDetail {
  plan: PlanListRow & {
    unitCode: string; committeeId: number | null; description: string | null; atVisitDate: string | null; atDecisionDate: string | null;
    atThemes: string[]; appealStatus: string; apvRound: string | null; surveyRound: string | null; createdByName: string | null;
    createdOn: string;
  };
  focusPoints: FocusPointView[];
  reviews: ReviewView[];
  timeline: TimelineEntry[];
}

/** Audit rows of a plan and everything under it, oldest first; `since` keeps those after that day. */
export async function planChanges(db: Database, planId: number, since?: string | null): Promise<ChangeView[]> {
  const after = since ? sql`and a.at >= ((${since}::date + 1)::timestamp at time zone 'Europe/Copenhagen')` : sql``;
  return queryRows<ChangeView>(db, sql`
    with fp as (select id from focus_points where plan_id = ${planId}),
    it as (select i.id, i.title from action_items i where i.focus_point_id in (select id from fp)),
    ev as (select e.id, e.item_id from item_evidence e where e.item_id in (select id from it))
    select a.id::int, to_char(a.at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD"T"HH24:MI') as at,
      to_char(a.at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD') as date,
      coalesce(u.display_name, a.actor) as who, a.action, a.entity, a.entity_id as "entityId", a.before, a.after,
      case a.entity
        when ${PLAN_ENTITIES.focusPoint} then (select title from focus_points where id::text = a.entity_id)
        when ${PLAN_ENTITIES.item} then (select title from it where id::text = a.entity_id)
        when ${PLAN_ENTITIES.evidence} then (select it.title from ev join it on it.id = ev.item_id where ev.id::text = a.entity_id)
        when 'evidence_file' then a.after->>'subjectTitle'
        else null end as subject
    from audit_log a left join users u on u.id = a.user_id
    where ((a.entity = ${PLAN_ENTITIES.plan} and a.entity_id = ${String(planId)})
      or (a.entity = ${PLAN_ENTITIES.focusPoint} and a.entity_id in (select id::text from fp))
      or (a.entity = ${PLAN_ENTITIES.item} and a.entity_id in (select id::text from it))
      or (a.entity = ${PLAN_ENTITIES.evidence} and a.entity_id in (select id::text from ev))
      or (a.entity in ('evidence_file', 'report_signoff') and a.after->>'planId' = ${String(planId)})) ${after}
    order by a.at, a.id`);
}

async function planReviews(db: Database, planId: number): Promise<ReviewView[]> {
  return queryRows<ReviewView>(db, sql`
    select r.id, r.review_date as "reviewDate", r.committee_id as "committeeId", c.name as "committeeName", r.attendees,
      r.decisions, r.next_review_date as "nextReviewDate", u.display_name as "createdByName"
    from committee_reviews r join committees c on c.id = r.committee_id left join users u on u.id = r.created_by
    where r.plan_id = ${planId} order by r.review_date, r.id`);
}

export async function getPlanDetail(db: Database, planId: number, today: string): Promise<PlanDetail | null> {
  const [base] = await queryRows<PlanDetail["plan"]>(db, sql`
    select ${PLAN_COLUMNS}, u.code as "unitCode", p.committee_id as "committeeId", p.description,
      p.at_visit_date as "atVisitDate", p.at_decision_date as "atDecisionDate", coalesce(p.at_themes, '{}') as "atThemes",
      p.appeal_status as "appealStatus", p.apv_round as "apvRound", p.survey_round as "surveyRound",
      cu.display_name as "createdByName", to_char(p.created_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD') as "createdOn"
    from action_plans p join units u on u.id = p.unit_id left join committees c on c.id = p.committee_id
      left join users cu on cu.id = p.created_by
    where p.id = ${planId}`);
  if (!base) return null;
  const fps = await queryRows<Omit<FocusPointView, "items" | "progress">>(db, sql`
    select id, position, title, description from focus_points where plan_id = ${planId} order by position, id`);
  const items = await queryRows<Omit<ItemView, "overdueDays" | "dueSoon" | "evidence">>(db, sql`
    select i.id, i.focus_point_id as "focusPointId", i.title, i.description, i.owner_user_id as "ownerUserId",
      coalesce(o.display_name, i.owner_name) as "ownerLabel", i.due_date as "dueDate", i.status, i.cancel_reason as "cancelReason",
      i.done_on as "doneOn", v.display_name as "verifiedByName",
      to_char(i.verified_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD') as "verifiedOn"
    from action_items i join focus_points f on f.id = i.focus_point_id
      left join users o on o.id = i.owner_user_id left join users v on v.id = i.verified_by
    where f.plan_id = ${planId} order by i.due_date nulls last, i.id`);
  const evidence = await queryRows<EvidenceView & { itemId: number }>(db, sql`
    select e.id, e.item_id as "itemId", e.noted_on as "notedOn", e.note, u.display_name as "createdByName"
    from item_evidence e join action_items i on i.id = e.item_id join focus_points f on f.id = i.focus_point_id
      left join users u on u.id = e.created_by
    where f.plan_id = ${planId} order by e.noted_on, e.id`);
  const itemViews: ItemView[] = items.map((item) => ({
    ...item,
    overdueDays: daysOverdue(item, today),
    dueSoon: isDueWithin(item, today, 14),
    evidence: evidence.filter((e) => e.itemId === item.id).map(({ itemId: _itemId, ...e }) => e),
  }));
  const focusPoints = fps.map((fp) => {
    const own = itemViews.filter((i) => i.focusPointId === fp.id);
    return { ...fp, items: own, progress: progressOf(own, today) };
  });
  const [plan] = withFigures([base], new Map([[base.id, itemViews.map((i) => ({ planId: base.id, ...i }))]]), today);
  const reviews = await planReviews(db, planId);
  const changes = await planChanges(db, planId);
  const timeline: TimelineEntry[] = [
    ...reviews.map((review) => ({ kind: "review" as const, date: review.reviewDate, review })),
    ...changes.map((change) => ({ kind: "change" as const, date: change.date, change })),
  ].sort((a, b) => (a.date === b.date ? (a.kind === "review" ? -1 : 1) : a.date < b.date ? -1 : 1));
  return { plan: { ...base, ...plan }, focusPoints, reviews, timeline };
}

export interface CommitteeOption { id: number; name: string }

/** Committees whose units cover the unit (the nearest first): who may review a plan of it. */
export async function committeesCovering(db: Database, unitId: number): Promise<CommitteeOption[]> {
  return queryRows<CommitteeOption>(db, sql`
    select c.id, c.name from committees c
    join committee_units cu on cu.committee_id = c.id
    join unit_closure uc on uc.ancestor_id = cu.unit_id and uc.descendant_id = ${unitId}
    group by c.id, c.name order by min(uc.depth), c.name`);
}

/** Committees whose units the principal reaches with view_plans (or all of them); the user's own committees first. */
export async function committeesInScope(db: Database, scope: UnitScope, userId?: number): Promise<CommitteeOption[]> {
  const where = scope === "all" ? sql`true` : scope.size ? sql`cu.unit_id in (${idList(scope)})` : sql`false`;
  return queryRows<CommitteeOption>(db, sql`
    select c.id, c.name from committees c
    where exists (select 1 from committee_units cu where cu.committee_id = c.id and ${where})
    order by exists (select 1 from user_roles r where r.committee_id = c.id and r.user_id = ${userId ?? null}::int) desc, c.name`);
}

export interface OwnerOption { id: number; displayName: string }

/** Active users to own an item. */
export async function ownerOptions(db: Database): Promise<OwnerOption[]> {
  return queryRows<OwnerOption>(db, sql`select id, display_name as "displayName" from users where active order by display_name, id`);
}

export async function surveyRoundOptions(db: Database): Promise<{ key: string; closedOn: string }[]> {
  return queryRows(db, sql`select key, closed_on as "closedOn" from survey_rounds order by closed_on desc`);
}
export type SurveyRoundOption = Awaited<ReturnType<typeof surveyRoundOptions>>[number];

export interface MeetingItem {
  id: number; planId: number; title: string; ownerLabel: string | null; dueDate: string | null; status: ItemStatus; overdueDays: number;
}
export interface MeetingPlan extends PlanListRow {
  changes: ChangeView[];
  overdueItems: MeetingItem[];
  dueSoonItems: MeetingItem[];
}
export interface MeetingView { committee: CommitteeOption; plans: MeetingPlan[] }

/**
 * The committee's meeting: every plan of the units it covers, open ones first, each with what
 * changed since its latest review (the whole history when it was never reviewed) and its late items.
 */
export async function getMeeting(db: Database, committeeId: number, scope: UnitScope, today: string): Promise<MeetingView | null> {
  const [committee] = await queryRows<CommitteeOption>(db, sql`select id, name from committees where id = ${committeeId}`);
  if (!committee) return null;
  const base = await queryRows<PlanBase>(db, sql`
    select ${PLAN_COLUMNS}
    from action_plans p join units u on u.id = p.unit_id left join committees c on c.id = p.committee_id
    where p.unit_id in (select uc.descendant_id from committee_units cu join unit_closure uc on uc.ancestor_id = cu.unit_id
                        where cu.committee_id = ${committeeId})
      and ${scopeCondition(scope, [])}
    order by p.status, p.deadline nulls last, p.id`);
  const plans = withFigures(base, await itemFacts(db, base.map((p) => p.id)), today);
  const items = plans.length
    ? await queryRows<Omit<MeetingItem, "overdueDays">>(db, sql`
        select i.id, f.plan_id as "planId", i.title, coalesce(o.display_name, i.owner_name) as "ownerLabel", i.due_date as "dueDate", i.status
        from action_items i join focus_points f on f.id = i.focus_point_id left join users o on o.id = i.owner_user_id
        where f.plan_id in (${idList(plans.map((p) => p.id))}) and i.status in ('planned', 'in_progress') and i.due_date is not null
        order by i.due_date, i.id`)
    : [];
  const result: MeetingPlan[] = [];
  for (const plan of plans) {
    const own = items.filter((i) => i.planId === plan.id).map((i) => ({ ...i, overdueDays: daysOverdue(i, today) }));
    result.push({
      ...plan,
      changes: await planChanges(db, plan.id, plan.lastReview),
      overdueItems: own.filter((i) => isOverdue(i, today)),
      dueSoonItems: own.filter((i) => isDueWithin(i, today, 14)),
    });
  }
  return { committee, plans: result };
}

export interface RiskSignalPrefill { signal: string; asOfWeek: string; evidence: unknown }

/**
 * A unit's signals in the latest risk-radar run (one kind when named): the evidence a plan starts
 * from. None when the latest run raised none for it, however recent an older signal is.
 */
export async function latestRiskSignals(db: Database, unitId: number, signal?: string | null): Promise<RiskSignalPrefill[]> {
  return queryRows<RiskSignalPrefill>(db, sql`
    select signal, as_of_week as "asOfWeek", evidence from risk_signals
    where unit_id = ${unitId} and as_of_week = (select max(as_of_week) from risk_radar_runs)
      ${signal ? sql`and signal = ${signal}` : sql``}
    order by signal`);
}

export interface SurveyScore { dimension: string; labelDa: string; labelEn: string; higherIsBetter: boolean; atTheme: string | null; score: number; respondents: number }

/** A unit's shown scores in a round (hidden scores are null in the rollup and never returned). */
export async function surveyScores(db: Database, unitId: number, round: string): Promise<SurveyScore[]> {
  return queryRows<SurveyScore>(db, sql`
    select w.dimension, d.label_da as "labelDa", d.label_en as "labelEn", d.higher_is_better as "higherIsBetter",
      d.at_theme as "atTheme", w.score::float8 as score, w.respondents
    from wellbeing_unit_round w join wellbeing_dimensions d on d.key = w.dimension
    where w.unit_id = ${unitId} and w.survey_round = ${round} and w.score is not null and w.hidden_reason is null
    order by d.key`);
}

export async function unitName(db: Database, unitId: number): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(db, sql`select name from units where id = ${unitId}`);
  return row?.name ?? null;
}

export interface MyItem { id: number; planId: number; planTitle: string; title: string; dueDate: string | null; status: ItemStatus; overdueDays: number; dueSoon: boolean }

/** The user's own open items, the most pressing first: what a manager looks at on Monday. */
export async function myOpenItems(db: Database, userId: number, today: string): Promise<MyItem[]> {
  const rows = await queryRows<Omit<MyItem, "overdueDays" | "dueSoon">>(db, sql`
    select i.id, p.id as "planId", p.title as "planTitle", i.title, i.due_date as "dueDate", i.status
    from action_items i join focus_points f on f.id = i.focus_point_id join action_plans p on p.id = f.plan_id
    where i.owner_user_id = ${userId} and i.status in ('planned', 'in_progress') and p.status = 'open'
    order by i.due_date nulls last, i.id`);
  return rows.map((r) => ({ ...r, overdueDays: daysOverdue(r, today), dueSoon: isDueWithin(r, today, 14) }));
}

/** Danish labels of the wellbeing dimensions, for the text of a plan drafted from evidence. */
export async function dimensionLabelsDa(db: Database): Promise<Record<string, string>> {
  const rows = await queryRows<{ key: string; label: string }>(db, sql`select key, label_da as label from wellbeing_dimensions`);
  return Object.fromEntries(rows.map((r) => [r.key, r.label]));
}
