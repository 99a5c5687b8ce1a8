// `npm run demo`: migrate, seed the demo organisation if the database is empty, start the jobs
// (in-process without REDIS_URL) and the web server, then print where to go and how to log in.
import { env } from "../env";
import { connectPglite, getConnection, setConnection, type DatabaseConnection } from "../db/client";
import { migrateConnection, migratePostgresUrl } from "../db/migrate";
import { seedDemoIfEmpty, DEMO_LOGINS } from "../db/seed";
import { startJobRuntime } from "../jobs/runtime";
import { startServer } from "../server";

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

async function main() {
  process.env.TZ = "UTC";
  const connection = await migratedConnection();
  const seeded = await seedDemoIfEmpty(connection.db, (line) => console.log(`  ${line}`));
  console.log(seeded ? "Demo data generated." : "Existing data kept (the database was not empty).");
  const jobs = await startJobRuntime(connection.db);
  const server = await startServer();
  console.log(`\nDashboard: ${server.url}   (ready in ${elapsed()}; jobs: ${jobs.mode})\n`);
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

/**
 * Postgres is migrated on its own one-connection client; the embedded database is migrated on the
 * very connection the server then uses (opening PGlite twice costs seconds on every start).
 */
async function migratedConnection(): Promise<DatabaseConnection> {
  const { DATABASE_URL, PGLITE_DIR } = env();
  if (DATABASE_URL) {
    await migratePostgresUrl(DATABASE_URL);
    console.log(`Database ready (Postgres, ${elapsed()}).`);
    return getConnection();
  }
  const connection = connectPglite(PGLITE_DIR);
  await migrateConnection(connection);
  setConnection(connection);
  console.log(`Database ready (PGlite in ${PGLITE_DIR}, ${elapsed()}).`);
  return connection;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
