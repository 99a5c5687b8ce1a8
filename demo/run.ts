// `npm run db:seed [-- --small] [--seed TEXT]`: migrate, then seed the demo into an empty database.
// It never deletes anything: to start over, drop the database (or point PGLITE_DIR elsewhere).
import { parseArgs } from "node:util";
import { getConnection, closeDb } from "../db/client";
import { migrateFromEnv } from "../db/migrate";
import { isEmpty } from "./load";
import { demoScaleFromEnv, seedDemo, DEMO_LOGINS } from "./index";

async function main() {
  process.env.TZ = "UTC";
  const { values } = parseArgs({
    options: { small: { type: "boolean", default: false }, seed: { type: "string" } },
  });
  const where = await migrateFromEnv();
  const db = getConnection().db;
  if (!(await isEmpty(db))) {
    console.error(`The database (${where}) already holds an organisation; the demo seed only fills an empty database. Drop it (or use another PGLITE_DIR / DATABASE_URL) and run again.`);
    process.exitCode = 1;
    return;
  }
  await seedDemo(db, (line) => console.log(line), { scale: values.small ? "small" : demoScaleFromEnv(), seed: values.seed });
  console.log(`\nDemo logins (password ${DEMO_LOGINS[0]!.password}):`);
  for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(34)} ${login.description}`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  })
  .finally(() => closeDb());
