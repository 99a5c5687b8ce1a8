// Everything the product holds about one person, for a data subject's access request (GDPR art. 15)
// and as the administrator's view before an erasure: HR facts, cases held (as ids), the user
// account, and every place the person's name or id appears (plans, evidence, reviews, audit).
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { wholeWordPattern } from "./rules";
import { FREE_TEXT_COLUMNS } from "./personal-columns";

export interface PersonQuery {
  employeeId?: string;
  email?: string;
}

export interface PersonData {
  generatedAt: string;
  employee: { id: string; displayName: string | null } | null;
  employments: Record<string, unknown>[];
  competences: Record<string, unknown>[];
  casesHeld: Record<string, unknown>[];
  users: Record<string, unknown>[];
  roles: Record<string, unknown>[];
  itemsOwned: Record<string, unknown>[];
  mentions: { table: string; id: string | number; column: string; text: string }[];
  evidence: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
  notifications: Record<string, unknown>[];
  auditByPerson: Record<string, unknown>[];
  auditAboutPerson: Record<string, unknown>[];
  namesRead: Record<string, unknown>[];
}

/** Null when neither an employee nor a user matches. */
export async function collectPersonData(db: Database, query: PersonQuery, now = new Date()): Promise<PersonData | null> {
  const employeeId = query.employeeId?.trim() || null;
  const email = query.email?.trim().toLowerCase() || null;
  const users = await queryRows<Record<string, unknown> & { id: number; employeeId: string | null; displayName: string; email: string }>(db, sql`
    select id, email, display_name as "displayName", employee_id as "employeeId", language, active,
           created_at as "createdAt", last_login_at as "lastLoginAt",
           (external_subject is not null) as "singleSignOn"
      from users
     where (${email}::text is not null and lower(email) = ${email})
        or (${employeeId}::text is not null and employee_id = ${employeeId})
     order by id`);
  const resolvedEmployeeId = employeeId ?? users.find((u) => u.employeeId)?.employeeId ?? null;
  const [employee] = resolvedEmployeeId
    ? await queryRows<{ id: string; displayName: string | null }>(db, sql`
        select id, display_name as "displayName" from employees where id = ${resolvedEmployeeId}`)
    : [];
  if (!employee && users.length === 0) return null;

  const id = employee?.id ?? null;
  const userIds = users.map((u) => u.id);
  const userIdList = userIds.length > 0 ? sql.join(userIds.map((u) => sql`${u}`), sql`, `) : sql`null`;
  const employments = id ? await queryRows(db, sql`
    select u.code as "unitCode", u.name as "unitName", e.role, e.is_manager as "isManager", e.fte::float8 as fte,
           e.start_date::text as "startDate", e.end_date::text as "endDate", e.end_reason as "endReason"
      from employments e join units u on u.id = e.unit_id where e.employee_id = ${id} order by e.start_date`) : [];
  const competences = id ? await queryRows(db, sql`
    select case_type as "caseType", valid_from::text as "validFrom" from competences where employee_id = ${id} order by 1`) : [];
  const casesHeld = id ? await queryRows(db, sql`
    select p.case_id as "caseId", u.code as "unitCode", p.case_type as "caseType",
           p.period_start::text as "periodStart", p.period_end::text as "periodEnd"
      from case_periods p join units u on u.id = p.unit_id
     where p.caseworker_id = ${id} order by p.case_id, p.period_start`) : [];
  const roles = await queryRows(db, sql`
    select r.user_id as "userId", r.role, u.code as "unitCode", c.name as committee
      from user_roles r left join units u on u.id = r.unit_id left join committees c on c.id = r.committee_id
     where r.user_id in (${userIdList}) order by r.user_id, r.role`);
  const itemsOwned = await queryRows(db, sql`
    select i.id, p.id as "planId", p.title as plan, i.title, i.status, i.due_date::text as "dueDate"
      from action_items i join focus_points f on f.id = i.focus_point_id join action_plans p on p.id = f.plan_id
     where i.owner_user_id in (${userIdList}) or i.verified_by in (${userIdList}) order by i.id`);
  const evidence = await queryRows(db, sql`
    select id, item_id as "itemId", noted_on::text as "notedOn", note from item_evidence
     where created_by in (${userIdList}) order by id`);
  const reviews = await queryRows(db, sql`
    select id, plan_id as "planId", review_date::text as "reviewDate", decisions from committee_reviews
     where created_by in (${userIdList}) order by id`);
  const notifications = await queryRows(db, sql`
    select id, kind, message, for_date::text as "forDate", read_at as "readAt" from notifications
     where user_id in (${userIdList}) order by id`);
  const auditByPerson = await queryRows(db, sql`
    select id, at, action, entity, entity_id as "entityId" from audit_log where user_id in (${userIdList}) order by id`);
  const namesRead = await queryRows(db, sql`
    select r.at, r.kind, u.code as "unitCode", r.subjects from name_reads r left join units u on u.id = r.unit_id
     where r.user_id in (${userIdList}) order by r.at`);

  // Where the name or id was written: free text, and the audit trail's copies of it.
  const texts = [employee?.displayName, id, ...users.flatMap((u) => [u.displayName, u.email])]
    .filter((t): t is string => typeof t === "string" && t.trim().length >= 3);
  const mentions: PersonData["mentions"] = [];
  const auditAboutPerson: Record<string, unknown>[] = [];
  for (const text of new Set(texts)) {
    const pattern = wholeWordPattern(text);
    for (const [table, column] of FREE_TEXT_COLUMNS) {
      const rows = await queryRows<{ id: number; text: string }>(db, sql`
        select id, ${sql.raw(`"${column}"`)} as text from ${sql.raw(`"${table}"`)} where ${sql.raw(`"${column}"`)} ~ ${pattern} order by id`);
      for (const row of rows) mentions.push({ table, id: row.id, column, text: row.text });
    }
    auditAboutPerson.push(...(await queryRows(db, sql`
      select id, at, action, entity, entity_id as "entityId", before, after from audit_log
       where (before::text ~ ${pattern} or after::text ~ ${pattern}) order by id`)));
  }
  const seenAudit = new Set<unknown>();
  return {
    generatedAt: now.toISOString(),
    employee: employee ?? null,
    employments, competences, casesHeld,
    users: users.map(({ employeeId: _e, ...u }) => u),
    roles, itemsOwned, mentions, evidence, reviews, notifications, auditByPerson,
    auditAboutPerson: auditAboutPerson.filter((a) => (seenAudit.has(a.id) ? false : (seenAudit.add(a.id), true))),
    namesRead,
  };
}

/** Counts per section, for the page's summary. */
export function personDataSummary(data: PersonData): Record<string, number> {
  return {
    employments: data.employments.length, competences: data.competences.length, casesHeld: data.casesHeld.length,
    users: data.users.length, roles: data.roles.length, itemsOwned: data.itemsOwned.length, mentions: data.mentions.length,
    evidence: data.evidence.length, reviews: data.reviews.length, notifications: data.notifications.length,
    auditByPerson: data.auditByPerson.length, auditAboutPerson: data.auditAboutPerson.length, namesRead: data.namesRead.length,
  };
}
