// Where a unit's threshold comes from: its own value, the nearest ancestor that sets it, or the default.
import { describe, expect, it } from "vitest";
import { thresholdRows } from "../../domain/thresholds";

describe("thresholdRows", () => {
  const path = [
    { id: 3, name: "Team A", own: { casesPerFte: null, emotionalSharePct: 35 } },
    { id: 2, name: "Klynge Nord", own: { casesPerFte: 20 } },
    { id: 1, name: "Kommunen", own: { casesPerFte: 30, turnover12mPct: 18 } },
  ];
  const rows = Object.fromEntries(thresholdRows(path).map((r) => [r.key, r]));

  it("takes the nearest ancestor that sets a value, and says which", () => {
    expect(rows.casesPerFte).toMatchObject({ own: null, effective: 20, source: { kind: "inherited", unitId: 2, unitName: "Klynge Nord" } });
    expect(rows.turnover12mPct).toMatchObject({ effective: 18, source: { kind: "inherited", unitName: "Kommunen" } });
  });

  it("prefers the unit's own value, and still tells what it would inherit without it", () => {
    expect(rows.emotionalSharePct).toMatchObject({ own: 35, effective: 35, source: { kind: "own" }, inherited: 40, inheritedFrom: { kind: "default" } });
  });

  it("falls back to METRICS.md's defaults when nobody sets it", () => {
    expect(rows.weightedLoad).toMatchObject({ own: null, effective: 32, source: { kind: "default" } });
  });
});
