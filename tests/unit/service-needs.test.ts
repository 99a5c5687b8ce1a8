// The files `npm test` leaves out when Postgres or Redis does not answer (vitest.config.ts).
import { describe, expect, it } from "vitest";
import { filesNeedingServices, testFilesUnder } from "../helpers/service-needs";

describe("test files needing Postgres or Redis", () => {
  it("are those reaching tests/helpers/services.ts, directly or through the e2e harness and fixtures", () => {
    const files = [
      "tests/unit/env.test.ts",
      "tests/integration/plans-pglite.test.ts",
      "tests/integration/jobs-runtime.test.ts",
      "tests/e2e/a11y-sweep.test.ts",
    ];
    expect(filesNeedingServices(files)).toEqual(["tests/integration/jobs-runtime.test.ts", "tests/e2e/a11y-sweep.test.ts"]);
  });

  it("leave every unit test in and take out most integration files", () => {
    const all = testFilesUnder(["tests"]);
    const leftOut = new Set(filesNeedingServices(all));
    expect(all.filter((f) => f.startsWith("tests/unit/") && leftOut.has(f))).toEqual([]);
    expect(all.filter((f) => f.startsWith("tests/integration/") && leftOut.has(f)).length).toBeGreaterThan(30);
  });
});
