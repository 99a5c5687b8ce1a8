// The manager-only parts of /team (view_caseworkers): each case holder's cases and weighted load
// against the team's per-FTE thresholds pro rata their own FTE, with the weeks they were over, and
// the specialised cases held without competence, by case. Read from load_caseworker_week (the
// job's figures), employments (FTE on each snapshot Sunday) and case_periods (which cases).
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { addDays, weekSnapshot } from "../../domain/calendar";
import { DEFAULT_CASE_HOLDING } from "../../domain/caseload";
import { caseworkerAgainstLimits, type Thresholds } from "../../domain/status";

export interface CaseworkerRow {
  employeeId: string;
  name: string;
  openCases: number;
  weightedSum: number;
  flaggedCases: number;
  specialisedCases: number;
  mismatchedCases: number;
  /** FTE in a case-holding role in the team on the snapshot Sunday. */
  fte: number;
  casesLimit: number | null;
  weightedLimit: number | null;
  overCases: boolean;
  overWeighted: boolean;
  /** Weeks over either limit among the last 6 and 26 weeks ending with this week. */
  weeksOverOf6: number;
  weeksOverOf26: number;
}

/** One case holder's figures in one week, as load_caseworker_week and employments give them. */
type HolderWeek = Pick<CaseworkerRow, "employeeId" | "name" | "openCases" | "weightedSum" | "flaggedCases" | "specialisedCases" | "mismatchedCases" | "fte"> & { weekStart: string };

/** Case-holding roles of a unit: the defaults and those the nearest unit setting them adds. */
const caseHoldingRoles = (unitId: number) => sql`(${`{${DEFAULT_CASE_HOLDING.join(",")}}`}::text[] || coalesce((
    select s.case_holding_roles from unit_closure c join unit_settings s on s.unit_id = c.ancestor_id and s.case_holding_roles is not null
    where c.descendant_id = ${unitId} order by c.depth limit 1), '{}'::text[]))`;

/**
 * The holders of this week (`week`), most loaded first, each with the weeks over of the last 6 and
 * 26. A week counts as over when the holder was over either limit in it (weeks without cases are not).
 */
export async function caseworkerRows(db: Database, unitId: number, week: string, thresholds: Thresholds): Promise<CaseworkerRow[]> {
  const rows = await queryRows<HolderWeek>(db, sql`
    with roles as materialized (select ${caseHoldingRoles(unitId)} as roles)
    select w.employee_id as "employeeId", coalesce(e.display_name, w.employee_id) as name, w.week_start::text as "weekStart",
      w.open_cases as "openCases", w.weighted_sum::float8 as "weightedSum", w.flagged_cases as "flaggedCases",
      w.specialised_cases as "specialisedCases", w.mismatched_cases as "mismatchedCases",
      coalesce((select sum(m.fte) from employments m, roles r
        where m.employee_id = w.employee_id and m.unit_id = w.unit_id and m.role = any(r.roles)
          and m.start_date <= w.week_start + 6 and (m.end_date is null or m.end_date >= w.week_start + 6)), 0)::float8 as fte
    from load_caseworker_week w left join employees e on e.id = w.employee_id
    where w.unit_id = ${unitId} and w.week_start between ${addDays(week, -7 * 25)}::date and ${week}::date
      and w.employee_id in (select employee_id from load_caseworker_week where unit_id = ${unitId} and week_start = ${week}::date)`);
  return holderRows(rows, week, thresholds);
}

/** Pure arrangement of the holders' weeks (exported for the unit test). */
export function holderRows(rows: HolderWeek[], week: string, thresholds: Thresholds): CaseworkerRow[] {
  const byHolder = new Map<string, HolderWeek[]>();
  for (const r of rows) byHolder.set(r.employeeId, [...(byHolder.get(r.employeeId) ?? []), r]);
  const from6 = addDays(week, -7 * 5);
  const result: CaseworkerRow[] = [];
  for (const weeks of byHolder.values()) {
    const current = weeks.find((w) => w.weekStart === week);
    if (!current) continue;
    const isOver = (w: HolderWeek) => {
      const a = caseworkerAgainstLimits(w, thresholds);
      return a.overCases || a.overWeighted;
    };
    const over = weeks.filter(isOver);
    const { weekStart: _w, ...figures } = current;
    result.push({
      ...figures,
      ...caseworkerAgainstLimits(current, thresholds),
      weeksOverOf6: over.filter((w) => w.weekStart >= from6).length,
      weeksOverOf26: over.length,
    });
  }
  return result.sort((a, b) => b.weightedSum - a.weightedSum || a.name.localeCompare(b.name, "da"));
}

export interface MismatchedCase {
  caseId: string;
  caseType: string;
  caseTypeLabelDa: string;
  caseTypeLabelEn: string;
  holderName: string;
  /** First day of the unbroken run of periods with this holder and type up to the snapshot. */
  since: string;
}

/**
 * The cases behind this week's mismatched_cases (METRICS.md): open on the snapshot Sunday in the
 * team, of a specialised type, held by someone with no competence for it valid that day.
 */
export async function mismatchedCases(db: Database, unitId: number, week: string): Promise<MismatchedCase[]> {
  const snapshot = weekSnapshot(week);
  const rows = await queryRows<{ caseId: string; caseType: string; caseTypeLabelDa: string; caseTypeLabelEn: string; holderName: string; caseworkerId: string; periods: { start: string; end: string | null; holder: string | null; type: string }[] }>(db, sql`
    select c.case_id as "caseId", c.case_type as "caseType", t.label_da as "caseTypeLabelDa", t.label_en as "caseTypeLabelEn", c.caseworker_id as "caseworkerId",
      coalesce(e.display_name, c.caseworker_id) as "holderName",
      (select json_agg(json_build_object('start', p.period_start, 'end', p.period_end, 'holder', p.caseworker_id, 'type', p.case_type)
         order by p.period_start desc)
       from case_periods p where p.case_id = c.case_id and p.period_start <= ${snapshot}::date) as periods
    from case_periods c
    join case_types t on t.key = c.case_type and t.specialised
    left join employees e on e.id = c.caseworker_id
    where c.unit_id = ${unitId} and c.caseworker_id is not null
      and c.period_start <= ${snapshot}::date and (c.period_end is null or c.period_end >= ${snapshot}::date)
      and not exists (select 1 from competences k where k.employee_id = c.caseworker_id and k.case_type = c.case_type
                        and (k.valid_from is null or k.valid_from <= ${snapshot}::date))
    order by c.case_id`);
  return rows.map(({ periods, caseworkerId, ...r }) => ({ ...r, since: runStart(periods, caseworkerId, r.caseType) }));
}

/** Walks back from the latest period while the periods join up with the same holder and type. */
export function runStart(periodsNewestFirst: { start: string; end: string | null; holder: string | null; type: string }[], holder: string, type: string): string {
  let since = periodsNewestFirst[0].start;
  for (const p of periodsNewestFirst.slice(1)) {
    if (p.holder !== holder || p.type !== type || p.end === null || addDays(p.end, 1) !== since) break;
    since = p.start;
  }
  return since;
}
