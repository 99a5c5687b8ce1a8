// The team page loader under load: `concurrency` clients call the /team presenter back to back
// (the manager's view: caseworkers and names included) until `requests` calls have answered, and
// the latencies are reported as percentiles: `presenter` through the page cache as the loader
// calls it (cachedTeamPage: a data-version lookup, the page statement only on a miss), and
// `presenterUncached` with every call a miss (teamPage). With `http`, the same is done through the
// real server (GET /team?unit=… with a signed-in session cookie), which adds session, guard and
// rendering.
//
// `tsx bench/loader.ts [--db URL --unit ID] [--requests N] [--concurrency N] [--write-every MS]
// [--http]` without --db builds a database of its own at national scale (5,000 teams, 2 years of
// weekly rollups, see fillNationalRollups) and drops it afterwards; the last line printed is one
// JSON object. --write-every also measures the cached presenter while plan edits (updates that
// change nothing but are writes) commit that often. --http also starts the real server on a
// private build in a child process, signs in a manager of the team (a user it adds to the
// database) and measures GET /team (the whole page) and GET /team.data (root and team loaders,
// no rendering).
import { spawn, type ChildProcess } from "node:child_process";
import cluster from "node:cluster";
import http from "node:http";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import postgres from "postgres";
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { connectPostgres, queryRows, type Database } from "../db/client";
import { scratchDatabase } from "./scratch-database";
import { cachedTeamPage, teamPage, type TeamPageOptions } from "../db/presenters/team";
import { createUser } from "../db/commands/users";
import { login, privateBuild } from "../tests/helpers/auth-server";
import { runClients, summarise, type LatencySummary } from "./latency";
import { businessDate } from "../env";

export interface TeamLoaderBenchResult {
  unitId: number;
  /** cachedTeamPage, as the /team loader calls it. */
  presenter: LatencySummary;
  /** teamPage: every call runs the page's statement (what a cache miss costs). */
  presenterUncached: LatencySummary;
  /** cachedTeamPage while another connection commits a write the page depends on every `writeEveryMs`. */
  presenterWithWrites: LatencySummary | null;
  /** GET /team: session, guard, both loaders and the server rendering. */
  http: LatencySummary | null;
  /** GET /team.data: the same loaders through the server, without rendering. */
  httpData: LatencySummary | null;
}

export interface TeamLoaderBenchOptions {
  dbUrl: string;
  unitId: number;
  concurrency?: number;
  requests?: number;
  today?: string;
  /** Connections in the pool: the server's default (10), so the figure is what the server sees. */
  poolSize?: number;
  /** Also measure the cached presenter while a plan edit commits this often (each one empties the cache). */
  writeEveryMs?: number;
  /** The server to measure, and the process id of it when it runs on this machine (for its CPU time). */
  http?: { baseUrl: string; cookie: string; pid?: number };
}

/** CPU milliseconds the processes have used so far (Linux /proc, USER_HZ 100); null elsewhere. */
export function processCpuMs(pids: number[]): number | null {
  try {
    let ticks = 0;
    for (const pid of pids) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // After "pid (comm) ": state is field 3, utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * 10;
  } catch {
    return null;
  }
}

/** The backends of the connection's database, when it runs on this machine (null otherwise). */
async function backendPids(db: Database): Promise<number[] | null> {
  const rows = await queryRows<{ pid: number; local: boolean }>(db, sql`
    select pid, coalesce(host(inet_server_addr()) in ('127.0.0.1', '::1'), true) as local
    from pg_stat_activity where datname = current_database()`);
  return rows.every((r) => r.local) ? rows.map((r) => r.pid) : null;
}

/** `run`, with the CPU time per request of the app process and of the database's backends. */
async function withCpu(db: Database, appPid: number | null, run: () => Promise<LatencySummary>): Promise<LatencySummary> {
  const pids = await backendPids(db);
  const appMs = () => (appPid === null ? null : processCpuMs([appPid]));
  const dbMs = () => (pids === null ? null : processCpuMs(pids));
  const [app0, db0] = [appMs(), dbMs()];
  const summary = await run();
  const [app1, db1] = [appMs(), dbMs()];
  const perRequest = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round(((b - a) / summary.requests) * 100) / 100);
  return { ...summary, cpuMsPerRequest: { app: perRequest(app0, app1), db: perRequest(db0, db1) } };
}

/**
 * Runs `measure` while another connection commits an update of every open action item each
 * `everyMs` (a write the team page depends on: each one raises the data version).
 */
async function whileWriting<T>(dbUrl: string, everyMs: number, measure: () => Promise<T>): Promise<T> {
  const writer = connectPostgres(dbUrl, { max: 1 });
  let writing = Promise.resolve();
  const timer = setInterval(() => {
    writing = writing.then(async () => {
      await writer.db.execute(sql`update action_items set title = title where status in ('planned', 'in_progress')`);
    });
  }, everyMs);
  try {
    return await measure();
  } finally {
    clearInterval(timer);
    await writing;
    await writer.close();
  }
}

export async function benchTeamLoader(options: TeamLoaderBenchOptions): Promise<TeamLoaderBenchResult> {
  const concurrency = options.concurrency ?? 50;
  const requests = options.requests ?? 2000;
  const today = options.today ?? businessDate();
  const connection = connectPostgres(options.dbUrl, { max: options.poolSize ?? 10 });
  const { db } = connection;
  const measure = async (appPid: number | null, call: () => Promise<unknown>) => {
    // Warm-up: the first calls pay for connections and plans, which a running server has paid already.
    await runClients(call, concurrency, concurrency * 2);
    return withCpu(db, appPid, async () => {
      const run = await runClients(call, concurrency, requests);
      return summarise(run.latencies, concurrency, run.wallMs);
    });
  };
  try {
    const pageOptions: TeamPageOptions = { unitId: options.unitId, today, showCaseworkers: true, showNames: true };
    const presenterCall = (presenter: typeof teamPage) => async () => {
      if (!(await presenter(db, pageOptions))) throw new Error(`unit ${options.unitId} does not exist`);
    };
    const presenterUncached = await measure(process.pid, presenterCall(teamPage));
    const presenter = await measure(process.pid, presenterCall(cachedTeamPage));
    const presenterWithWrites = options.writeEveryMs ? await whileWriting(options.dbUrl, options.writeEveryMs,
      () => measure(process.pid, presenterCall(cachedTeamPage))) : null;
    let http: LatencySummary | null = null;
    let httpData: LatencySummary | null = null;
    if (options.http) {
      const { baseUrl, cookie, pid } = options.http;
      const get = (route: string) => async () => {
        const response = await fetch(`${baseUrl}${route}?unit=${options.unitId}`, { headers: { cookie } });
        if (!response.ok) throw new Error(`GET ${route} answered ${response.status}`);
        await response.text();
      };
      http = await measure(pid ?? null, get("/team"));
      httpData = await measure(pid ?? null, get("/team.data"));
    }
    return { unitId: options.unitId, presenter, presenterUncached, presenterWithWrites, http, httpData };
  } finally {
    await connection.close();
  }
}

export interface TeamHttpBenchResult {
  workers: number;
  /** GET /team?unit=… by concurrency (1, 10, 50 clients). */
  team: Record<string, LatencySummary>;
  /** The all-teams view of the dashboards issue at 50 clients, when the build has that route. */
  allTeams: LatencySummary | null;
  allTeamsRoute: string | null;
  /** What the measured requests were answered from, as the server's X-Page-Cache says after the warm-up ("hit" or "miss"). */
  teamPageSource: string;
}

/** Routes the all-teams view may have (engineer #16a's branch); the first the build answers is measured. */
const ALL_TEAMS_ROUTES = ["/teams", "/all-teams", "/alle-teams", "/organisation/teams"];

/**
 * The whole team page over HTTP against the real server (`workers` web processes), signed in as a
 * manager of the team, at each concurrency: `requests` calls after a warm-up of two per client.
 */
export async function benchTeamHttp(options: { dbUrl: string; unitId: number; today: string; workers: number; concurrencies: number[]; requests: number }): Promise<TeamHttpBenchResult> {
  const server = await startServerProcess(options.dbUrl, options.today, options.workers);
  try {
    const cookie = await signInManager(options.dbUrl, server.baseUrl, options.unitId);
    // A browser's request (gzip accepted), read as the bytes that arrive: inflating them is the
    // browser's work on its own machine, and here it would take the 2 cores' time from the
    // server being measured (the fetch client's inflate and decode were ~40 % of its CPU).
    const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(...options.concurrencies, 50) });
    const get = (route: string) => () => rawGet(agent, `${server.baseUrl}${route}`, { cookie, "accept-encoding": "gzip, deflate, br" });
    const measure = async (route: string, concurrency: number) => {
      await runClients(get(route), concurrency, concurrency * 2);
      const run = await runClients(get(route), concurrency, Math.max(options.requests, concurrency * 4));
      return summarise(run.latencies, concurrency, run.wallMs);
    };
    const team: Record<string, LatencySummary> = {};
    for (const c of options.concurrencies) team[String(c)] = await measure(`/team?unit=${options.unitId}`, c);
    // The page as a browser gets it (inflated), once: the team's own page, and whether the cache answered.
    const check = await fetch(`${server.baseUrl}/team?unit=${options.unitId}`, { headers: { cookie }, redirect: "manual" });
    const html = await check.text();
    if (!check.ok || !html.includes("</html>")) throw new Error(`GET /team answered ${check.status} without a whole page`);
    const teamPageSource = check.headers.get("x-page-cache") ?? "miss";
    let allTeamsRoute: string | null = null;
    for (const route of ALL_TEAMS_ROUTES) {
      const response = await fetch(`${server.baseUrl}${route}`, { headers: { cookie }, redirect: "manual" });
      await response.text();
      if (response.ok) {
        allTeamsRoute = route;
        break;
      }
    }
    const allTeams = allTeamsRoute ? await measure(allTeamsRoute, 50) : null;
    agent.destroy();
    return { workers: options.workers, team, allTeams, allTeamsRoute, teamPageSource };
  } finally {
    await server.stop();
  }
}

/** GET over a kept-alive connection; resolves with the body's length once all of it has arrived. */
function rawGet(agent: http.Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`GET ${url} answered ${response.statusCode}`));
        return;
      }
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolve(bytes));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/**
 * Rollup rows at national scale, written straight into the rollup tables (the presenter reads only
 * those): organisation → 10 areas → 50 centres → 250 clusters → 5,000 teams; 104 weeks of
 * load_unit_week and unit_week_status for every unit; 8 caseworkers per team for 26 weeks; a
 * year of hr_events; 2 survey rounds × 13 dimensions; one open plan per cluster with 6 items.
 * Returns the id of a team to load.
 */
export async function fillNationalRollups(url: string, today: string): Promise<number> {
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
        select a, d, depth from c;`);
    const lastMonday = `date_trunc('week', '${today}'::date)::date`;
    await sqlc.unsafe(`
      insert into load_unit_week
        select u.id, (${lastMonday} - 7 * w)::date, 20 + (u.id + w) % 15, 2, 1.2 + (u.id % 5) * 0.2, 30 + (u.id + w) % 20,
          8 + (u.id + w) % 7, (u.id + w) % 3, 2, 2
        from units u cross join generate_series(0, 103) w;
      insert into unit_week_status
        select unit_id, week_start, open_cases / caseworker_fte > 25, weighted_sum / caseworker_fte > 32, false, false,
          (unit_id + extract(week from week_start)::int) % 7, case (unit_id + extract(week from week_start)::int) % 3 when 0 then 'green' when 1 then 'amber' else 'red' end
        from load_unit_week;
      insert into employees (id, display_name) select 'E' || t || '-' || e, 'Medarbejder ' || t || '-' || e from generate_series(1, 5000) t cross join generate_series(1, 8) e;
      insert into load_caseworker_week
        select 10000 + t, (${lastMonday} - 7 * w)::date, 'E' || t || '-' || e, 10 + (t + e + w) % 12, 14 + (t + e + w) % 16, (t + e) % 5, (t + w) % 3, (t + e + w) % 2
        from generate_series(1, 5000) t cross join generate_series(1, 8) e cross join generate_series(0, 25) w;
      insert into hr_events (unit_id, population, event_date, employee_id, kind, internal_transfer, voluntary, from_unit_id, role)
        select 10000 + t, 'staff', ('${today}'::date - (t * 7 + e * 37) % 365), 'E' || t || '-' || e, case when e % 2 = 0 then 'hire' else 'departure' end,
          false, e % 3 = 0, 10000 + t, 'caseworker'
        from generate_series(1, 5000) t cross join generate_series(1, 4) e;
      insert into hr_unit_month (unit_id, month, headcount_days, departures, internal_transfers_out, voluntary_departures, hires, manager_headcount_days, manager_departures, manager_hires)
        select u.id, (date_trunc('month', '${today}'::date) - make_interval(months => m))::date, 240, (u.id + m) % 2, 0, 0, 1, 30, 0, 0
        from units u cross join generate_series(1, 24) m;
      insert into survey_rounds values ('bench-1', ('${today}'::date - 400)), ('bench-2', ('${today}'::date - 200));
      insert into wellbeing_unit_round
        select u.id, r.key, d.key, case when u.id % 11 = 0 then null else 50 + (u.id % 30) end, case when u.id % 11 = 0 then 3 else 9 end, 12, true,
          case when u.id % 11 = 0 then 'too_few' end
        from units u cross join survey_rounds r cross join wellbeing_dimensions d;
      insert into action_plans (id, unit_id, title, source_kind) select k, 1000 + k, 'Plan ' || k, 'apv' from generate_series(1, 250) k;
      insert into focus_points (id, plan_id, title) select k, k, 'Fokus ' || k from generate_series(1, 250) k;
      insert into action_items (focus_point_id, title, due_date, status)
        select k, 'Indsats ' || i, ('${today}'::date + i * 20), 'planned' from generate_series(1, 250) k cross join generate_series(1, 6) i;
      analyze;`);
    return 10000 + 2500;
  } finally {
    await sqlc.end();
  }
}

/**
 * `--serve`: builds the app privately (the tests' private build: teammates rebuild the shared
 * build/ all day) and runs the real server (server.ts createApp) on it in this process, which
 * the bench starts as a child: the Remix compiler leaves esbuild services running that would keep
 * the bench itself from exiting, and the clients' CPU stays out of the server's event loop.
 */
async function serve(): Promise<void> {
  const workers = Number(process.env.WEB_PROCESSES ?? "1");
  if (workers > 1 && cluster.isPrimary) {
    // One web process per core, as server-cluster.ts runs them: the workers share the port.
    const build = await privateBuild();
    process.env.BENCH_BUILD_DIR = build.buildDir;
    process.env.BENCH_ASSETS_DIR = build.assetsDir;
    let listening = 0;
    for (let i = 0; i < workers; i++) {
      cluster.fork().on("message", (message: unknown) => {
        if (typeof message === "string" && message.startsWith("listening ") && ++listening === workers) console.log(message);
      });
    }
    process.once("SIGTERM", () => {
      let left = workers;
      for (const worker of Object.values(cluster.workers ?? {})) {
        worker?.once("exit", () => {
          if (--left === 0) {
            build.remove();
            process.exit(0);
          }
        });
        worker?.kill("SIGTERM");
      }
    });
    return;
  }
  const build = cluster.isWorker
    ? { buildDir: process.env.BENCH_BUILD_DIR!, assetsDir: process.env.BENCH_ASSETS_DIR!, remove: () => {} }
    : await privateBuild();
  const { createApp } = await import("../server");
  const { closeDb } = await import("../db/client");
  const app = await createApp({ buildDir: build.buildDir, assetsDir: build.assetsDir });
  // Cluster workers listening on port 0 share one port the primary chose.
  const server = app.listen(0, "127.0.0.1", () => {
    const line = `listening http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (cluster.isWorker) process.send!(line);
    else console.log(line);
  });
  process.once("SIGTERM", () => {
    server.closeAllConnections();
    server.close(() => void closeDb().finally(() => {
      build.remove();
      process.exit(0);
    }));
  });
}

export interface ServerProcess { baseUrl: string; pid: number | undefined; stop(): Promise<void> }

/** The real server in a child process on `dbUrl`, with "today" fixed to the bench's. */
export async function startServerProcess(dbUrl: string, today: string, workers = 1): Promise<ServerProcess> {
  const entry = fileURLToPath(import.meta.url);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", entry, "--serve"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: dbUrl, SESSION_SECRET: randomBytes(32).toString("hex"), APP_TODAY: today,
      WEB_PROCESSES: String(workers) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Its errors are shown, except while it stops: the compiler's esbuild service, cut off from
  // its parent mid-wait, prints a Go stack on the way out.
  let stopping = false;
  child.stderr!.on("data", (chunk: Buffer) => {
    if (!stopping) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    stopping = true;
    child.kill("SIGTERM");
    await exited;
  };
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`the server exited with ${code} before listening`)));
      createInterface({ input: child.stdout! }).on("line", (line) => {
        const match = /^listening (\S+)$/.exec(line);
        if (match) resolve(match[1]);
      });
    });
    return { baseUrl, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A manager of the team (view_caseworkers and names), signed in through the login form. */
export async function signInManager(dbUrl: string, baseUrl: string, unitId: number): Promise<string> {
  const email = `loader-bench-${Date.now().toString(36)}@bench.invalid`;
  const password = randomBytes(18).toString("base64url");
  const connection = connectPostgres(dbUrl, { max: 1 });
  try {
    await createUser(connection.db, { email, displayName: "Bench Leder", password, language: "da", roles: [{ role: "manager", unitId }] });
  } finally {
    await connection.close();
  }
  return login(baseUrl, email, password);
}

function printSummary(label: string, s: LatencySummary): void {
  const cpu = s.cpuMsPerRequest ? `; CPU per request ${s.cpuMsPerRequest.app ?? "?"} ms app, ${s.cpuMsPerRequest.db ?? "?"} ms database` : "";
  console.log(`${label}: ${s.requests} requests at concurrency ${s.concurrency}: `
    + `p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, p99 ${s.p99Ms} ms, ${s.throughputPerS}/s${cpu}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: "string" }, unit: { type: "string" }, requests: { type: "string" }, concurrency: { type: "string" },
      today: { type: "string" }, http: { type: "boolean" }, serve: { type: "boolean" }, "write-every": { type: "string" },
    },
  });
  if (values.serve) return serve();
  const today = values.today ?? businessDate();
  let dbUrl = values.db;
  let unitId = values.unit ? Number(values.unit) : undefined;
  let drop: (() => Promise<void>) | null = null;
  if (!dbUrl) {
    const scratch = await scratchDatabase("bench_loader");
    dbUrl = scratch.url;
    drop = scratch.drop;
    const t0 = performance.now();
    unitId = await fillNationalRollups(dbUrl, today);
    console.log(`national rollups written in ${Math.round(performance.now() - t0)} ms`);
  }
  let server: ServerProcess | null = null;
  try {
    if (unitId === undefined || !Number.isInteger(unitId)) throw new Error("--unit is required with --db");
    let http: TeamLoaderBenchOptions["http"];
    if (values.http) {
      server = await startServerProcess(dbUrl, today);
      http = { baseUrl: server.baseUrl, pid: server.pid, cookie: await signInManager(dbUrl, server.baseUrl, unitId) };
    }
    const result = await benchTeamLoader({
      dbUrl, unitId, today, http,
      writeEveryMs: values["write-every"] ? Number(values["write-every"]) : undefined,
      requests: values.requests ? Number(values.requests) : undefined,
      concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    });
    printSummary(`team loader (presenter, page cache), unit ${unitId}`, result.presenter);
    printSummary(`team loader (presenter, every call a miss), unit ${unitId}`, result.presenterUncached);
    if (result.presenterWithWrites) {
      printSummary(`team loader (presenter, page cache, a plan edit every ${values["write-every"]} ms)`, result.presenterWithWrites);
    }
    if (result.http) printSummary("GET /team (whole page, manager)", result.http);
    if (result.httpData) printSummary("GET /team.data (loaders only, manager)", result.httpData);
    console.log(JSON.stringify(result));
  } finally {
    await server?.stop();
    await drop?.();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
