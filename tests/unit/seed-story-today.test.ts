// The demo lives in today: the story is told as of the story day nearest the demo's today and every
// date moves with it (APP_TODAY moves the whole story), so deadlines lie ahead, items fall due this
// week, and one team has just turned amber whatever day the demo starts.
import { describe, expect, it } from "vitest";
import { generateDemo } from "../../db/seed/generate";
import { itemStateOn } from "../../db/seed/plan-specs";
import { STORY_DAY, shiftDanishDates, storyClock, storyShift } from "../../db/seed/story-clock";
import { addDays, diffDays, lastCompleteWeek, weekSnapshot } from "../../domain/calendar";
import { OTHER_CLUSTER_CODE } from "../../db/seed/organisation";

const TODAY = "2026-12-02";
const demo = generateDemo({ scale: "small", today: TODAY });

describe("story clock", () => {
  it("shifts by whole weeks, to the story day nearest today", () => {
    expect(storyShift(STORY_DAY)).toBe(0);
    expect(storyShift("2026-12-02")).toBe(434);
    expect(storyShift(addDays(STORY_DAY, 3))).toBe(0);
    expect(storyShift(addDays(STORY_DAY, 4))).toBe(7);
    expect(storyClock("2026-12-02").storyToday).toBe("2025-09-24");
  });

  it("moves Danish short dates in story texts", () => {
    expect(shiftDanishDates("sendt 10.10.25; orienteret 09.10.25", storyClock(addDays(STORY_DAY, 7)))).toBe("sendt 17.10.25; orienteret 16.10.25");
  });
});

describe("the demo relative to today", () => {
  const items = demo.plans.flatMap((p) => p.focusPoints.flatMap((f) => f.items.map((i) => ({ plan: p, item: i, state: itemStateOn(i, TODAY) }))));
  const open = items.filter((i) => i.state.status === "planned" || i.state.status === "in_progress");

  it("puts both AT deadlines ahead, one of them within a month", () => {
    const deadlines = demo.plans.flatMap((p) => (p.source.kind === "at_decision" ? [p.source.deadline] : []));
    expect(deadlines).toHaveLength(2);
    for (const d of deadlines) expect(d > TODAY).toBe(true);
    expect(deadlines.filter((d) => diffDays(TODAY, d) <= 31)).toHaveLength(1);
    expect(demo.plans.every((p) => p.source.kind !== "at_decision" || p.source.reference.startsWith(`AT-${p.source.decision.slice(0, 4)}-`))).toBe(true);
  });

  it("has items due this week, one a few days overdue and one over a week overdue (escalated)", () => {
    expect(open.filter((i) => i.item.due >= TODAY && diffDays(TODAY, i.item.due) <= 6).length).toBeGreaterThan(0);
    const late = open.map((i) => diffDays(i.item.due, TODAY)).filter((d) => d > 0);
    expect(late.filter((d) => d < 7)).toHaveLength(1);
    expect(late.filter((d) => d >= 7)).toHaveLength(1);
  });

  it("gives the demo manager (Team Hasle) open items", () => {
    expect(open.filter((i) => "user" in i.item.owner && i.item.owner.user === "atManager").length).toBeGreaterThanOrEqual(2);
  });

  it("names the survey plans after the round with the fall, made after it closed", () => {
    const survey = demo.plans.filter((p) => p.source.kind === "survey");
    expect(survey.map((p) => p.title)).toEqual([
      "Handleplan efter trivselsmålingen efterår 2025 – Familiecentret", "Handleplan efter trivselsmålingen efterår 2025 – Ungecentret",
    ]);
    const fall = demo.surveyRounds.find((r) => r.key === "2025-efteraar")!;
    for (const p of survey) if (p.source.kind === "survey") expect(p.source.createdOn > fall.closedOn).toBe(true);
  });

  it("turns one team of Klynge Nord over on cases per FTE in the last complete week, not the week before", () => {
    const team = `${OTHER_CLUSTER_CODE}-T1`;
    const perFte = (day: string) => {
      const open = demo.rows["case-periods"].filter((p) => p.unit_code === team && p.period_start! <= day && (p.period_end === "" || p.period_end! >= day)).length;
      const fte = demo.employments.filter((e) => e.unitCode === team && (e.role === "caseworker" || e.role === "specialist") && e.start <= day && (e.end === null || e.end >= day))
        .reduce((s, e) => s + e.fte, 0);
      return open / fte;
    };
    const sunday = weekSnapshot(lastCompleteWeek(TODAY));
    expect(perFte(sunday)).toBeGreaterThan(25);
    expect(perFte(addDays(sunday, -7))).toBeLessThanOrEqual(25);
  });

  it("moves every date with today: a week later, the same rows a week later", () => {
    const later = generateDemo({ scale: "small", today: addDays(TODAY, 7) });
    const week = (d: string) => (d === "" ? "" : addDays(d, 7));
    expect(later.rows["case-periods"].slice(0, 500)).toEqual(
      demo.rows["case-periods"].slice(0, 500).map((p) => ({ ...p, period_start: week(p.period_start!), period_end: week(p.period_end!) })),
    );
    expect(later.rows.employments.length).toBe(demo.rows.employments.length);
    expect(later.plans.map((p) => p.source.kind === "at_decision" ? p.source.deadline : null)).toEqual(
      demo.plans.map((p) => p.source.kind === "at_decision" ? week(p.source.deadline) : null),
    );
  });
});
