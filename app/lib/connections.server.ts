// The connections page's door to connectors/: list, save, test and sync connections. Secrets are
// never read here beyond "is it set".
import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { queryRows } from "../../db/client";
import { CONNECTION_SOURCES, connectionRuns, connections, type ConnectionSource } from "../../db/schema";
import { env, businessDate } from "../../env";
import { ADAPTERS } from "../../connectors/registry";
import { testConnection } from "../../connectors/sync";
import { ACTIVE_RUN_HOURS, queueSync, type QueuedSync } from "../../connectors/queue";
import { enqueueSyncNow } from "../../jobs/connectors/sync-now";
import { ConnectorError } from "../../connectors/contract";

export { CONNECTION_SOURCES, type ConnectionSource };

export interface ConnectionRow {
  name: string;
  source: ConnectionSource;
  enabled: boolean;
  scheduled: boolean;
  settings: string;
  lastSuccessAt: string | null;
  lastRun: { outcome: string; at: string; problem: string | null; rowsChanged: number } | null;
  /** A run of it is queued or running: the sync buttons wait. */
  active: boolean;
}

export interface RunRow {
  id: number;
  name: string;
  at: string;
  full: boolean;
  actor: string | null;
  outcome: string;
  problem: string | null;
  rowsRead: number;
  rowsChanged: number;
  /** Queued or running (not yet lost). */
  active: boolean;
}

const problemText = (p: unknown): string | null => {
  if (!p || typeof p !== "object") return null;
  const { kind, detail, recordId } = p as { kind?: string; detail?: string; recordId?: string | null };
  return `${kind ?? "?"}: ${detail ?? ""}${recordId ? ` (${recordId})` : ""}`;
};

export async function connectionsPage(db: Database) {
  const rows = await db.select().from(connections).orderBy(connections.name);
  const runs = await queryRows<RunRow & { problem: unknown }>(db, sql`
    select r.id::int as id, c.name, to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, r.full, r.actor,
      case when r.outcome in ('queued', 'running') and r.started_at < now() - make_interval(hours => ${ACTIVE_RUN_HOURS}) then 'lost' else r.outcome end as outcome,
      r.problem, r.rows_read as "rowsRead", r.rows_changed as "rowsChanged",
      (r.outcome in ('queued', 'running') and r.started_at >= now() - make_interval(hours => ${ACTIVE_RUN_HOURS})) as active
    from connection_runs r join connections c on c.id = r.connection_id
    order by r.started_at desc, r.id desc limit 20`);
  const list: ConnectionRow[] = rows.map((c) => {
    const last = runs.find((r) => r.name === c.name);
    return {
      name: c.name, source: c.source, enabled: c.enabled, scheduled: c.scheduled,
      settings: JSON.stringify(c.settings, null, 2),
      lastSuccessAt: c.lastSuccessAt?.toISOString() ?? null,
      lastRun: last ? { outcome: last.outcome, at: last.at, problem: problemText(last.problem), rowsChanged: last.rowsChanged } : null,
      active: last?.active ?? false,
    };
  });
  const e = env();
  return {
    connections: list,
    runs: runs.map((r) => ({ ...r, problem: problemText(r.problem) })),
    secrets: {
      OS2MO_CLIENT_SECRET: Boolean(e.OS2MO_CLIENT_SECRET),
      SD_USERNAME: Boolean(e.SD_USERNAME),
      SD_PASSWORD: Boolean(e.SD_PASSWORD),
      CONNECTOR_PSEUDONYM_SECRET: Boolean(e.CONNECTOR_PSEUDONYM_SECRET),
    },
  };
}

export type SaveOutcome = { ok: true } | { ok: false; field: "name" | "source" | "settings"; message: string };

/** Creates or updates a connection; the settings are checked by the source's own schema. */
export async function saveConnection(db: Database, input: { name: string; source: string; settings: string; enabled: boolean; scheduled: boolean }): Promise<SaveOutcome> {
  const name = input.name.trim();
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(name)) return { ok: false, field: "name", message: "name" };
  if (!(CONNECTION_SOURCES as readonly string[]).includes(input.source)) return { ok: false, field: "source", message: "source" };
  let json: unknown;
  try {
    json = JSON.parse(input.settings || "{}");
  } catch (error) {
    return { ok: false, field: "settings", message: `JSON: ${(error as Error).message}` };
  }
  const parsed = ADAPTERS[input.source as ConnectionSource].settings.safeParse(json);
  if (!parsed.success) {
    return { ok: false, field: "settings", message: parsed.error.issues.map((i) => `${i.path.join(".") || "(settings)"}: ${i.message}`).join("; ") };
  }
  const values = { source: input.source as ConnectionSource, settings: parsed.data as Record<string, unknown>, enabled: input.enabled, scheduled: input.scheduled };
  const [existing] = await db.select({ id: connections.id, source: connections.source }).from(connections).where(eq(connections.name, name));
  if (existing) {
    // A new source starts from scratch: the old state belongs to another system.
    await db.update(connections).set({ ...values, updatedAt: new Date(), ...(existing.source !== values.source ? { state: null, lastSuccessAt: null } : {}) })
      .where(eq(connections.id, existing.id));
  } else {
    await db.insert(connections).values({ name, ...values });
  }
  return { ok: true };
}

export function testNamedConnection(db: Database, name: string) {
  return testConnection(db, name);
}

/** "Synkronisér nu" / "Fuld resynkronisering": the run is queued as a job and the page shows its state. */
export async function queueNamedSync(db: Database, name: string, full: boolean, userId: number): Promise<QueuedSync | { error: string }> {
  try {
    return await queueSync(db, { name, full, userId }, enqueueSyncNow(db, { redisUrl: env().REDIS_URL, today: businessDate() }));
  } catch (error) {
    if (error instanceof ConnectorError) return { error: error.detail };
    throw error;
  }
}

export async function latestRunId(db: Database): Promise<number | null> {
  const [row] = await db.select({ id: connectionRuns.id }).from(connectionRuns).orderBy(desc(connectionRuns.id)).limit(1);
  return row?.id ?? null;
}

/** An example of each source's settings, for the form's help. */
export const SETTINGS_EXAMPLES: Record<ConnectionSource, Record<string, unknown>> = {
  os2mo: {
    url: "https://os2mo.kommune.dk", tokenUrl: "https://os2mo.kommune.dk/auth/realms/mo/protocol/openid-connect/token",
    clientId: "belastning", roles: { "Socialrådgiver": "caseworker", "Psykolog": "psychologist" }, unitKinds: { Team: "team" },
  },
  opus: { folder: "/mnt/opus", roles: { "Socialrådgiver": "caseworker" }, unitKinds: {} },
  sd: {
    url: "https://service.sd.dk/sdws/services", institution: "XY", fullFrom: "2020-01-01",
    roles: { "Socialrådgiver": "caseworker" }, managerProfessions: ["Teamleder"], endReasons: { "8": "unknown", "9": "retirement" },
  },
  file: { kind: "case-periods", folder: "/mnt/sagssystem", mapping: "Sagssystem" },
};
