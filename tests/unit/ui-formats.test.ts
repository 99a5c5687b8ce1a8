// Survey rounds and ISO weeks as people read them, in Danish and English.
import { describe, expect, it } from "vitest";
import { formatIsoWeek, formatSurveyRound } from "../../app/lib/i18n";

describe("survey round", () => {
  it("reads a vendor's season key as the season and year", () => {
    expect(formatSurveyRound("da", "2024-efteraar")).toBe("Efterår 2024");
    expect(formatSurveyRound("da", "2023-foraar")).toBe("Forår 2023");
    expect(formatSurveyRound("en", "2024-efteraar")).toBe("Autumn 2024");
    expect(formatSurveyRound("en", "2025-Forår")).toBe("Spring 2025");
  });

  it("shows any other key exactly as imported", () => {
    expect(formatSurveyRound("da", "APV 2025")).toBe("APV 2025");
    expect(formatSurveyRound("en", "2024-efteraar-ekstra")).toBe("2024-efteraar-ekstra");
  });
});

describe("ISO week", () => {
  it("gives the week number without a leading zero, then the year", () => {
    expect(formatIsoWeek("2026-W07")).toBe("7, 2026");
    expect(formatIsoWeek("2026-W47")).toBe("47, 2026");
    expect(formatIsoWeek("uge 7")).toBe("uge 7");
  });
});
