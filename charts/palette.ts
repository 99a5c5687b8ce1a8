// The colours of every chart, in one place, chosen for WCAG 2.1 AA: each line, bar and threshold
// is at least 3:1 against the white plot area (1.4.11 non-text contrast), and no two series rely
// on hue alone: the comparison series is grey and the threshold is dashed, so readers with red-green
// colour blindness tell them apart (1.4.1 use of colour). tests/unit/a11y-contrast.test.ts checks it.
export const CHART_COLOURS = {
  /** The unit's own series. */
  primary: "#1f5f99",
  /** A second series of the same unit (e.g. manager turnover), always dashed as well. */
  secondary: "#8a4b08",
  /** The organisation or another comparison: grey, never a second hue. */
  comparison: "#5b6575",
  /** The threshold line: dashed red. */
  threshold: "#b3261e",
  /** Grid lines are decoration, not information: they may be light. */
  grid: "#d9dee6",
} as const;

export const CHART_BACKGROUND = "#ffffff";

/** Dash patterns that carry the distinction colour alone must not. */
export const CHART_DASHES = { secondary: "4 3", threshold: "6 4", grid: "3 3" } as const;
