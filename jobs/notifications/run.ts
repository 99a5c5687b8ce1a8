// The daily notification job: owners hear a week before an item is due and once it is overdue; the
// plan's committee hears when an item is a week overdue. Idempotent: each (recipient, kind, item)
// is created once (a unique key in the table), so running twice, or again after a crash, adds nothing.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { notifications } from "../../db/schema";
import { diffDays, addDays } from "../../domain/calendar";
import { notificationRules, DUE_SOON_DAYS, type ItemStatus, type NotificationKind } from "../../domain/plan-status";

interface CandidateItem {
  itemId: number;
  title: string;
  status: ItemStatus;
  dueDate: string;
  ownerUserId: number | null;
  ownerLabel: string | null;
  planId: number;
  planTitle: string;
  committeeId: number | null;
}

export interface NotificationRunResult {
  today: string;
  itemsChecked: number;
  created: Record<NotificationKind, number>;
}

function danishDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}.${m}.${y}`;
}

/** The stored text is Danish (the product's language); the list page words it per language from kind and item. */
export function notificationMessage(kind: NotificationKind, item: CandidateItem, today: string): string {
  const what = `»${item.title}« (${item.planTitle})`;
  const late = diffDays(item.dueDate, today);
  if (kind === "due_soon") {
    const left = -late;
    return `${what} har frist ${danishDate(item.dueDate)}${left === 0 ? " (i dag)" : ` (om ${left} dage)`}.`;
  }
  if (kind === "overdue") return `${what} skulle være færdig ${danishDate(item.dueDate)} og er ${late} ${late === 1 ? "dag" : "dage"} over fristen.`;
  return `${what} er ${late} dage over fristen ${danishDate(item.dueDate)}. Ansvarlig: ${item.ownerLabel ?? "ingen"}.`;
}

export async function runNotifications(db: Database, today: string): Promise<NotificationRunResult> {
  // Only open items of open plans can need a notice, and only those due within the week ahead.
  const items = await queryRows<CandidateItem>(db, sql`
    select i.id as "itemId", i.title, i.status, i.due_date as "dueDate", i.owner_user_id as "ownerUserId",
      coalesce(o.display_name, i.owner_name) as "ownerLabel", p.id as "planId", p.title as "planTitle",
      coalesce(p.committee_id, (
        select cu.committee_id from committee_units cu join unit_closure uc on uc.ancestor_id = cu.unit_id and uc.descendant_id = p.unit_id
        order by uc.depth, cu.committee_id limit 1)) as "committeeId"
    from action_items i join focus_points f on f.id = i.focus_point_id join action_plans p on p.id = f.plan_id
      left join users o on o.id = i.owner_user_id
    where p.status = 'open' and i.status in ('planned', 'in_progress') and i.due_date is not null
      and i.due_date <= ${addDays(today, DUE_SOON_DAYS)}::date
    order by i.id`);
  const members = await queryRows<{ committeeId: number; userId: number }>(db, sql`
    select distinct r.committee_id as "committeeId", r.user_id as "userId"
    from user_roles r join users u on u.id = r.user_id where r.role = 'med' and r.committee_id is not null and u.active`);
  const activeOwners = new Set((await queryRows<{ id: number }>(db, sql`select id from users where active`)).map((r) => r.id));

  const rows: (typeof notifications.$inferInsert)[] = [];
  for (const item of items) {
    for (const kind of notificationRules(item, today)) {
      const recipients = kind === "escalated"
        ? members.filter((m) => m.committeeId === item.committeeId).map((m) => m.userId)
        // An owner who is a named person without an account is reached by the escalation only.
        : item.ownerUserId !== null && activeOwners.has(item.ownerUserId) ? [item.ownerUserId] : [];
      for (const userId of recipients) {
        rows.push({ userId, kind, itemId: item.itemId, planId: item.planId, message: notificationMessage(kind, item, today), forDate: today });
      }
    }
  }
  const created: Record<NotificationKind, number> = { due_soon: 0, overdue: 0, escalated: 0 };
  // Chunks keep each statement well under Postgres' limit of 65,535 parameters.
  for (let start = 0; start < rows.length; start += 1000) {
    const inserted = await db.insert(notifications).values(rows.slice(start, start + 1000)).onConflictDoNothing()
      .returning({ kind: notifications.kind });
    for (const row of inserted) created[row.kind]++;
  }
  return { today, itemsChecked: items.length, created };
}
