// The layer rules of docs/architecture.md, run in the suite: an import from a higher layer or an
// import circle fails here, naming the modules (the same check as `npm run check:layers`).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["domain", "env.ts", "db", "jobs", "import", "evidence", "connectors", "reports", "exports", "charts", "app", "server.ts", "server-cluster.ts", "request-guards.ts", "demo", "cli", "bench", "tests"];

interface CruiseResult {
  summary: { totalCruised: number; violations: { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] }[] };
}

describe("the layers", () => {
  it("have no upward import and no import circle", () => {
    const bin = path.resolve("node_modules/.bin/depcruise");
    const out = execFileSync(bin, [...ROOTS, "--config", ".dependency-cruiser.cjs", "--output-type", "json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const result = JSON.parse(out) as CruiseResult;
    // A wrong root or config would cruise nothing and pass: the tree has several hundred modules.
    expect(result.summary.totalCruised).toBeGreaterThan(400);
    const violations = result.summary.violations.map((v) =>
      v.cycle ? `${v.rule.name}: ${[v.from, ...v.cycle.map((c) => c.name)].join(" → ")}` : `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(violations).toEqual([]);
  }, 120_000);
});
