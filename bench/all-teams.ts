// The all-teams view (/teams) under load, as bench/loader.ts measures the team page: `concurrency`
// clients call the presenter back to back until `requests` calls have answered, for a director
// (scope: the whole organisation), and the latencies are reported as percentiles. Each call asks
// for another page, sort and filter (as people click through the table), so the figures include
// filtering and sorting every team; `cached` reads the team list through the page cache as the
// loader does, `uncached` runs the statement every time (what the first call after a write costs).
//
// `tsx bench/all-teams.ts [--db URL] [--requests N] [--concurrency N] [--today YYYY-MM-DD]`
// without --db builds a database of its own at national scale and drops it afterwards: the unit
// tree of bench/loader.ts (5,000 teams) with only the rows this view reads (fillNationalTeams;
// a few seconds, where the loader's full fillNationalRollups writes 1.6M rows). The last line
// printed is one JSON object.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { connectPostgres } from "../db/client";
import { scratchDatabase } from "./scratch-database";
import { allTeamsPage, SORT_KEYS, type AllTeamsOptions } from "../db/presenters/all-teams";
import { runClients, summarise, type LatencySummary } from "./latency";
import { businessDate } from "../env";

/**
 * organisation → 10 areas → 50 centres → 250 clusters → 5,000 teams (as fillNationalRollups), and
 * what /teams reads for them: load_unit_week and unit_week_status for the 8 weeks up to today's,
 * 24 months of hr_unit_month, and an open AT plan on every tenth cluster.
 */
export async function fillNationalTeams(url: string, today: string): Promise<void> {
  const sqlc = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sqlc.unsafe(`
      insert into units (id, code, name, kind, parent_id)
        select 1, 'ORG', 'Kommunen', 'organisation', null
        union all select 1 + a, 'A' || a, 'Område ' || a, 'area', 1 from generate_series(1, 10) a
        union all select 100 + c, 'C' || c, 'Center ' || c, 'centre', 1 + ((c - 1) / 5 + 1) from generate_series(1, 50) c
        union all select 1000 + k, 'K' || k, 'Klynge ' || k, 'cluster', 100 + ((k - 1) / 5 + 1) from generate_series(1, 250) k
        union all select 10000 + t, 'T' || t, 'Team ' || t, 'team', 1000 + ((t - 1) / 20 + 1) from generate_series(1, 5000) t;
      insert into unit_closure (ancestor_id, descendant_id, depth)
        with recursive c(a, d, depth) as (select id, id, 0 from units union all select c.a, u.id, c.depth + 1 from c join units u on u.parent_id = c.d)
        select a, d, depth from c;
      insert into load_unit_week
        select u.id, (date_trunc('week', '${today}'::date)::date - 7 * w)::date, 20 + (u.id + w) % 15, 2, 1.2 + (u.id % 5) * 0.2, 30 + (u.id + w) % 20,
          8 + (u.id + w) % 7, (u.id + w) % 3, 2, 2
        from units u cross join generate_series(0, 7) w;
      insert into unit_week_status
        select unit_id, week_start, open_cases / caseworker_fte > 25, weighted_sum / caseworker_fte > 32, false, false,
          (unit_id + extract(week from week_start)::int) % 7, case (unit_id + extract(week from week_start)::int) % 3 when 0 then 'green' when 1 then 'amber' else 'red' end
        from load_unit_week;
      insert into hr_unit_month (unit_id, month, headcount_days, departures, internal_transfers_out, voluntary_departures, hires, manager_headcount_days, manager_departures, manager_hires)
        select u.id, (date_trunc('month', '${today}'::date) - make_interval(months => m))::date, 240 + (u.id % 9) * 30, (u.id + m) % 2, 0, 0, 1, 30, 0, 0
        from units u cross join generate_series(1, 24) m;
      insert into action_plans (unit_id, title, source_kind, at_reaction, at_decision_date)
        select 1000 + k, 'AT-påbud ' || k, 'at_decision', 'paabud_med_frist', '${today}'::date - 30 from generate_series(10, 250, 10) k;
      analyze;`);
  } finally {
    await sqlc.end();
  }
}

export interface AllTeamsBenchResult {
  teams: number;
  cached: LatencySummary;
  uncached: LatencySummary;
}

/** The n-th call's choice of page, sort, direction and filter: every column and a few filters in turn. */
export function variant(n: number, today: string): Omit<AllTeamsOptions, "scope"> {
  const statuses = [null, "over", "red", null] as const;
  return {
    today,
    sort: SORT_KEYS[n % SORT_KEYS.length],
    dir: n % 2 === 0 ? "desc" : "asc",
    status: statuses[n % statuses.length],
    q: n % 7 === 0 ? "Team 12" : null,
    page: 1 + (n % 5),
  };
}

export async function benchAllTeams(options: { dbUrl: string; today: string; concurrency?: number; requests?: number }): Promise<AllTeamsBenchResult> {
  const concurrency = options.concurrency ?? 50;
  const requests = options.requests ?? 1000;
  const connection = connectPostgres(options.dbUrl, { max: 10 });
  try {
    const db = connection.db;
    let n = 0;
    const cachedCall = () => allTeamsPage(db, { scope: "all", ...variant(n++, options.today) });
    const first = await allTeamsPage(db, { scope: "all", today: options.today });
    await runClients(cachedCall, concurrency, concurrency * 2);
    const cachedRun = await runClients(cachedCall, concurrency, requests);
    // A new day each call is a new cache key: every call runs the team list's statement.
    let day = 0;
    const uncachedCall = () => allTeamsPage(db, { scope: "all", ...variant(n++, options.today), today: shiftDay(options.today, day++ % 3) });
    const uncachedRequests = Math.max(concurrency, Math.round(requests / 10));
    const uncachedRun = await runClients(uncachedCall, Math.min(concurrency, 10), uncachedRequests);
    return {
      teams: first.total,
      cached: summarise(cachedRun.latencies, concurrency, cachedRun.wallMs),
      uncached: summarise(uncachedRun.latencies, Math.min(concurrency, 10), uncachedRun.wallMs),
    };
  } finally {
    await connection.close();
  }
}

/** today, or a day of the same ISO week (the shown week stays the same, the cache key does not). */
function shiftDay(today: string, days: number): string {
  const d = new Date(`${today}T12:00:00Z`);
  const monday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - monday + days);
  return d.toISOString().slice(0, 10);
}

async function main() {
  const { values } = parseArgs({
    options: { db: { type: "string" }, requests: { type: "string" }, concurrency: { type: "string" }, today: { type: "string" } },
  });
  const today = values.today ?? businessDate();
  let dbUrl = values.db;
  let drop: (() => Promise<void>) | null = null;
  if (!dbUrl) {
    const scratch = await scratchDatabase("bench_all_teams");
    dbUrl = scratch.url;
    drop = scratch.drop;
    const t0 = performance.now();
    await fillNationalTeams(dbUrl, today);
    console.log(`national teams written in ${Math.round(performance.now() - t0)} ms`);
  }
  try {
    const result = await benchAllTeams({
      dbUrl, today,
      requests: values.requests ? Number(values.requests) : undefined,
      concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    });
    const line = (label: string, s: LatencySummary) => console.log(`${label}: ${s.requests} requests at concurrency ${s.concurrency}: `
      + `p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, p99 ${s.p99Ms} ms, ${s.throughputPerS}/s`);
    line(`all-teams presenter (page cache), ${result.teams} teams`, result.cached);
    line(`all-teams presenter (every call runs the statement), ${result.teams} teams`, result.uncached);
    console.log(JSON.stringify(result));
  } finally {
    await drop?.();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
