// The demo world in the shape of the data contract: string rows keyed by the contract's column
// names, exactly as the CSV reader hands them to the importer ('' for empty, dates 'YYYY-MM-DD',
// flags 'a|b'), so the demo goes through the same import code as real files.
import { Random } from "./random";
import { buildOrganisation, AT_CLUSTER_CODE, DOEGN_CODE, OTHER_CLUSTER_CODE, type DemoUnit, type Scale } from "./organisation";
import { generateWorkforce, type DemoEmployee, type DemoEmployment } from "./workforce";
import { generateCompetences } from "./competences";
import { generateCases } from "./cases";
import { fallRound, generateSurveys, surveyRounds, type SurveyRound } from "./surveys";
import { buildPlanSpecs, shiftPlanSpecs, type PlanSpec } from "./plan-specs";
import { intakeSurge } from "./intake-surge";
import { storyClock, type StoryClock } from "./story-clock";

export type ContractRow = Record<string, string>;

export interface DemoOptions {
  seed?: string;
  scale?: Scale;
  today: string;
}

export interface DemoData {
  today: string;
  scale: Scale;
  /** How the story's dates map onto the demo's (story-clock.ts). */
  clock: StoryClock;
  /** The survey rounds in the demo, oldest first. */
  surveyRounds: SurveyRound[];
  /** The action plans, on the demo's calendar. */
  plans: PlanSpec[];
  units: DemoUnit[];
  employees: DemoEmployee[];
  employments: DemoEmployment[];
  /** Rows per import kind, in import order. */
  rows: {
    units: ContractRow[];
    employments: ContractRow[];
    competences: ContractRow[];
    "case-periods": ContractRow[];
    "survey-results": ContractRow[];
  };
  /** People the demo users are: today's manager of a team in the AT cluster and the other cluster's leader. */
  roster: {
    atTeamCode: string;
    atTeamManager: DemoEmployee | null;
    otherClusterCode: string;
    otherClusterLeader: DemoEmployee | null;
    /** Named owners of action items who are not demo users. */
    atClusterLeader: DemoEmployee | null;
    doegnHead: DemoEmployee | null;
  };
}

export const DEFAULT_SEED = "relationel-velfaerd";

const opt = (value: string | null | undefined) => value ?? "";

/**
 * The world is built on the story's calendar (as of the story day nearest today, story-clock.ts)
 * and every date is then moved onto the demo's: the rows, the people's employments and the plans.
 */
export function generateDemo(options: DemoOptions): DemoData {
  const scale = options.scale ?? "full";
  const root = new Random(`${options.seed ?? DEFAULT_SEED}/${scale}`);
  const today = options.today;
  const clock = storyClock(today);
  const storyToday = clock.storyToday;
  const storyUnits = buildOrganisation(scale);
  const workforce = generateWorkforce(storyUnits, storyToday, root.fork("workforce"));
  const competences = generateCompetences(storyUnits, workforce.employments, root.fork("competences"));
  const history = generateCases(storyUnits, workforce.fullHistory, competences, storyToday, root.fork("cases"));
  const surgeTeam = `${OTHER_CLUSTER_CODE}-T1`;
  const cases = [...history, ...intakeSurge(history, workforce.employments, surgeTeam, storyToday, root.fork("surge"))];
  const rounds = surveyRounds(clock);
  const surveys = generateSurveys(storyUnits, workforce.employments, rounds, root.fork("surveys"));
  const nameOf = new Map(workforce.employees.map((e) => [e.id, e.name]));
  const employee = (id: string | null | undefined) => (id ? { id, name: nameOf.get(id)! } : null);
  const atTeamCode = `${AT_CLUSTER_CODE}-T1`;
  const units = storyUnits.map((u) => ({ ...u, rolloutDate: u.rolloutDate === null ? null : clock.monthOf(u.rolloutDate) }));
  const employments = workforce.employments.map((e) => ({ ...e, start: clock.day(e.start), end: clock.dayOrNull(e.end) }));
  const roster = {
    atTeamCode,
    atTeamManager: employee(workforce.currentManagers.get(atTeamCode)),
    otherClusterCode: OTHER_CLUSTER_CODE,
    otherClusterLeader: employee(workforce.currentManagers.get(OTHER_CLUSTER_CODE)),
    atClusterLeader: employee(workforce.currentManagers.get(AT_CLUSTER_CODE)),
    doegnHead: employee(workforce.currentManagers.get(DOEGN_CODE)),
  };
  const fall = fallRound(rounds);
  const plans = shiftPlanSpecs(buildPlanSpecs(storyToday, {
    atClusterLeader: roster.atClusterLeader?.name ?? "Klyngeleder, Klynge Vest",
    doegnHead: roster.doegnHead?.name ?? "Afdelingsleder, Døgnafdelingen",
  }), clock, fall);

  return {
    today,
    scale,
    clock,
    surveyRounds: rounds,
    plans,
    units,
    employees: workforce.employees,
    employments,
    rows: {
      units: units.map((u) => ({
        unit_code: u.code, name: u.name, parent_code: opt(u.parentCode), kind: u.kind,
        district: opt(u.district), rollout_date: opt(u.rolloutDate),
      })),
      employments: employments.map((e) => ({
        employee_id: e.employeeId, display_name: nameOf.get(e.employeeId)!, unit_code: e.unitCode, role: e.role,
        is_manager: e.isManager ? "true" : "false", fte: String(e.fte), start_date: e.start,
        end_date: opt(e.end), end_reason: opt(e.endReason),
      })),
      competences: competences.map((c) => ({ employee_id: c.employeeId, case_type: c.caseType, valid_from: opt(clock.dayOrNull(c.validFrom)) })),
      "case-periods": cases.map((p) => ({
        case_id: p.caseId, period_start: clock.day(p.start), period_end: opt(clock.dayOrNull(p.end)), unit_code: p.unitCode,
        caseworker_id: opt(p.caseworkerId), case_type: p.caseType, complexity: String(p.complexity),
        emotional_flags: p.flags.join("|"),
      })),
      "survey-results": surveys.map((s) => ({
        survey_round: s.round, closed_on: s.closedOn, unit_code: s.unitCode, dimension: s.dimension,
        score: String(s.score), respondents: String(s.respondents), invited: String(s.invited),
      })),
    },
    roster,
  };
}
