// A user's in-app notifications (created by jobs/notifications): list them and count the unread
// (db/commands/notifications.ts marks them read). Every query is bounded by the user id, so one user can never read or change another's.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { notifications } from "../schema";

export interface NotificationView {
  id: number;
  kind: "due_soon" | "overdue" | "escalated";
  message: string;
  forDate: string;
  read: boolean;
  planId: number | null;
  planTitle: string | null;
  itemId: number | null;
  itemTitle: string | null;
  dueDate: string | null;
}

export async function listNotifications(db: Database, userId: number, limit = 200): Promise<NotificationView[]> {
  return queryRows<NotificationView>(db, sql`
    select n.id::int, n.kind, n.message, n.for_date as "forDate", n.read_at is not null as read,
      n.plan_id as "planId", p.title as "planTitle", n.item_id as "itemId", i.title as "itemTitle", i.due_date as "dueDate"
    from notifications n left join action_plans p on p.id = n.plan_id left join action_items i on i.id = n.item_id
    where n.user_id = ${userId}
    order by n.read_at is not null, n.for_date desc, n.id desc
    limit ${limit}`);
}

export async function unreadCount(db: Database, userId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}
