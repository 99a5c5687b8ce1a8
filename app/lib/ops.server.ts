// The server modules behind the jobs, audit, mail outbox and unsubscribe pages (issue #17b).
import { SCHEDULED_JOBS } from "../../jobs/registry";

export { recordAudit } from "../../db/audit";
export { runJobNow } from "../../jobs/run-now";
export { listOutbox, outboxMail, OUTBOX_PAGE_SIZE } from "../../jobs/mail/outbox";
export { requeueMail } from "../../jobs/mail/deliver";
export { verifyUnsubscribeToken } from "../../jobs/mail/unsubscribe-token";
export { mailPreferences, setMailPreference, userLanguage } from "../../jobs/mail/preferences";

/** The scheduled jobs, for the jobs page (db/queries/jobs.ts takes them from its caller). */
export { SCHEDULED_JOBS };
export const SCHEDULED_JOB_NAMES: string[] = SCHEDULED_JOBS.map((j) => j.name);
export {
  wordAudit, auditEntities, auditPlanOptions, auditRowsForExport, auditExportTable, AUDIT_EXPORT_LIMIT,
} from "../../db/presenters/audit";
export { writeTable, CONTENT_TYPES } from "../../exports/table";
export { getLang } from "./lang.server";
