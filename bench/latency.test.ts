import { describe, expect, it } from "vitest";
import { percentile, summarise } from "./latency";

describe("bench statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile([], 95)).toBe(0);
    expect(summarise([4, 1, 3, 2], 2, 1000)).toMatchObject({ requests: 4, p50Ms: 2, maxMs: 4, meanMs: 2.5, throughputPerS: 4 });
  });
});
