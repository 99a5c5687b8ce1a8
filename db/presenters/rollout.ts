// Presenter for the relational-welfare rollout: for every unit with a rollout date, load, turnover
// and wellbeing in the 6 whole months before the rollout month and the 6 months from it, grouped
// by wave (half-year). Windows cut at whole months so turnover sums hr_unit_month exactly; the
// "after" side counts only what has happened (complete weeks and months up to today).
import { sql } from "drizzle-orm";
import { inUnitScope } from "../sql-scope";
import { queryRows, type Database } from "../client";
import { addDays, addMonths, monthStart, weekStart } from "../../domain/calendar";
import { loadRatios } from "../../domain/caseload";
import { turnoverPct } from "../../domain/turnover";
import { toCell, type SurveyCell } from "./wellbeing";
import type { UnitScope } from "../sql-scope";

/** The survey dimensions the rollout is judged on (the council answer names these two). */
export const ROLLOUT_DIMENSIONS = ["trivsel", "social_kapital"] as const;

export interface RolloutSide {
  from: string;
  to: string;
  weeks: number;
  casesPerFte: number | null;
  emotionalSharePct: number | null;
  months: number;
  departures: number;
  turnoverPct: number | null;
  surveyRound: string | null;
  survey: Record<string, SurveyCell | null>;
}

export interface RolloutUnit {
  unitId: number;
  name: string;
  kind: string;
  district: string | null;
  rolloutDate: string;
  before: RolloutSide;
  after: RolloutSide;
}

export interface RolloutWave {
  /** '2023-1' = spring (January–June) 2023, '2023-2' = autumn. */
  key: string;
  year: number;
  half: 1 | 2;
  units: RolloutUnit[];
}

export function waveOf(date: string): Pick<RolloutWave, "key" | "year" | "half"> {
  const year = Number(date.slice(0, 4));
  const half = Number(date.slice(5, 7)) <= 6 ? 1 : 2;
  return { key: `${year}-${half}`, year, half };
}

/** The two windows of a rollout date: 6 whole months before its month, and 6 from it. */
export function rolloutWindows(rolloutDate: string): { before: { from: string; to: string }; after: { from: string; to: string } } {
  const month = monthStart(rolloutDate);
  return {
    before: { from: addMonths(month, -6), to: addDays(month, -1) },
    after: { from: month, to: addDays(addMonths(month, 6), -1) },
  };
}

interface SideSums { unitId: number; side: "before" | "after" }

export async function rolloutPage(db: Database, scope: UnitScope, today: string): Promise<RolloutWave[]> {
  const scopeFilter = inUnitScope(sql`u.id`, scope);
  const units = await queryRows<{ unitId: number; name: string; kind: string; district: string | null; rolloutDate: string }>(db, sql`
    select u.id as "unitId", u.name, u.kind, u.district, u.rollout_date::text as "rolloutDate"
    from units u where u.rollout_date is not null and ${scopeFilter}
    order by u.rollout_date, u.name`);
  if (units.length === 0) return [];
  const ids = `{${units.map((u) => u.unitId).join(",")}}`;
  // A week belongs to a window by its snapshot day (Sunday); only weeks complete by today count.
  const lastWeek = addDays(weekStart(today), -7);
  const firstOpenMonth = monthStart(today);
  const windows = sql`
    with r as (
      select id, date_trunc('month', rollout_date)::date as m from units where id = any(${ids}::int[])
    )`;
  const [load, hr, rounds, survey] = await Promise.all([
    queryRows<SideSums & { weeks: number; openCases: number; caseworkerFte: number; weightedSum: number; flaggedCases: number }>(db, sql`
      ${windows}
      select r.id as "unitId", case when l.week_start + 6 < r.m then 'before' else 'after' end as side,
        count(*)::int as weeks, sum(l.open_cases)::int as "openCases", sum(l.caseworker_fte)::float8 as "caseworkerFte",
        sum(l.weighted_sum)::float8 as "weightedSum", sum(l.flagged_cases)::int as "flaggedCases"
      from r join load_unit_week l on l.unit_id = r.id
        and l.week_start + 6 >= (r.m - interval '6 months')::date and l.week_start + 6 < (r.m + interval '6 months')::date
        and l.week_start <= ${lastWeek}::date
      group by 1, 2`),
    queryRows<SideSums & { months: number; days: number; departures: number; headcountDays: number }>(db, sql`
      ${windows}
      select r.id as "unitId", case when h.month < r.m then 'before' else 'after' end as side,
        count(*)::int as months, sum((h.month + interval '1 month')::date - h.month)::int as days,
        sum(h.departures)::int as departures, sum(h.headcount_days)::float8 as "headcountDays"
      from r join hr_unit_month h on h.unit_id = r.id
        and h.month >= (r.m - interval '6 months')::date and h.month < (r.m + interval '6 months')::date
        and h.month < ${firstOpenMonth}::date
      group by 1, 2`),
    queryRows<{ key: string; closedOn: string }>(db, sql`select key, closed_on::text as "closedOn" from survey_rounds order by closed_on`),
    queryRows<{ unitId: number; round: string; dimension: string; score: number | null; respondents: number; invited: number | null; hiddenReason: "too_few" | "complementary" | null }>(db, sql`
      select unit_id as "unitId", survey_round as round, dimension, score::float8 as score, respondents, invited, hidden_reason as "hiddenReason"
      from wellbeing_unit_round
      where unit_id = any(${ids}::int[]) and dimension in (${sql.join(ROLLOUT_DIMENSIONS.map((d) => sql`${d}`), sql`, `)})`),
  ]);

  const side = (u: (typeof units)[number], which: "before" | "after"): RolloutSide => {
    const window = rolloutWindows(u.rolloutDate)[which];
    const l = load.find((x) => x.unitId === u.unitId && x.side === which);
    const h = hr.find((x) => x.unitId === u.unitId && x.side === which);
    const ratios = l ? loadRatios(l) : null;
    // Before: the last round that closed before the rollout; after: the first that closed within the after window.
    const round = which === "before"
      ? rounds.filter((r) => r.closedOn < u.rolloutDate).at(-1)
      : rounds.find((r) => r.closedOn >= u.rolloutDate && r.closedOn <= window.to && r.closedOn <= today);
    const cells = Object.fromEntries(ROLLOUT_DIMENSIONS.map((d) => [
      d, round ? toCell(survey.find((s) => s.unitId === u.unitId && s.round === round.key && s.dimension === d)) : null,
    ]));
    return {
      ...window,
      weeks: l?.weeks ?? 0,
      casesPerFte: ratios?.casesPerFte ?? null,
      emotionalSharePct: ratios?.emotionalSharePct ?? null,
      months: h?.months ?? 0,
      departures: h?.departures ?? 0,
      turnoverPct: h ? turnoverPct(h.departures, h.headcountDays, h.days) : null,
      surveyRound: round?.key ?? null,
      survey: cells,
    };
  };

  const waves = new Map<string, RolloutWave>();
  for (const u of units) {
    const w = waveOf(u.rolloutDate);
    const wave = waves.get(w.key) ?? { ...w, units: [] };
    wave.units.push({ ...u, before: side(u, "before"), after: side(u, "after") });
    waves.set(w.key, wave);
  }
  return [...waves.values()].sort((a, b) => a.key.localeCompare(b.key));
}
