// `npm run demo`: migrate, seed the demo organisation if the database is empty, start the jobs
// (in-process without REDIS_URL) and the web server, then print where to go and how to log in.
import { env, resetEnvCache } from "../env";
import { connectPglite, getConnection, setConnection, type DatabaseConnection } from "../db/client";
import { migrateConnection, migratePostgresUrl } from "../db/migrate";
import { seedDemoIfEmpty, DEMO_LOGINS } from "../demo";
import { startJobRuntime } from "../jobs/runtime";
import { startServer } from "../server";
import { demoIdpUsers, seedDemoSsoMappings } from "../db/seed/sso";
import type { LocalIdp } from "./demo-idp";

/** `npm run demo -- --sso` (or DEMO_SSO=1): also a local OpenID provider with the demo users. */
const withSso = process.argv.includes("--sso") || env().DEMO_SSO === "1";

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

async function main() {
  process.env.TZ = "UTC";
  const idp = withSso ? await startDemoIdp() : null;
  const connection = await migratedConnection();
  const seeded = await seedDemoIfEmpty(connection.db, (line) => console.log(`  ${line}`));
  console.log(seeded ? "Demo data generated." : "Existing data kept (the database was not empty).");
  if (idp) await seedDemoSsoMappings(connection.db);
  const jobs = await startJobRuntime(connection.db);
  const server = await startServer();
  console.log(`\nDashboard: ${server.url}   (ready in ${elapsed()}; jobs: ${jobs.mode})\n`);
  console.log("Demo logins (password for all: see below):");
  for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(10)} ${login.email.padEnd(34)} ${login.description}`);
  console.log(`  password: ${DEMO_LOGINS[0]?.password}\n`);
  if (idp) {
    console.log(`Single sign-on: "Log ind med ${env().OIDC_PROVIDER_NAME}" on the login page goes to a local OpenID provider (${idp.issuer}).`);
    console.log("  Type one of these user names there, with any password:");
    for (const u of demoIdpUsers()) console.log(`    ${u.sub.padEnd(20)} ${u.name}`);
    console.log("");
  }
  if (!env().REDIS_URL) console.log("REDIS_URL is unset: jobs run inside this process.");

  const shutdown = async () => {
    await server.close();
    await jobs.stop();
    await connection.close();
    await idp?.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

/**
 * Starts the local provider (oidc-provider, a dev dependency that `npm install` installs) next to
 * the app's port and points the app's OIDC settings at it, before anything reads the environment.
 */
async function startDemoIdp(): Promise<LocalIdp> {
  const { startLocalIdp } = await import("./demo-idp");
  const { PORT, HOST } = env();
  const appUrl = `http://${HOST === "0.0.0.0" ? "127.0.0.1" : HOST}:${PORT}`;
  let idp: LocalIdp;
  try {
    idp = await startLocalIdp(demoIdpUsers(), { port: PORT + 1 });
  } catch (error) {
    const missing = error instanceof Error && "code" in error && error.code === "ERR_MODULE_NOT_FOUND";
    if (missing) throw new Error("--sso needs the dev dependency oidc-provider: run npm install without --omit=dev");
    throw error;
  }
  await idp.register({ clientId: "belastning-demo", clientSecret: "demo-secret-not-for-production", redirectUri: `${appUrl}/auth/oidc/callback`, postLogoutRedirectUri: `${appUrl}/login` });
  Object.assign(process.env, {
    APP_URL: appUrl, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: "belastning-demo", OIDC_CLIENT_SECRET: "demo-secret-not-for-production",
    OIDC_PROVIDER_NAME: process.env.OIDC_PROVIDER_NAME ?? "demo-IdP",
  });
  resetEnvCache();
  return idp;
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
