// `npm run demo`: migrate, seed the demo organisation if the database is empty, start the jobs
// (in-process without REDIS_URL) and the web server, then print where to go and how to log in.
import { env } from "../env";
import { getConnection } from "../db/client";
import { migrateFromEnv } from "../db/migrate";
import { seedDemoIfEmpty, DEMO_LOGINS } from "../db/seed";
import { startJobRuntime } from "../jobs/runtime";
import { startServer } from "../server";

async function main() {
  process.env.TZ = "UTC";
  const started = Date.now();
  const where = await migrateFromEnv();
  console.log(`Database ready (${where}).`);
  const connection = getConnection();
  const seeded = await seedDemoIfEmpty(connection.db, (line) => console.log(`  ${line}`));
  console.log(seeded ? "Demo data generated." : "Existing data kept (the database was not empty).");
  const jobs = await startJobRuntime(connection.db);
  const server = await startServer();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nDashboard: ${server.url}   (ready in ${seconds} s; jobs: ${jobs.mode})\n`);
  console.log("Demo logins (password for all: see below):");
  for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(10)} ${login.email.padEnd(34)} ${login.description}`);
  console.log(`  password: ${DEMO_LOGINS[0]?.password}\n`);
  if (!env().REDIS_URL) console.log("REDIS_URL is unset: jobs run inside this process.");

  const shutdown = async () => {
    await server.close();
    await jobs.stop();
    await connection.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
