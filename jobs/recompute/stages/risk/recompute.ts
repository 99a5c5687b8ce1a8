// risk_signals for every team as of a week: the SQL gathers the last 6 weeks, the 12-month
// turnover and the latest shown survey round; domain/risk.ts decides.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../../../db/client";
import { addDays, weekSnapshot } from "../../../../domain/calendar";
import { riskSignals, ROLE_DIMENSIONS, WORKLOAD_DIMENSIONS, type RiskWeek, type SurveyComparison } from "../../../../domain/risk";
import { rolling12Sql, thresholdsSql } from "../load/status";
import { turnoverMonthOfWeek } from "../../../../domain/calendar";

interface WeekRow extends RiskWeek { unitId: number }

/** Replaces the risk signals of every team as of asOfWeek (a Monday, normally the last complete week). */
export async function recomputeRisk(db: Database, asOfWeek: string): Promise<number> {
  const firstWeek = addDays(asOfWeek, -35);
  const weekRows = await queryRows<WeekRow>(db, sql`
    select l.unit_id as "unitId", l.week_start as "weekStart",
      case when l.caseworker_fte > 0 then (l.open_cases / l.caseworker_fte)::float8 end as "casesPerFte",
      case when l.open_cases > 0 then (l.flagged_cases * 100.0 / l.open_cases)::float8 end as "emotionalSharePct",
      l.mismatched_cases as "mismatchedCases",
      s.over_cases_per_fte as "overCasesPerFte", s.over_emotional_share as "overEmotionalShare"
    from load_unit_week l
    join units u on u.id = l.unit_id and u.kind = 'team'
    join unit_week_status s on s.unit_id = l.unit_id and s.week_start = l.week_start
    where l.week_start between ${firstWeek}::date and ${asOfWeek}::date
    order by l.unit_id, l.week_start`);
  const weeksByTeam = new Map<number, RiskWeek[]>();
  for (const { unitId, ...week } of weekRows) {
    const list = weeksByTeam.get(unitId) ?? [];
    list.push(week);
    weeksByTeam.set(unitId, list);
  }

  const turnoverMonth = turnoverMonthOfWeek(asOfWeek);
  const teams = await queryRows<{ unitId: number; threshold: number; pct: number | null; managerDepartures: number }>(db, sql`
    with thresholds as (${thresholdsSql()}), rolling as (${rolling12Sql({ from: turnoverMonth, to: turnoverMonth })})
    select u.id as "unitId", t.turnover_12m_pct::float8 as threshold,
      case when r.headcount_days > 0 then (r.departures * 100.0 * r.days / r.headcount_days)::float8 end as pct,
      coalesce(r.manager_departures, 0)::int as "managerDepartures"
    from units u
    join thresholds t on t.unit_id = u.id
    left join rolling r on r.unit_id = u.id and r.month = ${turnoverMonth}::date
    where u.kind = 'team'`);

  // The latest round closed by the snapshot day; each team is compared with its organisation (root).
  const snapshot = weekSnapshot(asOfWeek);
  const dimensions = [...WORKLOAD_DIMENSIONS, ...ROLE_DIMENSIONS];
  const dims = sql.join(dimensions.map((d) => sql`${d}`), sql`, `);
  const round = (await queryRows<{ key: string }>(db, sql`
    select key from survey_rounds where closed_on <= ${snapshot}::date order by closed_on desc, key desc limit 1`))[0]?.key ?? null;
  const survey = round === null ? [] : await queryRows<{ unitId: number } & SurveyComparison>(db, sql`
    select u.id as "unitId", d.key as dimension, d.higher_is_better as "higherIsBetter",
      tw.score::float8 as team, ow.score::float8 as organisation
    from units u
    join unit_closure rc on rc.descendant_id = u.id
    join units root on root.id = rc.ancestor_id and root.parent_id is null
    cross join wellbeing_dimensions d
    left join wellbeing_unit_round tw on tw.unit_id = u.id and tw.survey_round = ${round} and tw.dimension = d.key
    left join wellbeing_unit_round ow on ow.unit_id = root.id and ow.survey_round = ${round} and ow.dimension = d.key
    where u.kind = 'team' and d.key in (${dims})`);
  const surveyByTeam = new Map<number, SurveyComparison[]>();
  for (const { unitId, ...comparison } of survey) {
    const list = surveyByTeam.get(unitId) ?? [];
    list.push(comparison);
    surveyByTeam.set(unitId, list);
  }

  const rows: unknown[] = [];
  for (const team of teams) {
    const signals = riskSignals({
      weeks: weeksByTeam.get(team.unitId) ?? [],
      surveyRound: round,
      survey: surveyByTeam.get(team.unitId) ?? [],
      turnover12mPct: team.pct,
      turnoverThresholdPct: team.threshold,
      managerDepartures12m: team.managerDepartures,
    });
    for (const s of signals) rows.push({ unit_id: team.unitId, signal: s.signal, severity: s.severity, evidence: s.evidence });
  }
  await db.execute(sql`delete from risk_signals where as_of_week = ${asOfWeek}::date`);
  await db.execute(sql`
    insert into risk_radar_runs (as_of_week) values (${asOfWeek}::date)
    on conflict (as_of_week) do update set computed_at = now()`);
  if (rows.length > 0) {
    await db.execute(sql`
      insert into risk_signals (unit_id, as_of_week, signal, severity, evidence)
      select unit_id, ${asOfWeek}::date, signal, severity, evidence
      from json_to_recordset(${JSON.stringify(rows)}::json) as x(unit_id int, signal text, severity int, evidence jsonb)`);
  }
  return rows.length;
}
