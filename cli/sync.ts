// `npm run sync -- <connection> [--full]`: syncs one connection (OS2mo, KMD Opus, SD Løn, a file
// folder) against DATABASE_URL (or the embedded database), then runs the recomputations it asked
// for inline. Also: `--all` (every enabled, scheduled connection), `--test <connection>`, `--list`,
// and `--add <name> <os2mo|opus|sd|file> <settings.json>` to configure one (secrets stay in env).
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { closeDb, getConnection } from "../db/client";
import { CONNECTION_SOURCES, connections, type ConnectionSource } from "../db/schema";
import { runOpenRequestsInline } from "../jobs/inline";
import { ADAPTERS } from "../connectors/registry";
import { syncConnection, syncScheduled, testConnection, type SyncResult } from "../connectors/sync";
import { ConnectorError } from "../connectors/contract";
import { readableError } from "./error-message";
import { businessDate } from "../env";

const USAGE = `usage: npm run sync -- <connection> [--full] | --all | --test <connection> | --list | --add <name> <${CONNECTION_SOURCES.join("|")}> <settings.json>`;

function describe(r: SyncResult): string {
  if (r.outcome === "failed") {
    const p = r.problem!;
    return `${r.connection}: failed (${p.kind}): ${p.detail}${p.recordId ? ` [record ${p.recordId}]` : ""}; nothing was written`;
  }
  const imports = r.imports.map((i) => `${i.kind} #${i.importId} ${i.outcome}`).join(", ");
  const notes = Object.entries(r.notes).map(([k, v]) => `${k} ${v}`).join(", ");
  return `${r.connection}: ${r.outcome}: ${r.rowsRead} rows read, ${r.rowsChanged} database rows changed${imports ? ` (${imports})` : ""}${notes ? `; ${notes}` : ""}`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { full: { type: "boolean" }, all: { type: "boolean" }, test: { type: "boolean" }, list: { type: "boolean" }, add: { type: "boolean" } },
  });
  process.env.TZ = "UTC";
  const db = getConnection().db;
  const actor = `cli:${os.userInfo().username}`;
  const today = businessDate();
  if (values.list) {
    for (const c of await db.select().from(connections).orderBy(connections.name)) {
      console.log(`${c.name}\t${c.source}\t${c.enabled ? "enabled" : "disabled"}\t${c.scheduled ? "nightly" : "manual"}\tlast success ${c.lastSuccessAt?.toISOString() ?? "never"}`);
    }
    return 0;
  }
  if (values.add) {
    const [name, source, file] = positionals;
    if (!name || !file || !(CONNECTION_SOURCES as readonly string[]).includes(source)) {
      console.error(USAGE);
      return 2;
    }
    const settings = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    const parsed = ADAPTERS[source as ConnectionSource].settings.safeParse(settings);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) console.error(`${file}: ${issue.path.join(".") || "(settings)"}: ${issue.message}`);
      return 2;
    }
    await db.insert(connections).values({ name, source: source as ConnectionSource, settings: parsed.data as Record<string, unknown> })
      .onConflictDoUpdate({ target: connections.name, set: { source: source as ConnectionSource, settings: parsed.data as Record<string, unknown>, updatedAt: new Date() } });
    console.log(`connection ${name} (${source}) saved`);
    return 0;
  }
  if (values.test) {
    if (positionals.length !== 1) {
      console.error(USAGE);
      return 2;
    }
    const result = await testConnection(db, positionals[0]);
    (result.ok ? console.log : console.error)(`${positionals[0]}: ${result.ok ? "ok" : `failed (${result.kind})`}: ${result.message}`);
    return result.ok ? 0 : 1;
  }
  if (values.all ? positionals.length !== 0 : positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const results = values.all
    ? await syncScheduled(db, { actor, today, full: values.full })
    : [await syncConnection(db, positionals[0], { actor, today, full: values.full })];
  for (const r of results) (r.outcome === "failed" ? console.error : console.log)(describe(r));
  if (results.some((r) => r.outcome === "accepted")) {
    const runs = await runOpenRequestsInline(db, today, (line) => console.error(line));
    console.log(`recomputed ${runs.filter((r) => !r.error).length} request(s)`);
  }
  return results.some((r) => r.outcome === "failed") ? 1 : 0;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof ConnectorError ? error.message : readableError(error));
    await closeDb().catch(() => {});
    process.exit(error instanceof ConnectorError ? 2 : 1);
  });
