// One team turns amber in the last complete week: a batch of notifications of concern
// (underretninger) arrives after an incident at a local school and waits for allocation. The batch
// is sized from the team's own figures on that week's Sunday, so the team reads green the week
// before and is over on cases per FTE this week, whatever the seed: the demo always has a team
// that has just turned, besides the teams that have been red for weeks.
import { addDays, lastCompleteWeek, weekSnapshot } from "../../domain/calendar";
import type { DemoCasePeriod } from "./cases";
import type { DemoEmployment } from "./workforce";
import type { Random } from "./random";

/** The threshold the batch lifts the team over (METRICS.md's default cases per FTE), with a margin. */
const OVER_CASES_PER_FTE = 25;
const MARGIN = 1.5;

function openOn(cases: DemoCasePeriod[], team: string, day: string): number {
  return cases.filter((p) => p.unitCode === team && p.start <= day && (p.end === null || p.end >= day)).length;
}

function caseFteOn(employments: DemoEmployment[], team: string, day: string): number {
  return employments
    .filter((e) => e.unitCode === team && (e.role === "caseworker" || e.role === "specialist") && e.start <= day && (e.end === null || e.end >= day))
    .reduce((sum, e) => sum + e.fte, 0);
}

/** The new case periods (on the story's calendar) for `team`, numbered after the last case id. */
export function intakeSurge(
  cases: DemoCasePeriod[], employments: DemoEmployment[], team: string, storyToday: string, random: Random,
): DemoCasePeriod[] {
  const week = lastCompleteWeek(storyToday);
  const sunday = weekSnapshot(week);
  const fte = caseFteOn(employments, team, sunday);
  if (fte === 0) return [];
  const needed = Math.ceil((OVER_CASES_PER_FTE + MARGIN) * fte) - openOn(cases, team, sunday);
  if (needed <= 0) return [];
  let sequence = cases.reduce((max, p) => Math.max(max, Number(p.caseId.slice(4))), 0);
  return Array.from({ length: needed }, () => ({
    caseId: `SAG-${String(++sequence).padStart(6, "0")}`,
    start: addDays(week, random.int(0, 4)),
    end: null,
    unitCode: team,
    caseworkerId: null,
    caseType: "underretning",
    complexity: 1,
    flags: [],
  }));
}
