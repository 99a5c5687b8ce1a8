import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx", "jobs/**/*.test.ts", "db/**/*.test.ts", "bench/**/*.test.ts"],
    environment: "node",
    // Migrates the template database each integration file clones (tests/global-setup.ts).
    globalSetup: ["tests/global-setup.ts"],
    // Each integration file makes its own database, so files may run in parallel on 2 cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { TZ: "UTC" },
  },
});
