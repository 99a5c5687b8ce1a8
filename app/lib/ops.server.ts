// The server modules behind the jobs, audit, mail outbox and unsubscribe pages (issue #17b).
import { SCHEDULED_JOBS } from "../../jobs/registry";


/** The scheduled jobs, for the jobs page (db/presenters/jobs.ts takes them from its caller). */
export { SCHEDULED_JOBS };
export const SCHEDULED_JOB_NAMES: string[] = SCHEDULED_JOBS.map((j) => j.name);
