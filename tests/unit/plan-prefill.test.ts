// The wording of a new plan opened from the risk radar or a survey result (app/lib/plan-prefill.ts).
import { describe, expect, it } from "vitest";
import { riskSignalPrefill, surveyPrefill, type ScoreForPrefill } from "../../app/lib/plan-prefill";
import { formatDate } from "../../domain/format";
import { SIGNAL_THEMES } from "../../domain/plan-labels";

const signals = [
  { signal: "unclear_demands", asOfWeek: "2025-03-03", evidence: [{ kind: "weeks_with_mismatch", weeks: 3, of: 4 }] },
  { signal: "turnover", asOfWeek: "2025-03-03", evidence: [] },
];

const scores: ScoreForPrefill[] = [
  { dimension: "clarity", labelDa: "Rolleklarhed", labelEn: "Role clarity", higherIsBetter: true, atTheme: "roles", score: 62.25, respondents: 12 },
  { dimension: "pace", labelDa: "Arbejdstempo", labelEn: "Work pace", higherIsBetter: false, atTheme: "workload", score: 71, respondents: 9 },
];

describe("a plan from risk signals", () => {
  it("names the signals and the unit, lists each signal's evidence and takes their AT themes (Danish)", () => {
    const p = riskSignalPrefill("da", "Team A1", signals, {});
    expect(p.title).toBe("Uklare og modstridende krav og Personaleomsætning: Team A1");
    expect(p.description).toBe([
      `Signal fra risikoradaren for ugen fra ${formatDate("da", "2025-03-03")}: Uklare og modstridende krav.`,
      "– Sager hos medarbejdere uden den nødvendige kompetence i 3 af 4 uger.",
      "",
      `Signal fra risikoradaren for ugen fra ${formatDate("da", "2025-03-03")}: Personaleomsætning.`,
    ].join("\n"));
    expect(p.atThemes).toEqual([...new Set([...(SIGNAL_THEMES.unclear_demands ?? []), ...(SIGNAL_THEMES.turnover ?? [])])]);
  });

  it("has English wording", () => {
    const p = riskSignalPrefill("en", "Team A1", signals.slice(1), {});
    expect(p.title).toBe("Staff turnover: Team A1");
    expect(p.description).toMatch(/^Signal from the risk radar for the week from .+: Staff turnover\.$/);
  });
});

describe("a plan from a survey result", () => {
  it("lists every shown dimension with its score, direction and responses (Danish)", () => {
    const p = surveyPrefill("da", "Team A1", "2025-1", scores);
    expect(p.title).toBe("Trivselsmåling 2025-1: Team A1");
    expect(p.description).toBe([
      "Resultater fra trivselsmålingen 2025-1 (kun grupper med mindst 5 besvarelser vises):",
      "– Rolleklarhed: 62,3 (højere er bedre, 12 besvarelser)",
      "– Arbejdstempo: 71,0 (lavere er bedre, 9 besvarelser)",
    ].join("\n"));
    expect(p.atThemes).toEqual(["roles", "workload"]);
  });

  it("leads with the chosen dimension and takes only its theme", () => {
    const p = surveyPrefill("da", "Team A1", "2025-1", scores, "pace");
    expect(p.title).toBe("Trivselsmåling 2025-1, arbejdstempo: Team A1");
    expect(p.description.split("\n")[1]).toBe("– Arbejdstempo: 71,0 (lavere er bedre, 9 besvarelser)");
    expect(p.atThemes).toEqual(["workload"]);
  });

  it("says so when no group may be shown, in either language", () => {
    expect(surveyPrefill("da", "Team A1", "2025-1", []).description).toBe("Trivselsmålingen 2025-1: ingen resultater kan vises for enheden (for få besvarelser).");
    const en = surveyPrefill("en", "Team A1", "2025-1", scores, "clarity");
    expect(en.title).toBe("Wellbeing survey 2025-1, role clarity: Team A1");
    expect(en.description.split("\n")[1]).toBe("– Role clarity: 62.3 (higher is better, 12 responses)");
  });
});
