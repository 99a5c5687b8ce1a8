// Statements the busiest pages run on every request, as named prepared statements.
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Database } from "../client";

const dialect = new PgDialect();

/**
 * Runs a statement as a prepared statement: drizzle's execute() re-parses and re-plans raw SQL on
 * every call, which for the team page's many subqueries costs several times the execution itself.
 * `name` must belong to one statement text only (parameters aside).
 */
export async function preparedRows<T>(db: Database, name: string, statement: SQL): Promise<T[]> {
  const result = (await db._.session.prepareQuery(dialect.sqlToQuery(statement), undefined, name, false).execute()) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}
