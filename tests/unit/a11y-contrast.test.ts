// Colour contrast of the status pills (text on their background, 4.5:1) and of the chart colours
// (graphics on the white plot area, 3:1), read from the stylesheet and the palette themselves.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contrastRatio } from "../../app/lib/contrast";
import { CHART_BACKGROUND, CHART_COLOURS } from "../../charts/palette";

const css = fs.readFileSync(path.resolve("app/styles/app.css"), "utf8");
const variable = (name: string) => {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css);
  if (!match) throw new Error(`--${name} not found in app.css`);
  return match[1];
};

describe("contrast", () => {
  it("computes the WCAG ratio: black on white is 21:1, a colour on itself 1:1", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#2e7d32", "#2e7d32")).toBe(1);
    // The green pill that failed axe: 4.41:1.
    expect(contrastRatio("#2e7d32", "#e3f2e4")).toBeCloseTo(4.42, 2);
  });

  it.each(["green", "amber", "red"])("gives the %s status pill at least 4.5:1", (status) => {
    expect(contrastRatio(variable(status), variable(`${status}-bg`))).toBeGreaterThanOrEqual(4.5);
    // The same colour as text on a white card.
    expect(contrastRatio(variable(status), "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });

  it("gives muted text at least 4.5:1 on the page and on cards", () => {
    expect(contrastRatio(variable("muted"), variable("bg"))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(variable("muted"), "#eceff3")).toBeGreaterThanOrEqual(4.5);
  });

  it.each(["primary", "secondary", "comparison", "threshold"] as const)("draws the %s chart series at least 3:1 against the plot area", (key) => {
    expect(contrastRatio(CHART_COLOURS[key], CHART_BACKGROUND)).toBeGreaterThanOrEqual(3);
  });
});
