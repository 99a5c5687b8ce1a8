// Marking a user's in-app notifications read, bounded by the user id so one user can never change
// another's, with an audit row in the same transaction.
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { notifications } from "../schema";
import { recordAudit } from "../audit";

/** Marks one notification (or all of them) read; returns how many changed. */
export async function markRead(db: Database, userId: number, notificationId: number | "all"): Promise<number> {
  const mine = eq(notifications.userId, userId);
  const which = notificationId === "all" ? mine : and(mine, eq(notifications.id, notificationId));
  return db.transaction(async (tx) => {
    const changed = await tx.update(notifications).set({ readAt: new Date() }).where(and(which, isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (changed.length) {
      await recordAudit(tx, { userId, action: "read", entity: "notification", entityId: notificationId, after: { count: changed.length } });
    }
    return changed.length;
  });
}
