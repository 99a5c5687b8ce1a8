// Loads a generated demo through the real importer (one import per kind, each all-or-nothing with
// its import-log row and recompute request), then the committees, users and plans, then computes
// the rollups so every page has its figures when the server starts.
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { queryRows } from "../db/client";
import { importRows, type ImportKind } from "../import";
import { RECOMPUTE_JOB } from "../jobs/recompute/job";
import { runAggregation } from "../jobs/recompute/pipeline";
import { recordedRun } from "../db/job-runs";
import { closeAnsweredImportRequests } from "../db/recompute-requests";
import type { DemoData } from "../db/seed/generate";
import { seedPeopleAndPlans } from "../db/seed/people-and-plans";
import type { SeedStep } from "../db/seed/steps";
import { NOTIFICATIONS_JOB } from "../jobs/notifications/job";
import { runNotifications } from "../jobs/notifications/run";
import { seedApv } from "../db/seed/apv";

export const IMPORT_ORDER: ImportKind[] = ["units", "employments", "competences", "case-periods", "survey-results"];

export class DemoSeedError extends Error {}

export interface LoadSummary {
  rows: Record<ImportKind, number>;
  users: number;
  plans: number;
  items: number;
  recomputed: number;
  notifications: number;
  ms: Record<string, number>;
}

export async function loadDemo(db: Database, data: DemoData, log: (line: string) => void, steps: SeedStep[] = []): Promise<LoadSummary> {
  const ms: Record<string, number> = {};
  const rows = {} as Record<ImportKind, number>;
  for (const kind of IMPORT_ORDER) {
    const kindRows = data.rows[kind];
    rows[kind] = kindRows.length;
    if (kindRows.length === 0) continue;
    const t0 = Date.now();
    const result = await importRows(db, { kind, rows: kindRows, fileName: `demo-${kind}.csv`, actor: "seed" });
    ms[kind] = Date.now() - t0;
    if (result.outcome !== "accepted") {
      const first = result.errors.slice(0, 5).map((e) => `row ${e.row ?? "-"} ${e.column ?? ""} ${e.value ?? ""}: ${e.reason}`);
      throw new DemoSeedError(`Demo import of ${kind} was ${result.outcome}:\n  ${first.join("\n  ")}`);
    }
    log(`${kind}: ${kindRows.length} rows imported (${ms[kind]} ms)`);
  }

  const t1 = Date.now();
  const { seeded, lines } = await db.transaction(async (handle) => {
    const result = { ...(await seedPeopleAndPlans(handle, data)), apv: await seedApv(handle, data) };
    const stepLines: string[] = [];
    for (const step of steps) stepLines.push(`${step.name}: ${await step.run(handle, data)}`);
    return { seeded: result, lines: stepLines };
  });
  ms.plans = Date.now() - t1;
  log(`${seeded.users} demo users, ${seeded.plans} action plans with ${seeded.items} items (${ms.plans} ms)`);
  for (const line of lines) log(line);

  // Each import left a recompute request, every one of them inside the full history. On a database
  // that was empty, one aggregation over the full range answers them all (five in a row would take
  // five times as long on PGlite), so they are closed together in the aggregation's transaction.
  const t2 = Date.now();
  const summary = await recordedRun(db, RECOMPUTE_JOB, "seed", () =>
    db.transaction(async (tx) => {
      const result = await runAggregation(tx, {}, data.today, { pool: db });
      return { ...result, requestIds: await closeAnsweredImportRequests(tx) };
    }));
  ms.aggregate = Date.now() - t2;
  log(`rollups computed for weeks ${summary.fromWeek} to ${summary.toWeek}, answering ${summary.requestIds.length} recompute requests (${ms.aggregate} ms)`);
  // The daily notification job for the demo's today, so every user finds their notices on first login.
  const notices = await recordedRun(db, NOTIFICATIONS_JOB, "seed", () => runNotifications(db, data.today));
  const noticeCount = Object.values(notices.created).reduce((a, b) => a + b, 0);
  log(`${noticeCount} notifications for ${data.today} (${Object.entries(notices.created).map(([k, n]) => `${k} ${n}`).join(", ")})`);
  return { rows, ...seeded, recomputed: summary.requestIds.length, notifications: noticeCount, ms };
}

/** Empty = no units yet: a database with any organisation in it is never seeded over. */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from units`);
  return (row?.n ?? 0) === 0;
}
