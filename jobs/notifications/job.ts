// The daily notifications job: payload, processor and schedule in one place, registered by the
// job runtime (BullMQ scheduler, or a timer in-process without Redis).
import { z } from "zod";
import type { Database } from "../../db/client";
import { isValidIsoDate } from "../../domain/calendar";
import { runNotifications, type NotificationRunResult } from "./run";
import { businessDate } from "../../env";

export const NOTIFICATIONS_JOB = "notifications";

/** A scheduled run carries no payload and means "today"; a date replays a given day. */
export const notificationsPayload = z.object({
  today: z.string().refine(isValidIsoDate, { message: "YYYY-MM-DD" }).optional(),
});
export type NotificationsPayload = z.infer<typeof notificationsPayload>;

/** Every morning at 06:15 Copenhagen time, before the working day starts. */
export const notificationsSchedule = { id: "daily-notifications", pattern: "15 6 * * *", tz: "Europe/Copenhagen" } as const;

export async function processNotifications(db: Database, payload: unknown): Promise<NotificationRunResult> {
  const { today } = notificationsPayload.parse(payload ?? {});
  return runNotifications(db, today ?? businessDate());
}
