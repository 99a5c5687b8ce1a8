// Pseudonymisation of one person (GDPR art. 5(1)(e) storage limitation, art. 17 erasure): the
// employee id is replaced by a stable random token in every table that holds it, names and e-mail
// are replaced wherever they were written (users, free text, the audit trail's JSON), and every
// figure stays the same, since turnover and load count employees by id, whichever id it is.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { recordAudit } from "../audit";
import { pseudonymisations, type PseudonymisationReason } from "../schema";
import {
  employeeIdDigest, isPseudonym, newPseudonymToken, pseudonymLabel, replaceableNames, wholeWordPattern,
} from "./rules";
import { FREE_TEXT_COLUMNS, JSON_COLUMNS } from "./personal-columns";

/** Columns that hold an employee id, found from the catalogue so a new rollup is never missed. */
async function employeeIdColumns(tx: Database): Promise<{ table: string; column: string }[]> {
  return queryRows<{ table: string; column: string }>(tx, sql`
    select c.table_name as "table", c.column_name as "column"
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and c.column_name in ('employee_id', 'caseworker_id', 'holder_id')
       and c.data_type = 'text' and c.table_name <> 'employees'
     order by 1, 2`);
}

function ident(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier ${name}`);
  return sql.raw(`"${name}"`);
}

async function updateCount(tx: Database, statement: ReturnType<typeof sql>): Promise<number> {
  const rows = await queryRows<{ n: number }>(tx, sql`with changed as (${statement} returning 1) select count(*)::int as n from changed`);
  return rows[0]?.n ?? 0;
}

export class PseudonymisationError extends Error {}

export interface PseudonymiseOptions {
  reason: PseudonymisationReason;
  /** The administrator's reason for an erasure request. */
  note?: string | null;
  actorUserId?: number | null;
  actor?: string | null;
  /** Key of the id digest (env PSEUDONYMISATION_KEY, or the session secret). */
  digestKey: string;
}

export interface PseudonymiseResult {
  token: string;
  changedRows: number;
}

/**
 * Replaces one employee by a token, all or nothing. Pass a transaction when the caller batches;
 * a plain handle gets a transaction of its own.
 */
export async function pseudonymiseEmployee(db: Database, employeeId: string, options: PseudonymiseOptions): Promise<PseudonymiseResult> {
  if (isPseudonym(employeeId)) throw new PseudonymisationError("Personen er allerede pseudonymiseret.");
  return db.transaction(async (tx) => {
    const [employee] = await queryRows<{ id: string; displayName: string | null }>(tx, sql`
      select id, display_name as "displayName" from employees where id = ${employeeId} for update`);
    if (!employee) throw new PseudonymisationError("Medarbejderen findes ikke.");
    const linkedUsers = await queryRows<{ id: number; email: string; displayName: string }>(tx, sql`
      select id, email, display_name as "displayName" from users where employee_id = ${employeeId}`);
    const token = newPseudonymToken();
    const label = pseudonymLabel(token);
    // Lets this transaction rewrite personal data inside audit entries (migration 0029).
    await tx.execute(sql`select set_config('app.gdpr_pseudonymise', 'on', true)`);

    let changed = 0;
    await tx.execute(sql`insert into employees (id, display_name) values (${token}, null)`);
    for (const { table, column } of await employeeIdColumns(tx)) {
      changed += await updateCount(tx, sql`update ${ident(table)} set ${ident(column)} = ${token} where ${ident(column)} = ${employeeId}`);
    }
    for (const user of linkedUsers) {
      changed += await updateCount(tx, sql`
        update users set email = ${`${token}-${user.id}@pseudonymiseret.invalid`}, display_name = ${label},
               password_hash = null, external_issuer = null, external_subject = null, active = false
         where id = ${user.id}`);
    }

    // Names (and the old id) wherever they were typed or copied, as whole words only.
    const replacements = [
      ...replaceableNames([employee.displayName, ...linkedUsers.flatMap((u) => [u.displayName, u.email])]).map((text) => ({ text, by: label })),
      ...replaceableNames([employeeId]).map((text) => ({ text, by: token })),
    ];
    for (const { text, by: replacement } of replacements) {
      const pattern = wholeWordPattern(text);
      for (const [table, column] of FREE_TEXT_COLUMNS) {
        changed += await updateCount(tx, sql`
          update ${ident(table)} set ${ident(column)} = regexp_replace(${ident(column)}, ${pattern}, ${replacement}, 'g')
           where ${ident(column)} ~ ${pattern}`);
      }
      for (const [table, column] of JSON_COLUMNS) {
        changed += await updateCount(tx, sql`
          update ${ident(table)} set ${ident(column)} = regexp_replace(${ident(column)}::text, ${pattern}, ${replacement}, 'g')::jsonb
           where ${ident(column)} is not null and ${ident(column)}::text ~ ${pattern}`);
      }
    }
    // Short ids (under 4 characters) are replaced only where they are a whole JSON string.
    if (replaceableNames([employeeId]).length === 0) {
      const quoted = JSON.stringify(employeeId);
      for (const [table, column] of JSON_COLUMNS) {
        changed += await updateCount(tx, sql`
          update ${ident(table)} set ${ident(column)} = replace(${ident(column)}::text, ${quoted}, ${JSON.stringify(token)})::jsonb
           where ${ident(column)} is not null and strpos(${ident(column)}::text, ${quoted}) > 0`);
      }
    }
    changed += await updateCount(tx, sql`
      update audit_log set entity_id = ${token} where entity = 'employee' and entity_id = ${employeeId}`);
    changed += await updateCount(tx, sql`delete from employees where id = ${employeeId}`);

    await tx.insert(pseudonymisations).values({
      token,
      idDigest: employeeIdDigest(employeeId, options.digestKey),
      reason: options.reason,
      note: options.note ?? null,
      actorUserId: options.actorUserId ?? null,
      changedRows: changed,
    });
    await recordAudit(tx, {
      userId: options.actorUserId ?? null,
      actor: options.actor ?? null,
      action: "privacy.pseudonymised",
      entity: "employee",
      entityId: token,
      after: { reason: options.reason, note: options.note ?? null, changedRows: changed },
    });
    return { token, changedRows: changed };
  });
}

/** Whether an incoming employee id belongs to a person who was pseudonymised. */
export async function wasPseudonymised(db: Database, employeeId: string, digestKey: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(db, sql`
    select count(*)::int as n from pseudonymisations where id_digest = ${employeeIdDigest(employeeId, digestKey)}`);
  return (rows[0]?.n ?? 0) > 0;
}

/** Of these employee ids, the ones that belonged to a pseudonymised person. */
export async function pseudonymisedAmong(db: Database, employeeIds: string[], digestKey: string): Promise<Set<string>> {
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pseudonymisations`);
  if (!count || count.n === 0 || employeeIds.length === 0) return new Set();
  const byDigest = new Map(employeeIds.map((id) => [employeeIdDigest(id, digestKey), id]));
  const found = await queryRows<{ digest: string }>(db, sql`
    select id_digest as digest from pseudonymisations
     where id_digest in (${sql.join([...byDigest.keys()].map((d) => sql`${d}`), sql`, `)})`);
  return new Set(found.map((f) => byDigest.get(f.digest)!));
}
