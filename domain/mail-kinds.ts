// The kinds of mail and their names in both languages: pure, so pages (notifications settings, the
// outbox, unsubscribe) and the mail job share one list. New kinds: here, in the table's check
// constraint (a migration) and in the mail job's collectors (jobs/mail/collect.ts).
export const MAIL_KINDS = ["due_soon", "overdue", "escalated", "manager_digest", "med_digest", "apv_revision"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_KIND_LABELS: Record<MailKind, Record<"da" | "en", string>> = {
  due_soon: { da: "Påmindelse: indsatser med frist inden for 7 dage", en: "Reminder: action items due within 7 days" },
  overdue: { da: "Påmindelse: indsatser over fristen", en: "Reminder: overdue action items" },
  escalated: { da: "Udvalget: indsatser en uge over fristen", en: "Committee: action items a week overdue" },
  manager_digest: { da: "Mandagsoversigt for dine teams", en: "Monday digest for your teams" },
  med_digest: { da: "Oversigt før MED-mødet", en: "Digest before the MED meeting" },
  apv_revision: { da: "Påmindelse: APV'en skal revideres (mindst hvert 3. år)", en: "Reminder: the APV is due for revision (at least every 3 years)" },
};

export function isMailKind(value: string): value is MailKind {
  return (MAIL_KINDS as readonly string[]).includes(value);
}
