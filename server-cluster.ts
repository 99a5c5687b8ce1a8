// `npm start`: one web process per core (node:cluster), all on one port. Each worker is the
// ordinary server (server.ts startServer); the primary forks them, replaces one that dies, and
// runs the job runtime once (in a single-process server.ts it runs beside the web). Sessions live
// in the cookie or the database, and every cache a worker keeps (page data, rendered pages) is
// keyed by the database's data version, so the workers need nothing from each other.
// WEB_PROCESSES sets the number (default: the cores); the embedded database (no DATABASE_URL)
// cannot be shared between processes and always runs one.
import cluster from "node:cluster";
import os from "node:os";
import { env } from "./env";

function processes(): number {
  const { DATABASE_URL, WEB_PROCESSES } = env();
  if (!DATABASE_URL) return 1;
  return WEB_PROCESSES ?? os.availableParallelism();
}

async function primary(count: number): Promise<void> {
  const { closeDb, getDb } = await import("./db/client");
  const { startJobRuntime } = await import("./jobs/runtime");
  const jobs = await startJobRuntime(getDb());
  let stopping = false;
  const fork = () => cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`web process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === count) console.log(`${count} web processes listening on port ${env().PORT} (jobs: ${jobs.mode})`);
  });
  for (let i = 0; i < count; i++) fork();
  const shutdown = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(workers.map((w) => new Promise<void>((done) => {
      w.once("exit", () => done());
      w.kill("SIGTERM");
    })));
    await jobs.stop();
    await closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

async function worker(): Promise<void> {
  const { startServer } = await import("./server");
  const { closeDb } = await import("./db/client");
  const { close } = await startServer();
  const shutdown = async () => {
    await close();
    await closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

/** One process: web and jobs together, as `tsx server.ts` runs. */
async function single(): Promise<void> {
  const { startServer } = await import("./server");
  const { closeDb, getDb } = await import("./db/client");
  const { startJobRuntime } = await import("./jobs/runtime");
  const { url, close } = await startServer();
  const jobs = await startJobRuntime(getDb());
  console.log(`Listening on ${url} (jobs: ${jobs.mode})`);
  const shutdown = async () => {
    await close();
    await jobs.stop();
    await closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

async function main(): Promise<void> {
  const count = processes();
  if (count <= 1 && cluster.isPrimary) return single();
  await (cluster.isPrimary ? primary(count) : worker());
}

main().catch((error: unknown) => {
  console.error(`Server not started: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
