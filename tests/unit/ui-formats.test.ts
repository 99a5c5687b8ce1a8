// Survey rounds, ISO weeks and numbers as people read them, in Danish and English.
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ChangeValue } from "../../charts/SurveyValue";
import { formatIsoWeek, formatLimit, formatSurveyRound } from "../../app/lib/i18n";

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

describe("numbers on the pages", () => {
  it("show a threshold with the decimals it was set with", () => {
    expect(formatLimit("da", 25)).toBe("25");
    expect(formatLimit("da", 22.5)).toBe("22,5");
    expect(formatLimit("en", 31.75)).toBe("31.75");
  });
});

describe("survey change", () => {
  const shown = (change: number) => renderToStaticMarkup(createElement(ChangeValue, { change, higherIsBetter: true, lang: "da" }));
  it("rounds a change of exactly a quarter point away from zero both ways", () => {
    // −0.25 and +0.25 are exact halves at one decimal: −0,3 and +0,3 (Math.round gave −0,2).
    expect(shown(-0.25)).toContain("-0,3");
    expect(shown(0.25)).toContain("+0,3");
  });
});
