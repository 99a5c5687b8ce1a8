// The periods of the turnover page's picker, as inclusive dates.
import { describe, expect, it } from "vitest";
import { periodDefaults, resolvePeriod } from "../../domain/turnover-period";
import { splitPeriod } from "../../db/presenters/turnover";

describe("period picker", () => {
  const today = "2025-04-10";

  it("defaults to the current year so far and, for rolling, the last complete month", () => {
    expect(periodDefaults(today)).toEqual({ year: 2025, month: "2025-03" });
    expect(resolvePeriod({ kind: "year" }, today)).toEqual({ kind: "year", from: "2025-01-01", to: "2025-04-10" });
    expect(resolvePeriod({ kind: "year", year: 2024 }, today)).toEqual({ kind: "year", from: "2024-01-01", to: "2024-12-31" });
    // A quarter still running ends today; one not begun keeps its dates.
    expect(resolvePeriod({ kind: "quarter", year: 2025, quarter: 2 }, today)).toEqual({ kind: "quarter", from: "2025-04-01", to: "2025-04-10" });
    expect(resolvePeriod({ kind: "quarter", year: 2025, quarter: 3 }, today)).toEqual({ kind: "quarter", from: "2025-07-01", to: "2025-09-30" });
    // Rolling 12 months ending March 2025: 1 Apr 2024 – 31 Mar 2025.
    expect(resolvePeriod({ kind: "rolling" }, today)).toEqual({ kind: "rolling", from: "2024-04-01", to: "2025-03-31" });
  });

  it("gives halves and quarters their calendar dates", () => {
    expect(resolvePeriod({ kind: "half", year: 2024, half: 2 }, today)).toEqual({ kind: "half", from: "2024-07-01", to: "2024-12-31" });
    expect(resolvePeriod({ kind: "quarter", year: 2024, quarter: 1 }, today)).toEqual({ kind: "quarter", from: "2024-01-01", to: "2024-03-31" });
    expect(resolvePeriod({ kind: "quarter", year: 2023, quarter: 4 }, today)).toEqual({ kind: "quarter", from: "2023-10-01", to: "2023-12-31" });
  });

  it("takes any from–to and refuses impossible ones", () => {
    expect(resolvePeriod({ kind: "custom", from: "2024-02-10", to: "2024-05-03" }, today)).toEqual({ kind: "custom", from: "2024-02-10", to: "2024-05-03" });
    expect(resolvePeriod({ kind: "custom", from: "2024-05-03", to: "2024-02-10" }, today)).toEqual({ error: "order" });
    expect(resolvePeriod({ kind: "custom", from: "2024-02-30", to: "2024-05-03" }, today)).toEqual({ error: "from" });
    expect(resolvePeriod({ kind: "quarter", quarter: 5 }, today)).toEqual({ error: "quarter" });
    expect(resolvePeriod({ kind: "rolling", month: "2024-13" }, today)).toEqual({ error: "month" });
  });
});

describe("splitting a period for the rollups", () => {
  it("a calendar year is twelve whole months", () => {
    expect(splitPeriod("2024-01-01", "2024-12-31")).toEqual({ wholeMonths: { first: "2024-01-01", last: "2024-12-01" }, pieces: [] });
  });

  it("cut edge months become pieces inside their month", () => {
    expect(splitPeriod("2023-03-15", "2023-05-10")).toEqual({
      wholeMonths: { first: "2023-04-01", last: "2023-04-01" },
      pieces: [{ month: "2023-03-01", from: "2023-03-15", to: "2023-03-31" }, { month: "2023-05-01", from: "2023-05-01", to: "2023-05-10" }],
    });
  });

  it("two cut months with no whole month between are one piece counted from the first month's opening", () => {
    // Opening headcount on 1 Dec plus every step after it gives headcount(d) for any later d.
    expect(splitPeriod("2021-12-20", "2022-01-10")).toEqual({
      wholeMonths: null,
      pieces: [{ month: "2021-12-01", from: "2021-12-20", to: "2022-01-10" }],
    });
  });

  it("a period inside one month is one piece", () => {
    expect(splitPeriod("2023-06-07", "2023-06-21")).toEqual({ wholeMonths: null, pieces: [{ month: "2023-06-01", from: "2023-06-07", to: "2023-06-21" }] });
  });
});
