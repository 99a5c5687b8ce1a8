import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { serviceAddress, START_HINT, unreachableServices } from "./tests/helpers/reachability.ts";
import { filesNeedingServices, testFilesUnder } from "./tests/helpers/service-needs.ts";

const TEST_FOLDERS = ["tests", "jobs", "db", "bench"];

/**
 * Without Postgres or Redis the files that need them are left out, in one line that says what is
 * missing and how to start it. Where the services must be there (CI: .ci/run sets
 * TEST_REQUIRE_SERVICES=1) a missing one fails the run instead of shrinking it.
 */
async function filesLeftOut(): Promise<string[]> {
  const missing = await unreachableServices();
  if (missing.length === 0) return [];
  const what = missing.map((s) => {
    const { host, port } = serviceAddress(s);
    return `${s === "postgres" ? "PostgreSQL" : "Redis"} does not answer at ${host}:${port} (start it with: ${START_HINT[s]})`;
  }).join("; ");
  if (process.env.TEST_REQUIRE_SERVICES === "1") throw new Error(`${what}.`);
  const all = testFilesUnder(TEST_FOLDERS);
  const leftOut = filesNeedingServices(all);
  console.warn(`${what}: left out the ${leftOut.length} test files that need it, running the other ${all.length - leftOut.length}.`);
  return leftOut;
}

export default defineConfig(async () => ({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx", "jobs/**/*.test.ts", "db/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(await filesLeftOut())],
    environment: "node",
    // Migrates the template database each integration file clones (tests/global-setup.ts).
    globalSetup: ["tests/global-setup.ts"],
    // Each integration file makes its own database, so files may run in parallel on 2 cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { TZ: "UTC" },
  },
}));
