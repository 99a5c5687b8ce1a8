// The production path for headcount and turnover: set-based SQL that fills hr_events,
// hr_headcount_steps and hr_unit_month for every unit's subtree (through unit_closure), exactly
// as domain/turnover.ts defines the figures. One transaction replaces the rows, so running
// it twice, or again after a crash, leaves the same tables.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../../../db/client";
import { useAggregationSettings } from "../../session-settings";
import { addDays, addMonths, monthEnd, monthStart, type IsoDate } from "../../../../domain/calendar";
import { rolling12mRowsSql } from "./rolling";
import { writeRows } from "../../replace-rows";
import { businessDate } from "../../../../env";

export interface RecomputeHrOptions {
  /**
   * First day changed: months from the month of the day before are replaced (events and month
   * rows); default: the first employment.
   */
  from?: IsoDate;
  /** Last day changed: …up to the month of the day after; default: the later of today and the last date in the data. */
  to?: IsoDate;
  /** The HR tables are a full run's empty build (jobs/recompute/swap.ts): rows are inserted, nothing compared. */
  freshTables?: boolean;
}

export interface RecomputeHrResult {
  from: IsoDate;
  to: IsoDate;
  steps: number;
  events: number;
  months: number;
  /** Rows of hr_unit_rolling_12m in the months whose 12-month window reaches into [from, to]. */
  rollingMonths: number;
  ms: number;
  /** Milliseconds per phase, for the bench. */
  phases: Record<string, number>;
}

/**
 * Recompute the HR rollups. The whole employment history is read every time (a change anywhere
 * moves coverage everywhere after it); hr_headcount_steps is replaced entirely, hr_events and
 * hr_unit_month for the whole months of [from − 1, to + 1], and hr_unit_rolling_12m for those
 * months and the 11 after them.
 */
export async function recomputeHr(db: Database, options: RecomputeHrOptions = {}): Promise<RecomputeHrResult> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };
  const fresh = options.freshTables === true;
  return db.transaction(async (tx) => {
    await useAggregationSettings(tx);
    const [bounds] = await queryRows<{ first: string | null; last: string | null }>(tx, sql`
      select min(start_date)::text as first,
             greatest(max(start_date), max(end_date + 1))::text as last
      from employments`);
    const today = businessDate();
    // A departure on e depends on who is employed on e + 1 and a hire on s on s − 1, so a change
    // to the days [from, to] also changes the events of from − 1 and to + 1: widen by a day each
    // side, else a range starting on a 1st (ending on a last day) leaves the neighbour month stale.
    const first = options.from ? addDays(options.from, -1) : bounds?.first ?? today;
    const last = options.to ? addDays(options.to, 1) : [bounds?.last ?? today, today].sort().at(-1)!;
    const from = monthStart(first);
    const to = monthEnd(last);

    // Merged coverage per subtree, population and person: range_agg joins overlapping and
    // adjacent employments, so a move inside the subtree or a second part-time job is one span.
    // Dropped first: a caller may run this twice inside one outer transaction (savepoints).
    await tx.execute(sql`drop table if exists hr_span, hr_edge, hr_event_new, hr_step_new, hr_month_new, hr_rolling_new`);
    await tx.execute(sql`
      create temp table hr_span on commit drop as
      select c.ancestor_id as unit_id, p.population, p.employee_id,
             unnest(range_agg(daterange(p.start_date, p.end_date, '[]'))) as span
      from (select employee_id, unit_id, start_date, end_date, 'staff'::text as population from employments
            union all
            select employee_id, unit_id, start_date, end_date, 'manager'::text from employments where is_manager) p
      join unit_closure c on c.descendant_id = p.unit_id
      group by c.ancestor_id, p.population, p.employee_id`);
    await tx.execute(sql`analyze hr_span`);
    lap("spans");

    const steps = await writeRows(tx, {
      fresh, target: "hr_headcount_steps", stage: "hr_step_new",
      keys: ["unit_id", "population", "change_date"], values: ["delta"], scope: sql`true`,
    }, sql`
      select unit_id, population, change_date, sum(delta)::int as delta
      from (select unit_id, population, lower(span) as change_date, 1 as delta from hr_span
            union all
            select unit_id, population, upper(span), -1 from hr_span where not upper_inf(span)) s
      group by unit_id, population, change_date
      having sum(delta) <> 0`);
    lap("steps");
    // Span ends and starts in the range, materialised and analysed so the joins below are planned
    // as hash joins on true row counts (an expression over a range column has no statistics).
    // A span ending on e is a departure on e (nobody's employment in the subtree covers e + 1);
    // a span starting on s is a hire on s. The row names the ending (starting) employment with the
    // largest FTE; a departure is voluntary when external and any ending employment was a resignation.
    await tx.execute(sql`
      create temp table hr_edge on commit drop as
      select unit_id, population, employee_id, 'departure'::text as kind, upper(span) - 1 as day
      from hr_span
      where not upper_inf(span) and upper(span) - 1 between ${from}::date and ${to}::date
      union all
      select unit_id, population, employee_id, 'hire', lower(span)
      from hr_span
      where lower(span) between ${from}::date and ${to}::date`);
    await tx.execute(sql`analyze hr_edge`);
    const events = await writeRows(tx, {
      fresh, target: "hr_events", stage: "hr_event_new",
      keys: ["unit_id", "population", "kind", "event_date", "employee_id"],
      values: ["internal_transfer", "voluntary", "end_reason", "from_unit_id", "role"],
      scope: sql`event_date between ${from}::date and ${to}::date`,
    }, sql`
      with touching as (
        -- Two joins on plain equalities (employee, date), so both hash on the whole key. The subtree
        -- check joins unit_closure on "+ 0": no index fits the expression, so it is one hash
        -- join over the closure (~25,000 rows) instead of an index probe per event (880,000 at
        -- national scale, ~0.5 s of this statement's 3 s).
        select d.unit_id, d.population, d.employee_id, d.kind, d.day, e.unit_id as from_unit_id, e.role, e.end_reason, e.fte
        from hr_edge d
        join employments e on e.employee_id = d.employee_id and e.end_date = d.day and (d.population = 'staff' or e.is_manager)
        join unit_closure c on c.ancestor_id + 0 = d.unit_id and c.descendant_id + 0 = e.unit_id
        where d.kind = 'departure'
        union all
        select d.unit_id, d.population, d.employee_id, d.kind, d.day, e.unit_id, e.role, e.end_reason, e.fte
        from hr_edge d
        join employments e on e.employee_id = d.employee_id and e.start_date = d.day and (d.population = 'staff' or e.is_manager)
        join unit_closure c on c.ancestor_id + 0 = d.unit_id and c.descendant_id + 0 = e.unit_id
        where d.kind = 'hire'),
      -- Only a person with two employments ending (starting) on the same day can have two rows
      -- to choose from: the few of them are ranked, everybody else's one row is the event.
      several as (
        select employee_id, end_date as day, 'departure'::text as kind from employments
        where end_date is not null group by employee_id, end_date having count(*) > 1
        union all
        select employee_id, start_date, 'hire' from employments group by employee_id, start_date having count(*) > 1),
      ranked as (
        select t.*, t.end_reason = 'resignation' as resigned, 1::bigint as rn
        from touching t
        where not exists (select 1 from several m where m.employee_id = t.employee_id and m.day = t.day and m.kind = t.kind)
        union all
        select t.*, bool_or(t.end_reason = 'resignation') over w as resigned,
               row_number() over (w order by t.fte desc, t.from_unit_id, t.role) as rn
        from touching t
        join several m on m.employee_id = t.employee_id and m.day = t.day and m.kind = t.kind
        window w as (partition by t.unit_id, t.population, t.employee_id, t.kind, t.day)),
      still_employed as (
        select distinct d.employee_id, d.day
        from (select distinct employee_id, day from hr_edge where kind = 'departure') d
        join employments x on x.employee_id = d.employee_id and x.start_date <= d.day + 1
                          and (x.end_date is null or x.end_date >= d.day + 1))
      select r.unit_id, r.population, r.day as event_date, r.employee_id, r.kind,
             r.kind = 'departure' and s.employee_id is not null as internal_transfer,
             r.kind = 'departure' and s.employee_id is null and r.resigned as voluntary,
             case when r.kind = 'hire' then null when r.resigned then 'resignation' else r.end_reason end as end_reason,
             r.from_unit_id, r.role
      from ranked r
      left join still_employed s on r.kind = 'departure' and s.employee_id = r.employee_id and s.day = r.day
      where r.rn = 1`);
    lap("events");
    // Constant-headcount segments between steps, spread over the months they touch.
    const months = await writeRows(tx, {
      fresh, target: "hr_unit_month", stage: "hr_month_new", keys: ["unit_id", "month"],
      values: ["opening_headcount", "headcount_days", "departures", "internal_transfers_out", "voluntary_departures", "hires",
        "manager_opening_headcount", "manager_headcount_days", "manager_departures", "manager_hires"],
      scope: sql`month between ${from}::date and ${to}::date`,
    }, sql`
      with seg as (
        select unit_id, population, change_date as seg_start,
               coalesce(lead(change_date) over w - 1, ${to}::date) as seg_end,
               sum(delta) over (w rows between unbounded preceding and current row) as hc
        from ${sql.raw(steps.table)}
        window w as (partition by unit_id, population order by change_date)),
      seg_month as (
        select s.unit_id, s.population, m.month, s.hc, s.seg_start <= m.month as opens,
               least(s.seg_end, (m.month + interval '1 month')::date - 1) - greatest(s.seg_start, m.month) + 1 as days
        from seg s
        cross join lateral (
          select g::date as month
          from generate_series(date_trunc('month', greatest(s.seg_start, ${from}::date)::timestamp),
                               date_trunc('month', least(s.seg_end, ${to}::date)::timestamp),
                               interval '1 month') g) m
        where s.hc <> 0 and s.seg_start <= ${to}::date and s.seg_end >= ${from}::date),
      hd as (
        select unit_id, month,
               sum(case when population = 'staff' and opens then hc else 0 end)::int as opening,
               sum(case when population = 'staff' then hc * days else 0 end)::int as days,
               sum(case when population = 'manager' and opens then hc else 0 end)::int as m_opening,
               sum(case when population = 'manager' then hc * days else 0 end)::int as m_days
        from seg_month group by unit_id, month),
      ev as (
        select unit_id, date_trunc('month', event_date::timestamp)::date as month,
               count(*) filter (where population = 'staff' and kind = 'departure')::int as departures,
               count(*) filter (where population = 'staff' and kind = 'departure' and internal_transfer)::int as internal,
               count(*) filter (where population = 'staff' and kind = 'departure' and voluntary)::int as voluntary,
               count(*) filter (where population = 'staff' and kind = 'hire')::int as hires,
               count(*) filter (where population = 'manager' and kind = 'departure')::int as m_departures,
               count(*) filter (where population = 'manager' and kind = 'hire')::int as m_hires
        from ${sql.raw(events.table)}
        group by 1, 2)
      select coalesce(hd.unit_id, ev.unit_id) as unit_id, coalesce(hd.month, ev.month) as month,
             coalesce(hd.opening, 0) as opening_headcount, coalesce(hd.days, 0) as headcount_days,
             coalesce(ev.departures, 0) as departures, coalesce(ev.internal, 0) as internal_transfers_out,
             coalesce(ev.voluntary, 0) as voluntary_departures, coalesce(ev.hires, 0) as hires,
             coalesce(hd.m_opening, 0) as manager_opening_headcount, coalesce(hd.m_days, 0) as manager_headcount_days,
             coalesce(ev.m_departures, 0) as manager_departures, coalesce(ev.m_hires, 0) as manager_hires
      from hd full join ev on ev.unit_id = hd.unit_id and ev.month = hd.month`);
    lap("months");
    // The months of [from, to] are in the 12-month windows of the months up to 11 after them.
    const rollingTo = addMonths(monthStart(to), 11);
    const rolling = await writeRows(tx, {
      fresh, target: "hr_unit_rolling_12m", stage: "hr_rolling_new", keys: ["month", "unit_id"],
      values: ["departures", "manager_departures", "headcount_days", "days"],
      scope: sql`month between ${from}::date and ${rollingTo}::date`,
    }, rolling12mRowsSql({ from, to: rollingTo }));
    lap("rolling");
    return { from, to, steps: steps.rows, events: events.rows, months: months.rows, rollingMonths: rolling.rows, ms: Math.round(performance.now() - started), phases };
  });
}
