// The nightly retention job: former employees whose last employment ended more than the retention
// period ago are pseudonymised, one person per transaction, and the log of who read names is cut
// to its own period. What it did is returned (the jobs page shows it) and audited per person.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { pseudonymiseEmployee } from "../../db/privacy/pseudonymise";
import { purgeNameReads } from "../../db/privacy/name-reads";
import { nameReadLogCutoff, PSEUDONYM_PREFIX, retentionCutoff } from "../../db/privacy/rules";
import type { IsoDate } from "../../domain/calendar";

export const RETENTION_JOB = "privacy-retention";

export interface RetentionSettings {
  today: IsoDate;
  yearsAfterEmployment: number;
  nameReadLogDays: number;
  digestKey: string;
}

/** People with employments, every one of them ended on or before the cutoff. */
export async function employeesDueForRetention(db: Database, cutoff: IsoDate): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`
    select e.id from employees e
     where e.id not like ${`${PSEUDONYM_PREFIX}%`}
       and exists (select 1 from employments m where m.employee_id = e.id)
       and not exists (select 1 from employments m where m.employee_id = e.id
                        and (m.end_date is null or m.end_date > ${cutoff}::date))
     order by e.id`);
  return rows.map((r) => r.id);
}

export interface RetentionResult {
  cutoff: IsoDate;
  pseudonymised: number;
  changedRows: number;
  purgedNameReads: number;
}

export async function runRetention(db: Database, settings: RetentionSettings): Promise<RetentionResult> {
  const cutoff = retentionCutoff(settings.today, settings.yearsAfterEmployment);
  let pseudonymised = 0;
  let changedRows = 0;
  for (const employeeId of await employeesDueForRetention(db, cutoff)) {
    const result = await pseudonymiseEmployee(db, employeeId, {
      reason: "retention", actor: "job:privacy-retention", digestKey: settings.digestKey,
      note: `Ansættelsen sluttede senest ${cutoff} (opbevaringsperiode ${settings.yearsAfterEmployment} år)`,
    });
    pseudonymised++;
    changedRows += result.changedRows;
  }
  const purgedNameReads = await purgeNameReads(db, nameReadLogCutoff(settings.today, settings.nameReadLogDays));
  return { cutoff, pseudonymised, changedRows, purgedNameReads };
}
