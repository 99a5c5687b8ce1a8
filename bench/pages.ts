// `tsx bench/pages.ts --db URL --unit ID [--today YYYY-MM-DD] [--workers N] [--requests N]`: only
// the pages-over-HTTP part of `npm run bench` (bench/loader.ts benchTeamHttp: GET /team at 1, 10
// and 50 clients, then the all-teams view at 50) against a database a bench run kept (--keep),
// so a change to the pages can be measured in a minute instead of a whole bench run.
import os from "node:os";
import { parseArgs } from "node:util";
import { benchTeamHttp } from "./loader";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: "string" }, unit: { type: "string" }, today: { type: "string" }, workers: { type: "string" }, requests: { type: "string" } },
  });
  if (!values.db || !values.unit) throw new Error("--db and --unit are required (the database of `npm run bench -- --keep`)");
  const workers = values.workers ? Number(values.workers) : Math.max(1, Math.min(os.availableParallelism(), 4));
  const loadBefore = os.loadavg();
  const result = await benchTeamHttp({
    dbUrl: values.db, unitId: Number(values.unit), today: values.today ?? "2025-06-29", workers,
    concurrencies: [1, 10, 50], requests: values.requests ? Number(values.requests) : 400,
  });
  for (const [c, s] of Object.entries(result.team)) console.error(`GET /team, ${c} clients: p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, ${s.throughputPerS}/s`);
  if (result.allTeams) console.error(`GET ${result.allTeamsRoute}, 50 clients: p50 ${result.allTeams.p50Ms} ms, p95 ${result.allTeams.p95Ms} ms, ${result.allTeams.throughputPerS}/s`);
  console.log(JSON.stringify({ ...result, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg() }));
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
