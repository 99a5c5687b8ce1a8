// Connections to the systems a municipality runs (OS2mo, KMD Opus, SD Løn, files by a saved column
// mapping), their sync runs, and the saved column mappings. Secrets never live here: only in env.
import { sql } from "drizzle-orm";
import { pgTable, serial, bigserial, text, integer, boolean, timestamp, jsonb, check, index } from "drizzle-orm/pg-core";
import { users } from "./access";

export const CONNECTION_SOURCES = ["os2mo", "opus", "sd", "file"] as const;
export type ConnectionSource = (typeof CONNECTION_SOURCES)[number];

export const SYNC_OUTCOMES = ["accepted", "unchanged", "failed"] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];
/** A run asked for from the page is "queued" until a worker takes it, "running" until it ends. */
export const RUN_STATES = ["queued", "running"] as const;
export const RUN_OUTCOMES = [...SYNC_OUTCOMES, ...RUN_STATES] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

export const connections = pgTable(
  "connections",
  {
    id: serial("id").primaryKey(),
    /** Short key used by the CLI and the job: `npm run sync -- <name>`. */
    name: text("name").notNull().unique(),
    source: text("source", { enum: CONNECTION_SOURCES }).notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** Runs in the nightly connector job. */
    scheduled: boolean("scheduled").notNull().default(true),
    /** Non-secret settings (URL, folder, role and end-reason tables…), validated per source. */
    settings: jsonb("settings").notNull().default({}),
    /** What the last successful sync left for the next one (fingerprint, date, files read, state). */
    state: jsonb("state"),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("connections_source_valid", sql`${t.source} in (${sqlList(CONNECTION_SOURCES)})`)],
);

export const connectionRuns = pgTable(
  "connection_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    connectionId: integer("connection_id").notNull().references(() => connections.id, { onDelete: "cascade" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    full: boolean("full").notNull().default(false),
    actor: text("actor"),
    outcome: text("outcome", { enum: RUN_OUTCOMES }).notNull(),
    /** Why it failed: a message key and its parameters (never a CPR number). */
    problem: jsonb("problem"),
    importIds: integer("import_ids").array(),
    rowsRead: integer("rows_read").notNull().default(0),
    rowsChanged: integer("rows_changed").notNull().default(0),
  },
  (t) => [
    index("connection_runs_connection_idx").on(t.connectionId, t.startedAt),
    check("connection_runs_outcome_valid", sql`${t.outcome} in (${sqlList(RUN_OUTCOMES)})`),
  ],
);

export const columnMappings = pgTable("column_mappings", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  kind: text("kind").notNull(),
  /** Contract field → the file's column (as written in its header). */
  columns: jsonb("columns").notNull().default({}),
  /** Contract field → { file value → contract value }. */
  values: jsonb("values").notNull().default({}),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
