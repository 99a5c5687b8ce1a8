import { describe, expect, it } from "vitest";
import {
  addMonths, isoWeekLabel, isoWeekday, monthEnd, rolling12Months, weekSnapshot, weekStart, weekStartFromLabel, weeksBetween,
} from "../../domain/calendar";

describe("calendar", () => {
  it("knows ISO weekdays and week starts", () => {
    expect(isoWeekday("2024-02-12")).toBe(1); // a Monday
    expect(isoWeekday("2024-02-18")).toBe(7);
    expect(weekStart("2024-02-18")).toBe("2024-02-12");
    expect(weekSnapshot("2024-02-12")).toBe("2024-02-18");
  });
  it("labels ISO weeks across year ends", () => {
    expect(isoWeekLabel("2024-02-12")).toBe("2024-W07");
    expect(isoWeekLabel("2021-01-03")).toBe("2020-W53");
    expect(isoWeekLabel("2024-12-30")).toBe("2025-W01");
    expect(weekStartFromLabel("2025-W01")).toBe("2024-12-30");
    expect(weekStartFromLabel("2020-W53")).toBe("2020-12-28");
  });
  it("lists the weeks overlapping a range", () => {
    expect(weeksBetween("2024-02-14", "2024-02-26")).toEqual(["2024-02-12", "2024-02-19", "2024-02-26"]);
  });
  it("does month arithmetic", () => {
    expect(monthEnd("2024-02-10")).toBe("2024-02-29");
    expect(addMonths("2024-11-15", 2)).toBe("2025-01-01");
    expect(addMonths("2024-01-15", -1)).toBe("2023-12-01");
    expect(rolling12Months("2024-12-01")).toEqual({ from: "2024-01-01", to: "2024-12-31" });
  });
});
