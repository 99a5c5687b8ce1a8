// `tsx bench/pages.ts --db URL --unit ID [--today YYYY-MM-DD] [--workers N] [--requests N]`: only
// the pages-over-HTTP part of `npm run bench` (bench/loader.ts benchTeamHttp: GET /team at 1, 10
// and 50 clients, then the all-teams view at 50) against a database a bench run kept (--keep),
// so a change to the pages can be measured in a minute instead of a whole bench run. Without --db
// it builds the national rollups of bench/loader.ts (5,000 teams) in a scratch database, measures
// a team of it and drops the database.
import os from "node:os";
import { parseArgs } from "node:util";
import { benchTeamHttp, fillNationalRollups } from "./loader";
import { scratchDatabase } from "./scratch-database";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: "string" }, unit: { type: "string" }, today: { type: "string" }, workers: { type: "string" }, requests: { type: "string" } },
  });
  let dbUrl = values.db;
  let unit = values.unit ? Number(values.unit) : undefined;
  let drop: (() => Promise<void>) | null = null;
  const today = values.today ?? "2025-06-29";
  if (!dbUrl) {
    const scratch = await scratchDatabase("bench_pages");
    dbUrl = scratch.url;
    drop = scratch.drop;
    unit = await fillNationalRollups(dbUrl, today);
  }
  if (unit === undefined) throw new Error("--unit is required with --db (a team of the database of `npm run bench -- --keep`)");
  const workers = values.workers ? Number(values.workers) : Math.max(1, Math.min(os.availableParallelism(), 4));
  const loadBefore = os.loadavg();
  const result = await benchTeamHttp({
    dbUrl, unitId: unit, today, workers, concurrencies: [1, 10, 50], requests: values.requests ? Number(values.requests) : 400,
  }).finally(() => drop?.());
  for (const [c, s] of Object.entries(result.team)) console.error(`GET /team, ${c} clients: p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, ${s.throughputPerS}/s`);
  if (result.allTeams) console.error(`GET ${result.allTeamsRoute}, 50 clients: p50 ${result.allTeams.p50Ms} ms, p95 ${result.allTeams.p95Ms} ms, ${result.allTeams.throughputPerS}/s`);
  console.log(JSON.stringify({ ...result, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg() }));
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
