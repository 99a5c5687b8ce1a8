// Which kinds of mail a user gets: all, except those they unsubscribed from (by the signed link in
// a mail or on the notifications page). Each change is audited.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { recordAudit } from "../../db/audit";
import { MAIL_KINDS, type MailKind } from "./kinds";

export async function mailPreferences(db: Database, userId: number): Promise<Record<MailKind, boolean>> {
  const rows = await queryRows<{ kind: MailKind }>(db, sql`select kind from mail_unsubscribes where user_id = ${userId}`);
  const off = new Set(rows.map((r) => r.kind));
  return Object.fromEntries(MAIL_KINDS.map((k) => [k, !off.has(k)])) as Record<MailKind, boolean>;
}

/** Returns whether anything changed. `via` says how: "link" (the mail's signed link) or "settings". */
export async function setMailPreference(db: Database, userId: number, kind: MailKind, wanted: boolean, via: "link" | "settings"): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = wanted
      ? await queryRows(tx, sql`delete from mail_unsubscribes where user_id = ${userId} and kind = ${kind} returning kind`)
      : await queryRows(tx, sql`insert into mail_unsubscribes (user_id, kind) values (${userId}, ${kind}) on conflict do nothing returning kind`);
    if (changed.length) {
      await recordAudit(tx, {
        userId, action: wanted ? "mail_subscribe" : "mail_unsubscribe", entity: "mail_preference", entityId: kind, after: { kind, via },
      });
    }
    return changed.length > 0;
  });
}

/** The language an unsubscribe page speaks: the user's own (the link names the user). */
export async function userLanguage(db: Database, userId: number): Promise<"da" | "en" | null> {
  const [row] = await queryRows<{ language: "da" | "en" }>(db, sql`select language from users where id = ${userId}`);
  return row?.language ?? null;
}
