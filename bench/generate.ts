// Bench data, generated set-based inside Postgres (generate_series; nothing crosses the wire):
// organisation → 10 areas → 50 centres → 250 departments → N teams, staff with transfers between
// teams, case periods over 5 years (cases of 1–4 periods, reassignments, team moves, specialised
// types, emotional flags, about a third still open), competences and two survey rounds.
// The overlap guards and the GiST range index are dropped for the load and not rebuilt: they guard
// imports (no overlapping periods; the generator makes none) and rebuilding the GiST ones takes
// longer than everything measured (~55 s per 500k periods here). The aggregation reads only the
// btree indexes, which stay.
import postgres from "postgres";

export interface BenchScale {
  name: string;
  teams: number;
  staff: number;
  casePeriods: number;
  years: number;
}

export const SCALES: Record<string, BenchScale> = {
  small: { name: "small", teams: 250, staff: 5_000, casePeriods: 500_000, years: 5 },
  medium: { name: "medium", teams: 1_000, staff: 20_000, casePeriods: 2_000_000, years: 5 },
  national: { name: "national", teams: 5_000, staff: 100_000, casePeriods: 10_000_000, years: 5 },
};

export interface GeneratedCounts {
  units: number;
  employments: number;
  casePeriods: number;
  cases: number;
}

/** `today` is the last day of the generated history; the history starts `years` before it. */
export async function generateBenchData(url: string, scale: BenchScale, today: string, log: (line: string) => void): Promise<GeneratedCounts> {
  const sqlc = postgres(url, { max: 1, onnotice: () => {} });
  const T = scale.teams;
  const S = scale.staff;
  const perTeam = Math.max(1, Math.floor(S / T));
  // Cases have 1 + (c % 4) periods: 2.5 on average; about 8 % of them would start after today and
  // are not generated, hence the margin.
  const cases = Math.round(scale.casePeriods / 2.5 / 0.924);
  const start = `('${today}'::date - ${Math.round(scale.years * 365.25)})`;
  const span = Math.round(scale.years * 365.25);
  const step = async (what: string, query: string) => {
    const t0 = performance.now();
    await sqlc.unsafe(query);
    log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  try {
    await sqlc.unsafe(`set work_mem = '256MB'; set maintenance_work_mem = '1GB'`);
    await step("units", `
      insert into units (id, code, name, kind, parent_id)
        select 1, 'ORG', 'Kommunen', 'organisation', null
        union all select 1 + a, 'A' || a, 'Område ' || a, 'area', 1 from generate_series(1, 10) a
        union all select 100 + c, 'C' || c, 'Center ' || c, 'centre', 1 + ((c - 1) % 10 + 1) from generate_series(1, 50) c
        union all select 1000 + d, 'D' || d, 'Afdeling ' || d, 'department', 100 + ((d - 1) % 50 + 1) from generate_series(1, 250) d
        union all select 10000 + t, 'T' || t, 'Team ' || t, 'team', 1000 + ((t - 1) % 250 + 1) from generate_series(1, ${T}) t;
      select setval('units_id_seq', (select max(id) from units));
      insert into unit_closure (ancestor_id, descendant_id, depth)
        with recursive c(a, d, depth) as (
          select id, id, 0 from units union all select c.a, u.id, c.depth + 1 from c join units u on u.parent_id = c.d)
        select a, d, depth from c;
      insert into unit_settings (unit_id, cases_per_fte_threshold, case_holding_roles)
        select 1000 + d, case when d % 3 = 0 then 22 end, case when d % 5 = 0 then array['psychologist'] end from generate_series(1, 250) d;`);

    // Bulk load: the overlap guards (an exclusion constraint on employments, a per-statement trigger
    // on case periods) are left out; the generator makes no overlaps.
    await sqlc.unsafe(`
      alter table employments drop constraint if exists employments_no_overlap;
      alter table case_periods drop constraint if exists case_periods_no_overlap;
      alter table case_periods disable trigger user;
      drop index if exists case_periods_range_idx;`);
    // Employee n works in team 1 + n % T; one in three transfers to the next team after a first
    // stint; one in four of the rest leaves; 3 % are managers; 15 % hold the specialised types.
    await step(`employees and employments (${S})`, `
      insert into employees (id) select 'E' || n from generate_series(0, ${S - 1}) n;
      insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason)
        select 'E' || n, 10001 + n % ${T},
          case when n % 33 = 0 then 'manager' when n % 10 = 9 then 'psychologist' when n % 10 = 8 then 'administrative'
               when n % 10 = 7 then 'specialist' else 'caseworker' end,
          n % 33 = 0, case when n % 7 = 0 then 0.8 when n % 11 = 0 then 0.5 else 1 end,
          ${start} + (n * 37) % ${span},
          case when n % 3 = 0 then ${start} + (n * 37) % ${span} + 200 + n % 400
               when n % 4 = 1 then ${start} + (n * 37) % ${span} + 300 + n % 900 end,
          case when n % 3 = 0 then 'internal_transfer' when n % 4 = 1 then 'resignation' end
        from generate_series(0, ${S - 1}) n;
      insert into employments (employee_id, unit_id, role, is_manager, fte, start_date)
        select 'E' || n, 10001 + (n + 1) % ${T}, 'caseworker', false, 1, ${start} + (n * 37) % ${span} + 201 + n % 400
        from generate_series(0, ${S - 1}) n where n % 3 = 0;
      insert into competences (employee_id, case_type, valid_from)
        select 'E' || n, case when n % 2 = 0 then 'tabt_arbejdsfortjeneste' else 'merudgifter' end,
          case when n % 3 = 0 then null else ${start} + (n * 53) % ${span} end
        from generate_series(0, ${S - 1}) n where n % 7 < 1 or n % 13 = 0;`);

    // Case c starts somewhere in the 5 years; its periods follow each other day by day, each 20–
    // 260 days; the last one stays open for c % 3 = 0. Holder: an employee of the case's team.
    await step(`case periods (${scale.casePeriods.toLocaleString("en")})`, `
      insert into case_periods (case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity, emotional_flags)
        with periods as (
          select c, i, 1 + c % 4 as n,
            ${start} + ((c::bigint * 7919) % ${span})::int as case_start,
            20 + ((c::bigint * 31 + i * 97) % 241)::int as len
          from generate_series(1, ${cases}) c cross join lateral generate_series(1, 1 + c % 4) i
        ),
        placed as (
          select *, case_start + coalesce(sum(len) over (partition by c order by i rows between unbounded preceding and 1 preceding), 0)::int as p_start
          from periods
        ),
        typed as (
          select *, (array['underretning','boernefaglig_undersoegelse','forebyggende_indsats','anbringelse','eftervaern',
                           'tabt_arbejdsfortjeneste','merudgifter','koersel','aflastning'])[1 + (c + i / 3) % 9] as case_type,
                 case when i >= 3 and c % 5 = 0 then (c + 17) % ${T} else c % ${T} end as team
          from placed
        )
        select 'K' || c, p_start, case when i = n and c % 3 = 0 then null else p_start + len - 1 end,
          10001 + team,
          case when (c + i) % 10 = 0 then null else 'E' || (team + ${T} * ((c + i) % ${perTeam})) end,
          case_type, 1 + (c * 7 + i) % 3,
          case when c % 4 = 0 then array['vold_trusler'] when c % 9 = 0 then array['hoejkonflikt', 'overgreb'] else '{}'::text[] end
        from typed
        where p_start <= '${today}'::date
        -- Stored in the order the periods began, as weekly imports of a case system's export lay
        -- them down over the years (a changed case's history is rewritten at the end), not in case
        -- order: a week's changes then sit on a few pages, as they would in production.
        order by p_start;`);
    await step("survey rounds", `
      insert into survey_rounds values ('bench-efteraar', '${today}'::date - 200), ('bench-foraar', '${today}'::date - 20);
      insert into survey_results (survey_round, unit_id, dimension, score, respondents, invited)
        select r.key, 10000 + t, d.key, 40 + (t * 7 + length(d.key)) % 45, 2 + (t + length(r.key)) % 14, 20
        from generate_series(1, ${T}) t cross join survey_rounds r cross join wellbeing_dimensions d;`);
    await sqlc.unsafe(`alter table case_periods enable trigger user`);
    await step("vacuum analyze", `vacuum analyze`);
    const [counts] = await sqlc<GeneratedCounts[]>`
      select (select count(*) from units)::int as units, (select count(*) from employments)::int as employments,
             (select count(*) from case_periods)::int as "casePeriods", (select count(distinct case_id) from case_periods)::int as cases`;
    return counts;
  } finally {
    await sqlc.end();
  }
}
