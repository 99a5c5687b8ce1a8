// The demo world in the shape of the data contract: string rows keyed by the contract's column
// names, exactly as the CSV reader hands them to the importer ('' for empty, dates 'YYYY-MM-DD',
// flags 'a|b'), so the demo goes through the same import code as real files.
import { Random } from "./random";
import { buildOrganisation, AT_CLUSTER_CODE, DOEGN_CODE, OTHER_CLUSTER_CODE, type DemoUnit, type Scale } from "./organisation";
import { generateWorkforce, type DemoEmployee, type DemoEmployment } from "./workforce";
import { generateCompetences } from "./competences";
import { generateCases } from "./cases";
import { generateSurveys } from "./surveys";

export type ContractRow = Record<string, string>;

export interface DemoOptions {
  seed?: string;
  scale?: Scale;
  today: string;
}

export interface DemoData {
  today: string;
  scale: Scale;
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

export function generateDemo(options: DemoOptions): DemoData {
  const scale = options.scale ?? "full";
  const root = new Random(`${options.seed ?? DEFAULT_SEED}/${scale}`);
  const today = options.today;
  const units = buildOrganisation(scale);
  const workforce = generateWorkforce(units, today, root.fork("workforce"));
  const competences = generateCompetences(units, workforce.employments, root.fork("competences"));
  const cases = generateCases(units, workforce.fullHistory, competences, today, root.fork("cases"));
  const surveys = generateSurveys(units, workforce.employments, today, root.fork("surveys"));
  const nameOf = new Map(workforce.employees.map((e) => [e.id, e.name]));
  const employee = (id: string | null | undefined) => (id ? { id, name: nameOf.get(id)! } : null);
  const atTeamCode = `${AT_CLUSTER_CODE}-T1`;

  return {
    today,
    scale,
    units,
    employees: workforce.employees,
    employments: workforce.employments,
    rows: {
      units: units.map((u) => ({
        unit_code: u.code, name: u.name, parent_code: opt(u.parentCode), kind: u.kind,
        district: opt(u.district), rollout_date: opt(u.rolloutDate),
      })),
      employments: workforce.employments.map((e) => ({
        employee_id: e.employeeId, display_name: nameOf.get(e.employeeId)!, unit_code: e.unitCode, role: e.role,
        is_manager: e.isManager ? "true" : "false", fte: String(e.fte), start_date: e.start,
        end_date: opt(e.end), end_reason: opt(e.endReason),
      })),
      competences: competences.map((c) => ({ employee_id: c.employeeId, case_type: c.caseType, valid_from: opt(c.validFrom) })),
      "case-periods": cases.map((p) => ({
        case_id: p.caseId, period_start: p.start, period_end: opt(p.end), unit_code: p.unitCode,
        caseworker_id: opt(p.caseworkerId), case_type: p.caseType, complexity: String(p.complexity),
        emotional_flags: p.flags.join("|"),
      })),
      "survey-results": surveys.map((s) => ({
        survey_round: s.round, closed_on: s.closedOn, unit_code: s.unitCode, dimension: s.dimension,
        score: String(s.score), respondents: String(s.respondents), invited: String(s.invited),
      })),
    },
    roster: {
      atTeamCode,
      atTeamManager: employee(workforce.currentManagers.get(atTeamCode)),
      otherClusterCode: OTHER_CLUSTER_CODE,
      otherClusterLeader: employee(workforce.currentManagers.get(OTHER_CLUSTER_CODE)),
      atClusterLeader: employee(workforce.currentManagers.get(AT_CLUSTER_CODE)),
      doegnHead: employee(workforce.currentManagers.get(DOEGN_CODE)),
    },
  };
}
