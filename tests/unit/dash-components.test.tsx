// Status and survey figures read the same everywhere: never colour alone, never a hidden number.
import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { StatusBadge } from "../../charts/StatusBadge";
import { ChangeValue, SurveyValue } from "../../charts/SurveyValue";

describe("status badge", () => {
  it("shows an icon and a word, not only a colour", () => {
    const html = renderToStaticMarkup(<StatusBadge status="red" lang="da" />);
    expect(html).toContain("■");
    expect(html).toContain("Rød");
    expect(html).toContain("status-red");
  });

  it("keeps the word for screen readers when compact", () => {
    const html = renderToStaticMarkup(<StatusBadge status="amber" lang="en" compact />);
    expect(html).toMatch(/<span class="visually-hidden">Amber<\/span>/);
    expect(renderToStaticMarkup(<StatusBadge status={null} lang="da" />)).toContain("Ingen data");
  });
});

describe("survey value", () => {
  it("says 'færre end 5 svar' for a small group and prints no number", () => {
    const html = renderToStaticMarkup(<SurveyValue cell={{ score: null, hidden: "too_few" }} lang="da" />);
    expect(html).toContain("færre end 5 svar");
    // The only digit is the 5 of the sentence itself.
    expect(html.replace("5 svar", "")).not.toMatch(/\d/);
  });

  it("prints a shown score in Danish format and a change with its direction in words", () => {
    expect(renderToStaticMarkup(<SurveyValue cell={{ score: 62.5, hidden: null }} lang="da" />)).toBe("62,5");
    // An organisation that raised the minimum to 7 says so.
    expect(renderToStaticMarkup(<SurveyValue cell={{ score: null, hidden: "too_few" }} lang="en" minimum={7} />)).toContain("fewer than 7 responses");
    const worse = renderToStaticMarkup(<ChangeValue change={-7.5} higherIsBetter lang="da" />);
    expect(worse).toContain("-7,5");
    expect(worse).toContain("dårligere");
    expect(renderToStaticMarkup(<ChangeValue change={-3} higherIsBetter={false} lang="en" />)).toContain("better");
    expect(renderToStaticMarkup(<ChangeValue change={null} higherIsBetter lang="da" />)).toContain("–");
  });
});
