// Who gets which mail today, and what it says, read through the same guard and presenters as the
// pages: a manager's digest is built from teamPage for the teams their view_load scope reaches,
// without caseworker rows or names (showCaseworkers and showNames off); a MED digest from the
// meeting view (getMeeting) within the member's view_plans scope, which holds plans and items only,
// never anyone's caseload. Reminders come from the in-app notifications of the day.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { scopeOf } from "../../domain/access";
import { loadPrincipal } from "../../db/principal";
import { teamPage } from "../../db/presenters/team";
import { getMeeting } from "../../db/presenters/plan-views";
import { addDays, diffDays, isoWeekLabel, lastCompleteWeek } from "../../domain/calendar";
import type { RiskSignalKind } from "../../domain/risk";
import { DUE_SOON_DAYS } from "../../domain/plan-status";
import type { DigestTeam, MailModel, ManagerDigest, MedDigest, MedDigestPlan, ReminderItem, ReminderMail } from "./compose";
import { apvRevisionsDue } from "../../db/presenters/apv";
import { APV_REVISION_REMINDER_DAYS, apvRevisionStage } from "../../domain/apv";
import type { ApvRevisionMail } from "./compose";
import { apvRevisionPeriod, dayPeriod, meetingPeriod, weekPeriod, type MailKind, type MailLang } from "./kinds";

export interface PlannedMail {
  userId: number;
  toAddress: string;
  displayName: string;
  lang: MailLang;
  kind: MailKind;
  periodKey: string;
  model: MailModel;
}

interface MailUser {
  id: number;
  email: string;
  displayName: string;
  language: MailLang;
  employeeId: string | null;
}

/** A MED digest goes out when the committee's next meeting is at most this many days ahead. */
export const MED_DIGEST_DAYS_AHEAD = 7;
/** A digest with more teams than this lists only those with something to say and counts the rest. */
export const DIGEST_FULL_LIST_MAX = 12;

async function unsubscribed(db: Database): Promise<Set<string>> {
  const rows = await queryRows<{ userId: number; kind: string }>(db, sql`select user_id as "userId", kind from mail_unsubscribes`);
  return new Set(rows.map((r) => `${r.userId}:${r.kind}`));
}

async function activeUsers(db: Database): Promise<Map<number, MailUser>> {
  const rows = await queryRows<MailUser>(db, sql`
    select id, email, display_name as "displayName", language, employee_id as "employeeId" from users where active`);
  return new Map(rows.map((u) => [u.id, u]));
}

export async function collectReminders(db: Database, today: string, people: Map<number, MailUser>): Promise<PlannedMail[]> {
  const rows = await queryRows<ReminderItem & { userId: number; kind: ReminderMail["kind"] }>(db, sql`
    select n.user_id as "userId", n.kind, i.id as "itemId", i.title, p.id as "planId", p.title as "planTitle",
      i.due_date as "dueDate", coalesce(o.display_name, i.owner_name) as "ownerLabel"
    from notifications n join action_items i on i.id = n.item_id
      join focus_points f on f.id = i.focus_point_id join action_plans p on p.id = f.plan_id
      left join users o on o.id = i.owner_user_id
    where n.for_date = ${today}::date and i.due_date is not null
    order by n.user_id, n.kind, i.due_date, i.id`);
  const grouped = new Map<string, PlannedMail>();
  for (const row of rows) {
    const user = people.get(row.userId);
    if (!user) continue;
    const key = `${row.userId}:${row.kind}`;
    let mail = grouped.get(key);
    if (!mail) {
      mail = {
        userId: user.id, toAddress: user.email, displayName: user.displayName, lang: user.language, kind: row.kind,
        periodKey: dayPeriod(today), model: { kind: row.kind, items: [] },
      };
      grouped.set(key, mail);
    }
    (mail.model as ReminderMail).items.push({
      itemId: row.itemId, title: row.title, planId: row.planId, planTitle: row.planTitle, dueDate: row.dueDate,
      daysLate: diffDays(row.dueDate, today), ...(row.kind === "escalated" ? { ownerLabel: row.ownerLabel } : {}),
    });
  }
  return [...grouped.values()];
}

/** Signals raised in the latest risk run that the run before did not raise for the same team. */
async function newSignals(db: Database, teamIds: number[], today: string): Promise<Map<number, RiskSignalKind[]>> {
  const result = new Map<number, RiskSignalKind[]>();
  if (!teamIds.length) return result;
  const rows = await queryRows<{ unitId: number; signal: RiskSignalKind }>(db, sql`
    with runs as (
      select as_of_week from risk_radar_runs where as_of_week <= ${today}::date order by as_of_week desc limit 2
    ), latest as (select max(as_of_week) as w from runs), previous as (select min(as_of_week) as w from runs having count(*) = 2)
    select s.unit_id as "unitId", s.signal from risk_signals s
    where s.as_of_week = (select w from latest) and s.unit_id = any(${`{${teamIds.join(",")}}`}::int[])
      and not exists (select 1 from risk_signals b where b.as_of_week = (select w from previous) and b.unit_id = s.unit_id and b.signal = s.signal)
    order by s.unit_id, s.signal`);
  for (const r of rows) result.set(r.unitId, [...(result.get(r.unitId) ?? []), r.signal]);
  return result;
}

const STATUS_RANK = { red: 0, amber: 1, green: 2 } as const;

/** One manager's digest of the last complete week, or null when they reach no team. */
export async function managerDigest(db: Database, user: MailUser, today: string): Promise<ManagerDigest | null> {
  const principal = await loadPrincipal(db, { id: user.id, email: user.email, displayName: user.displayName, language: user.language, employeeId: user.employeeId });
  const scope = scopeOf(principal, "view_load");
  const scopeIds = scope === "all" ? null : [...scope];
  if (scopeIds && scopeIds.length === 0) return null;
  const teams = await queryRows<{ id: number }>(db, sql`
    select id from units where kind = 'team' ${scopeIds ? sql`and id = any(${`{${scopeIds.join(",")}}`}::int[])` : sql``} order by name, id`);
  if (!teams.length) return null;
  const weekMonday = lastCompleteWeek(today);
  const signals = await newSignals(db, teams.map((t) => t.id), today);
  const horizon = addDays(today, DUE_SOON_DAYS);
  const rows: DigestTeam[] = [];
  for (const { id } of teams) {
    const page = await teamPage(db, { unitId: id, today, showCaseworkers: false, showNames: false, weeks: 6 });
    if (!page) continue;
    const figures = page.weeks.find((w) => w.weekStart === weekMonday)?.figures ?? null;
    const over: DigestTeam["over"] = [];
    if (figures?.over?.casesPerFte) over.push({ figure: "casesPerFte", value: figures.casesPerFte, limit: page.thresholds.casesPerFte });
    if (figures?.over?.weightedLoad) over.push({ figure: "weightedLoad", value: figures.weightedLoadPerFte, limit: page.thresholds.weightedLoad });
    if (figures?.over?.emotionalShare) over.push({ figure: "emotionalShare", value: figures.emotionalSharePct, limit: page.thresholds.emotionalSharePct });
    if (figures?.over?.turnover) over.push({ figure: "turnover", value: page.turnover12m.pct, limit: page.thresholds.turnover12mPct });
    rows.push({
      unitId: id,
      name: page.unit.name,
      status: figures?.status ?? null,
      casesPerFte: figures?.casesPerFte ?? null,
      weightedLoadPerFte: figures?.weightedLoadPerFte ?? null,
      emotionalSharePct: figures?.emotionalSharePct ?? null,
      weeksOverOfLast6: figures?.weeksOverOfLast6 ?? null,
      over,
      itemsDue: page.openItems
        .filter((i) => i.dueDate !== null && i.dueDate <= horizon)
        .map((i) => ({ itemId: i.itemId, planId: i.planId, planTitle: i.planTitle, title: i.title, dueDate: i.dueDate!, daysLate: diffDays(i.dueDate!, today), owner: i.owner })),
      newSignals: signals.get(id) ?? [],
    });
  }
  rows.sort((a, b) => (a.status ? STATUS_RANK[a.status] : 3) - (b.status ? STATUS_RANK[b.status] : 3) || a.name.localeCompare(b.name, "da"));
  const saysSomething = (t: DigestTeam) => t.status !== "green" || t.itemsDue.length > 0 || t.newSignals.length > 0;
  const listed = rows.length > DIGEST_FULL_LIST_MAX ? rows.filter(saysSomething) : rows;
  return { kind: "manager_digest", weekMonday, weekLabel: isoWeekLabel(weekMonday), teams: listed, quietTeams: rows.length - listed.length };
}

export async function collectManagerDigests(db: Database, today: string, people: Map<number, MailUser>): Promise<PlannedMail[]> {
  const managers = await queryRows<{ userId: number }>(db, sql`select distinct user_id as "userId" from user_roles where role = 'manager' order by 1`);
  const period = weekPeriod(lastCompleteWeek(today));
  // A digest is a page of queries per team: skip those the outbox already holds for the week.
  const done = new Set((await queryRows<{ to: string }>(db, sql`
    select to_address as "to" from mail_outbox where kind = 'manager_digest' and period_key = ${period}`)).map((r) => r.to));
  const mails: PlannedMail[] = [];
  for (const { userId } of managers) {
    const user = people.get(userId);
    if (!user || done.has(user.email)) continue;
    const model = await managerDigest(db, user, today);
    if (model) mails.push({ userId, toAddress: user.email, displayName: user.displayName, lang: user.language, kind: "manager_digest", periodKey: period, model });
  }
  return mails;
}

/** The committee's next meeting: the earliest next-review date of its open plans within the days ahead. */
export function nextMeetingDate(nextReviews: (string | null)[], today: string, daysAhead = MED_DIGEST_DAYS_AHEAD): string | null {
  const last = addDays(today, daysAhead);
  const upcoming = nextReviews.filter((d): d is string => d !== null && d >= today && d <= last).sort();
  return upcoming[0] ?? null;
}

export async function medDigest(db: Database, user: MailUser, committeeId: number, today: string): Promise<MedDigest | null> {
  const principal = await loadPrincipal(db, { id: user.id, email: user.email, displayName: user.displayName, language: user.language, employeeId: user.employeeId });
  const meeting = await getMeeting(db, committeeId, scopeOf(principal, "view_plans"), today);
  if (!meeting) return null;
  const open = meeting.plans.filter((p) => p.status === "open");
  const meetingDate = nextMeetingDate(open.map((p) => p.nextReview), today);
  if (!meetingDate) return null;
  const plans: MedDigestPlan[] = open.map((p) => ({
    id: p.id, title: p.title, unitName: p.unitName, deadline: p.deadline, daysToDeadline: p.daysToDeadline,
    done: p.progress.done + p.progress.verified, total: p.progress.total, changesSinceReview: p.changes.length,
    overdue: p.overdueItems.map((i) => ({ title: i.title, ownerLabel: i.ownerLabel, daysLate: i.overdueDays })),
    dueSoon: p.dueSoonItems.map((i) => ({ title: i.title, ownerLabel: i.ownerLabel, dueDate: i.dueDate! })),
  }));
  return { kind: "med_digest", committeeId, committeeName: meeting.committee.name, meetingDate, plans };
}

export async function collectMedDigests(db: Database, today: string, people: Map<number, MailUser>): Promise<PlannedMail[]> {
  const members = await queryRows<{ userId: number; committeeId: number }>(db, sql`
    select distinct user_id as "userId", committee_id as "committeeId" from user_roles
    where role = 'med' and committee_id is not null order by 1, 2`);
  const mails: PlannedMail[] = [];
  for (const { userId, committeeId } of members) {
    const user = people.get(userId);
    if (!user) continue;
    const model = await medDigest(db, user, committeeId, today);
    if (model) {
      mails.push({
        userId, toAddress: user.email, displayName: user.displayName, lang: user.language, kind: "med_digest",
        periodKey: meetingPeriod(committeeId, model.meetingDate), model,
      });
    }
  }
  return mails;
}

/**
 * The APV revision reminders: for each unit whose latest round's three-year revision is within 90
 * days or past, one mail per stage (90 days, 30 days, overdue) to each person who can act on that
 * unit's APV: managers and MED members with edit_plans on the unit (their guard scope; a MED
 * member's reaches the units their committee covers). The mail names the unit and the dates only.
 */
export async function collectApvRevisions(db: Database, today: string, people: Map<number, MailUser>): Promise<PlannedMail[]> {
  const due = (await apvRevisionsDue(db, today, APV_REVISION_REMINDER_DAYS[0]))
    .map((r) => ({ ...r, stage: apvRevisionStage(r.daysLeft) }))
    .filter((r): r is typeof r & { stage: NonNullable<typeof r.stage> } => r.stage !== null);
  if (!due.length) return [];
  const candidates = await queryRows<{ userId: number }>(db, sql`
    select distinct user_id as "userId" from user_roles where role in ('manager', 'med') order by 1`);
  const mails: PlannedMail[] = [];
  for (const { userId } of candidates) {
    const user = people.get(userId);
    if (!user) continue;
    const principal = await loadPrincipal(db, { id: user.id, email: user.email, displayName: user.displayName, language: user.language, employeeId: user.employeeId });
    const scope = scopeOf(principal, "edit_plans");
    for (const r of due) {
      if (scope !== "all" && !scope.has(r.unitId)) continue;
      const model: ApvRevisionMail = {
        kind: "apv_revision", stage: r.stage, roundId: r.roundId, unitName: r.unitName,
        roundDate: r.roundDate, revisionDue: r.revisionDue, daysLeft: r.daysLeft,
      };
      mails.push({
        userId, toAddress: user.email, displayName: user.displayName, lang: user.language, kind: "apv_revision",
        periodKey: apvRevisionPeriod(r.roundId, r.stage), model,
      });
    }
  }
  return mails;
}

export type MailCollector = (db: Database, today: string, people: Map<number, MailUser>) => Promise<PlannedMail[]>;

/**
 * Every kind of mail, one collector each. The extension point for new kinds, e.g. the APV revision
 * reminder (#17a's query of APVs whose 3-year revision falls due): a kind in domain/mail-kinds.ts,
 * the mail_outbox_kind_valid check widened in a migration, a view model and its words in
 * compose.ts, and its collector here.
 */
export const MAIL_COLLECTORS: MailCollector[] = [collectReminders, collectManagerDigests, collectMedDigests, collectApvRevisions];

/**
 * Every mail due today, without those the recipient unsubscribed from. Mails already in the outbox
 * are left out later by the unique key (outbox.ts), so collecting twice is harmless.
 */
export async function collectMails(db: Database, today: string): Promise<PlannedMail[]> {
  const [people, optedOut] = await Promise.all([activeUsers(db), unsubscribed(db)]);
  const all: PlannedMail[] = [];
  for (const collect of MAIL_COLLECTORS) all.push(...(await collect(db, today, people)));
  return all.filter((m) => !optedOut.has(`${m.userId}:${m.kind}`));
}
