// The dashboard presenters read the rollup tables and return exactly what the pages show.
// Fixture: rows inserted by hand into a fresh database, with the expected figures worked out below.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Queue } from "bullmq";
import IORedis from "ioredis";
import { createTestDatabase, requireService, TEST_REDIS_URL, type TestDatabase } from "../helpers/services";
import { teamPage, caseworkerDetail } from "../../db/presenters/team";
import { organisationPage } from "../../db/presenters/organisation";
import { allTeamsPage } from "../../db/presenters/all-teams";
import { allTeamsTable } from "../../exports/all-teams";
import { tableToCsv } from "../../exports/table";
import { buildMunicipalTurnoverExport } from "../../exports/turnover-municipal";
import { wellbeingPage } from "../../db/presenters/wellbeing";
import { riskRadar } from "../../db/presenters/risk";
import { latestRiskSignals } from "../../db/presenters/plan-views";
import { rolloutPage } from "../../db/presenters/rollout";
import { jobsPage } from "../../db/presenters/jobs";
import { SCHEDULED_JOBS } from "../../jobs/registry";
import { scopeRootUnits, unitsInScope } from "../../db/presenters/units";

let t: TestDatabase;
const TODAY = "2025-06-16"; // a Monday: "this week" is the latest aggregated week up to 2025-06-16
// Units: ORG(1) → Familiecentret(2) → Klynge Nord(3) → Team A(4), Team B(5); Ungecentret(6) → Team C(7)
const ORG = 1, CENTRE = 2, CLUSTER = 3, TEAM_A = 4, TEAM_B = 5, CENTRE2 = 6, TEAM_C = 7;

beforeAll(async () => {
  t = await createTestDatabase("dash");
  const x = (q: ReturnType<typeof sql>) => t.db.execute(q);
  await x(sql`insert into units (id, code, name, kind, parent_id, district, rollout_date) values
    (1, 'ORG', 'Kommunen', 'organisation', null, null, null),
    (2, 'FC', 'Familiecentret', 'centre', 1, null, null),
    (3, 'KN', 'Klynge Nord', 'cluster', 2, 'Nord', null),
    (4, 'TA', 'Team A', 'team', 3, 'Nord', '2024-03-01'),
    (5, 'TB', 'Team B', 'team', 3, 'Syd', null),
    (6, 'UC', 'Ungecentret', 'centre', 1, null, null),
    (7, 'TC', 'Team C', 'team', 6, 'Nord', null)`);
  await x(sql`insert into unit_closure (ancestor_id, descendant_id, depth)
    with recursive c(a, d, depth) as (select id, id, 0 from units union all select c.a, u.id, c.depth + 1 from c join units u on u.parent_id = c.d)
    select a, d, depth from c`);
  // Thresholds: the cluster lowers cases per FTE to 20; Team A sets its own emotional share of 35.
  await x(sql`insert into unit_settings (unit_id, cases_per_fte_threshold, emotional_share_pct_threshold) values (3, 20, null), (4, null, 35)`);

  // Team A, week 2025-06-09 (W24): 30 open cases on 1.2 FTE → 25 per FTE; weighted 36 / 1.2 = 30;
  // 12 flagged of 30 → 40 %. Week 2025-06-02 (W23): 20 open on 1.0 FTE. W22 missing (a gap).
  await x(sql`insert into load_unit_week values
    (4, '2025-06-09', 30, 2, 1.2, 36, 12, 1, 3, 1),
    (4, '2025-06-02', 20, 0, 1.0, 22, 5, 0, 0, 0),
    (4, '2025-05-19', 18, 0, 1.0, 20, 4, 0, 0, 0),
    (5, '2025-06-09', 10, 0, 1.0, 10, 1, 0, 0, 0),
    (3, '2025-06-09', 40, 2, 2.2, 46, 13, 1, 3, 1),
    (7, '2025-06-16', 99, 0, 1.0, 99, 0, 0, 0, 0)`);
  await x(sql`insert into unit_week_status values
    (4, '2025-06-09', true, false, true, false, 4, 'red'),
    (4, '2025-06-02', false, false, false, false, 3, 'green'),
    (5, '2025-06-09', false, false, false, false, 0, 'green'),
    (3, '2025-06-09', true, false, false, false, 1, 'amber')`);
  await x(sql`insert into employees (id, display_name) values ('E1', 'Anna Holm'), ('E2', 'Bo Lind'), ('E3', null), ('E4', 'Carl Berg')`);
  await x(sql`insert into load_caseworker_week values
    (4, '2025-06-09', 'E1', 18, 24, 8, 2, 1),
    (4, '2025-06-09', 'E2', 10, 10, 4, 0, 0),
    (4, '2025-06-02', 'E1', 15, 19, 4, 1, 0)`);
  await x(sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason) values
    ('E1', 4, 'caseworker', false, 0.8, '2024-01-01', null, null),
    ('E1', 3, 'caseworker', false, 0.2, '2024-01-01', null, null)`);
  await x(sql`insert into competences (employee_id, case_type, valid_from) values ('E1', 'tabt_arbejdsfortjeneste', null)`);
  await x(sql`insert into case_periods (case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity) values
    ('C1', '2025-03-01', '2025-04-30', 4, 'E2', 'merudgifter', 1),
    ('C1', '2025-05-01', '2025-05-31', 4, 'E1', 'merudgifter', 1),
    ('C1', '2025-06-01', null, 4, 'E1', 'merudgifter', 2),
    ('C2', '2025-01-01', null, 4, 'E1', 'tabt_arbejdsfortjeneste', 2),
    ('C3', '2025-01-01', '2025-06-14', 4, 'E1', 'merudgifter', 1)`);
  // HR events of Team A: the 3-month window is 2025-03-16 … 2025-06-16.
  await x(sql`insert into hr_events (unit_id, population, event_date, employee_id, kind, internal_transfer, voluntary, end_reason, from_unit_id, role) values
    (4, 'staff', '2025-05-31', 'E4', 'departure', false, true, 'resignation', 4, 'caseworker'),
    (4, 'staff', '2025-04-01', 'E2', 'hire', false, false, null, 4, 'caseworker'),
    (4, 'staff', '2025-03-15', 'E3', 'departure', true, false, 'internal_transfer', 4, 'caseworker'),
    (4, 'manager', '2025-05-31', 'E4', 'departure', false, true, 'resignation', 4, 'caseworker')`);
  // Plans: one on the cluster (binds Team A), one on Team B (a sibling: not Team A's business).
  await x(sql`insert into users (id, email, display_name) values (1, 'leder@x.dk', 'Lise Leder')`);
  await x(sql`insert into action_plans (id, unit_id, title, source_kind) values (1, 3, 'Klyngens plan', 'apv'), (2, 5, 'Team B plan', 'apv')`);
  await x(sql`insert into focus_points (id, plan_id, title) values (1, 1, 'Roller'), (2, 2, 'Andet')`);
  await x(sql`insert into action_items (focus_point_id, title, owner_user_id, owner_name, due_date, status, cancel_reason) values
    (1, 'Afklar roller', 1, null, '2025-06-01', 'in_progress', null),
    (1, 'Sparring', null, 'Ekstern konsulent', '2025-07-01', 'planned', null),
    (1, 'Færdig ting', null, null, '2025-05-01', 'done', null),
    (1, 'Aflyst ting', null, null, '2025-05-01', 'cancelled', 'ikke relevant'),
    (2, 'Team B ting', null, null, '2025-06-20', 'planned', null)`);
  // Survey: rounds 2024-foraar (closed 2024-05-01) and 2024-efteraar (closed 2024-11-01).
  await x(sql`insert into survey_rounds values ('2024-foraar', '2024-05-01'), ('2024-efteraar', '2024-11-01'), ('2023-efteraar', '2023-11-01')`);
  await x(sql`insert into wellbeing_unit_round values
    (4, '2024-foraar', 'trivsel', 70, 8, 10, true, null),
    (4, '2024-efteraar', 'trivsel', 62.5, 9, 12, true, null),
    (4, '2024-foraar', 'rolleklarhed', 60, 8, 10, true, null),
    (4, '2024-efteraar', 'rolleklarhed', null, 4, 12, true, 'too_few'),
    (4, '2023-efteraar', 'trivsel', 75, 8, 10, true, null),
    (1, '2024-foraar', 'trivsel', 72, 500, null, false, null),
    (1, '2024-efteraar', 'trivsel', 71, 520, null, false, null)`);
  // Risk signals as of W24: Team A two signals (3 + 1), Team C one (2), Team B none.
  await x(sql`insert into risk_signals values
    (4, '2025-06-09', 'workload_emotional', 3, ${JSON.stringify([{ kind: "weeks_over_cases_per_fte", weeks: 4, of: 6, values: [26, 27, null, 30, 25, 26] }])}::jsonb),
    (4, '2025-06-09', 'turnover', 1, ${JSON.stringify([{ kind: "manager_departures", count: 2 }])}::jsonb),
    (7, '2025-06-09', 'unclear_demands', 2, ${JSON.stringify([{ kind: "survey_worse", round: "2024-efteraar", dimension: "rolleklarhed", team: 50, organisation: 62, pointsWorse: 12 }])}::jsonb),
    (5, '2025-06-02', 'turnover', 1, '[]'::jsonb)`);
  await x(sql`insert into risk_radar_runs (as_of_week) values ('2025-06-02'), ('2025-06-09')`);
  // Rollout of Team A on 2024-03-01: before = 2023-09-01 … 2024-02-29, after = 2024-03-01 … 2024-08-31.
  // Weeks by snapshot: W2024-08 (Mon 2024-02-19, Sun 02-25) before; W2024-09 (Mon 02-26, Sun 03-03) after.
  await x(sql`insert into load_unit_week values
    (4, '2024-02-19', 20, 0, 1.0, 20, 10, 0, 0, 0),
    (4, '2024-02-12', 30, 0, 1.0, 30, 5, 0, 0, 0),
    (4, '2024-02-26', 22, 0, 2.0, 22, 11, 0, 0, 0)`);
  // HR months: before Jan + Feb 2024 (31 + 29 = 60 days, 600 headcount-days = average 10, 1 departure → 10 %);
  // after March 2024 (31 days, 310 headcount-days = 10, 2 departures → 20 %).
  await x(sql`insert into hr_unit_month values
    (4, '2024-01-01', 310, 1, 0, 1, 0, 0, 0, 0),
    (4, '2024-02-01', 290, 0, 0, 0, 0, 0, 0, 0),
    (4, '2024-03-01', 310, 2, 0, 1, 0, 0, 0, 0),
    (4, '2023-08-01', 310, 5, 0, 5, 0, 0, 0, 0)`);
  await x(sql`insert into job_runs (job, started_at, finished_at, status, error) values
    ('aggregate-load', '2025-06-15 02:00+00', '2025-06-15 02:00:05+00', 'completed', null),
    ('aggregate-load', '2025-06-16 02:00+00', '2025-06-16 02:00:01+00', 'failed', 'deadlock detected'),
    ('notifications', '2025-06-16 06:00+00', '2025-06-16 06:00:02+00', 'completed', null)`);
  await x(sql`insert into recompute_requests (source, unit_ids, status) values ('import', '{4,5}', 'pending'), ('import', null, 'done')`);
});

afterAll(async () => {
  await t?.drop();
});

describe("team page", () => {
  it("derives this week's ratios from the stored sums and carries the stored status", async () => {
    const page = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: true, showNames: true }))!;
    expect(page.current?.weekStart).toBe("2025-06-09");
    expect(page.current?.weekLabel).toBe("2025-W24");
    expect(page.current?.casesPerFte).toBeCloseTo(25, 10);
    expect(page.current?.weightedLoadPerFte).toBeCloseTo(30, 10);
    expect(page.current?.emotionalSharePct).toBeCloseTo(40, 10);
    expect(page.current?.unassignedCases).toBe(2);
    expect(page.current?.status).toBe("red");
    expect(page.current?.weeksOverOfLast6).toBe(4);
    expect(page.current?.over).toEqual({ casesPerFte: true, weightedLoad: false, emotionalShare: true, turnover: false });
  });

  it("gives 26 week slots ending this week, with a gap where no rollup row exists", async () => {
    const page = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: false, showNames: false }))!;
    expect(page.weeks).toHaveLength(26);
    expect(page.weeks.at(-1)!.weekStart).toBe("2025-06-09");
    expect(page.weeks.at(-2)!.figures?.casesPerFte).toBeCloseTo(20, 10);
    expect(page.weeks.at(-3)!.weekStart).toBe("2025-05-26");
    expect(page.weeks.at(-3)!.figures).toBeNull();
  });

  it("inherits the cluster's cases-per-FTE threshold and keeps the team's own emotional threshold", async () => {
    const a = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: false, showNames: false }))!;
    expect(a.thresholds).toEqual({ casesPerFte: 20, weightedLoad: 32, emotionalSharePct: 35, turnover12mPct: 20 });
    const c = (await teamPage(t.db, { unitId: TEAM_C, today: TODAY, showCaseworkers: false, showNames: false }))!;
    expect(c.thresholds).toEqual({ casesPerFte: 25, weightedLoad: 32, emotionalSharePct: 40, turnover12mPct: 20 });
  });

  it("lists caseworkers by weighted load only for a viewer allowed to see them", async () => {
    const manager = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: true, showNames: true }))!;
    expect(manager.caseworkers?.map((c) => [c.name, c.openCases, c.weightedSum, c.mismatchedCases])).toEqual([
      ["Anna Holm", 18, 24, 1],
      ["Bo Lind", 10, 10, 0],
    ]);
    const committee = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: false, showNames: false }))!;
    expect(committee.caseworkers).toBeNull();
  });

  it("holds each caseworker against the thresholds pro rata their FTE, with weeks over of the last 6 and 26", async () => {
    // Team A: cases per FTE 20 (cluster), weighted 32. Anna Holm 0.8 FTE → limits 16 cases and 25.6
    // weighted: 18 cases over (weighted 24 within) in W24, 15 within and 19 within in W23. Bo Lind
    // holds cases with no employment in the team: no limit, never flagged. (Her 0.2 FTE in the
    // cluster itself is not in the team.)
    const manager = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: true, showNames: true }))!;
    const [anna, bo] = manager.caseworkers!;
    expect(anna).toMatchObject({ name: "Anna Holm", fte: 0.8, casesLimit: 16, overCases: true, overWeighted: false, weeksOverOf6: 1, weeksOverOf26: 1 });
    expect(anna.weightedLimit).toBeCloseTo(25.6, 10);
    expect(bo).toMatchObject({ name: "Bo Lind", fte: 0, casesLimit: null, weightedLimit: null, overCases: false, weeksOverOf26: 0 });
  });

  it("lists the specialised cases held without competence on the snapshot Sunday, since the holder took them", async () => {
    const manager = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: true, showNames: true }))!;
    // C1: Anna's since 2025-05-01 (two joined periods: complexity changed on 06-01; Bo held it
    // before). C2: she holds the competence. C3 ended before the Sunday (2025-06-15).
    expect(manager.mismatched).toEqual([
      { caseId: "C1", caseType: "merudgifter", caseTypeLabelDa: "Merudgifter", caseTypeLabelEn: "Additional costs", holderName: "Anna Holm", since: "2025-05-01" },
    ]);
    const committee = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: false, showNames: false }))!;
    expect(committee.mismatched).toBeNull();
  });

  it("keeps the week in progress apart as so far, never as this week", async () => {
    // Team C has figures only for 2025-06-16, the week of TODAY: this week has none yet.
    const page = (await teamPage(t.db, { unitId: TEAM_C, today: TODAY, showCaseworkers: false, showNames: false }))!;
    expect(page.current).toBeNull();
    expect(page.soFar?.weekStart).toBe("2025-06-16");
    expect(page.soFar?.openCases).toBe(99);
    expect(page.weeks.at(-1)!.weekStart).toBe("2025-06-09");
  });

  it("shows joiners and leavers of the last 3 months, named only when names are allowed", async () => {
    const named = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: true, showNames: true }))!;
    expect(named.hr.from).toBe("2025-03-16");
    expect(named.hr.leavers.map((l) => [l.eventDate, l.name, l.voluntary])).toEqual([["2025-05-31", "Carl Berg", true]]);
    expect(named.hr.joiners.map((j) => [j.eventDate, j.name])).toEqual([["2025-04-01", "Bo Lind"]]);
    const anonymous = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: false, showNames: false }))!;
    expect(anonymous.hr.leavers.map((l) => l.name)).toEqual([null]);
  });

  it("lists open items of plans above the team, not finished ones nor a sibling team's, soonest first", async () => {
    const page = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: true, showNames: true }))!;
    expect(page.openItems.map((i) => [i.title, i.owner, i.dueDate, i.overdue])).toEqual([
      ["Afklar roller", "Lise Leder", "2025-06-01", true],
      ["Sparring", "Ekstern konsulent", "2025-07-01", false],
    ]);
  });

  it("puts the latest survey round beside the one before and never shows a hidden score", async () => {
    const page = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: true, showNames: true }))!;
    expect([page.survey.previous, page.survey.latest]).toEqual(["2024-foraar", "2024-efteraar"]);
    const trivsel = page.survey.rows.find((r) => r.key === "trivsel")!;
    expect(trivsel.change).toBeCloseTo(-7.5, 10);
    const role = page.survey.rows.find((r) => r.key === "rolleklarhed")!;
    expect(role.latest).toEqual({ score: null, hidden: "too_few", respondents: null, invited: null });
    expect(role.change).toBeNull();
  });

  it("sums the 12 months before the week's snapshot month into turnover over the average headcount", async () => {
    // As of 2024-04-08 Team A's latest week is 2024-02-26 (snapshot Sunday 2024-03-03), so the 12
    // months end with February 2024: 2023-03-01 … 2024-02-29 = 366 days. Months present: 2023-08
    // (310 headcount-days, 5 departures), 2024-01 (310, 1), 2024-02 (290, 0): 6 departures on an
    // average headcount of 910 / 366 → 6 × 366 / 910 × 100 = 241.3187 %.
    const page = (await teamPage(t.db, { unitId: TEAM_A, today: "2024-04-08", showCaseworkers: false, showNames: false }))!;
    expect(page.current?.weekStart).toBe("2024-02-26");
    expect(page.turnover12m).toMatchObject({ from: "2023-03-01", to: "2024-02-29", departures: 6 });
    expect(page.turnover12m.pct).toBeCloseTo((6 * 366 * 100) / 910, 10);
    // 910 headcount-days over 366 days: 2.49 people on average, too few to read the % as a rate.
    expect(page.turnover12m.smallPopulation).toBe(true);
    // The week 2025-06-09 (snapshot 2025-06-15) looks at June 2024 … May 2025: no months, no figure.
    const now = (await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: false, showNames: false }))!;
    expect(now.turnover12m).toEqual({ from: "2024-06-01", to: "2025-05-31", departures: 0, pct: null, avgHeadcount: 0, smallPopulation: false });
  });

  it("opens one caseworker's weekly history, newest first", async () => {
    const detail = (await caseworkerDetail(t.db, TEAM_A, "E1", "2025-06-09"))!;
    expect(detail.name).toBe("Anna Holm");
    expect(detail.weeks.map((w) => [w.weekStart, w.openCases])).toEqual([["2025-06-09", 18], ["2025-06-02", 15]]);
    expect(await caseworkerDetail(t.db, TEAM_A, "E9", "2025-06-09")).toBeNull();
  });
});

describe("all-teams view", () => {
  it("lists every team in scope for the last complete week, sorted with empty figures last", async () => {
    const page = await allTeamsPage(t.db, { scope: "all", today: TODAY, sort: "casesPerFte", dir: "desc" });
    expect(page.weekStart).toBe("2025-06-09");
    expect(page.rows.map((r) => [r.name, r.status, r.casesPerFte])).toEqual([["Team A", "red", 25], ["Team B", "green", 10], ["Team C", null, null]]);
    expect([page.total, page.red, page.amber]).toEqual([3, 1, 0]);
    const ascending = await allTeamsPage(t.db, { scope: "all", today: TODAY, sort: "casesPerFte", dir: "asc" });
    expect(ascending.rows.map((r) => r.name)).toEqual(["Team B", "Team A", "Team C"]);
    expect(page.rows[0]).toMatchObject({ parentName: "Klynge Nord", centreName: "Familiecentret", weeksOverOfLast6: 4, mismatchedCases: 1, atPlans: 0 });
  });

  it("filters by status, by a unit above and by name, and keeps to the viewer's scope", async () => {
    const over = await allTeamsPage(t.db, { scope: "all", today: TODAY, status: "over" });
    expect(over.rows.map((r) => r.name)).toEqual(["Team A"]);
    const inCentre = await allTeamsPage(t.db, { scope: "all", today: TODAY, within: CENTRE2 });
    expect(inCentre.rows.map((r) => r.name)).toEqual(["Team C"]);
    const byName = await allTeamsPage(t.db, { scope: "all", today: TODAY, q: "klynge nord", sort: "name" });
    expect(byName.rows.map((r) => r.name)).toEqual(["Team A", "Team B"]);
    const scoped = await allTeamsPage(t.db, { scope: new Set([CLUSTER, TEAM_B]), today: TODAY });
    expect(scoped.rows.map((r) => r.name)).toEqual(["Team B"]);
  });

  it("counts open AT plans on the team or above it, and exports the rows it shows", async () => {
    await t.db.execute(sql`insert into action_plans (id, unit_id, title, source_kind, at_reaction, at_decision_date) values
      (90, 3, 'AT-påbud klyngen', 'at_decision', 'paabud_med_frist', '2025-05-01'), (91, 5, 'AT lukket', 'at_decision', 'paabud_med_frist', '2025-05-01')`);
    await t.db.execute(sql`update action_plans set status = 'closed' where id = 91`);
    try {
      const page = await allTeamsPage(t.db, { scope: "all", today: TODAY, sort: "name", page: null });
      expect(page.rows.map((r) => [r.name, r.atPlans])).toEqual([["Team A", 1], ["Team B", 1], ["Team C", 0]]);
      const csv = tableToCsv(allTeamsTable(page)).toString("utf8").split("\r\n");
      expect(csv[0]).toBe("\uFEFFunit_code;unit_name;parent_name;centre_name;week;status;weeks_over_of_last_6;cases_per_fte;weighted_load_per_fte;emotional_share_pct;mismatched_cases;turnover_12m_from;turnover_12m_to;turnover_12m_departures;turnover_12m_avg_headcount;turnover_12m_pct;turnover_small_population;open_at_plans");
      expect(csv[1]).toBe("TA;Team A;Klynge Nord;Familiecentret;2025-W24;red;4;25,00;30,00;40,0;1;2024-06-01;2025-05-31;0;0,00;;no;1");
    } finally {
      await t.db.execute(sql`delete from action_plans where id in (90, 91)`);
    }
  });
});

describe("turnover export comparable with the municipal statistics", () => {
  it("counts people on the November snapshots, once per unit, labelled as the variant", async () => {
    // Anna (E1) works in Team A and in the cluster itself since 2024: on 30.11.2024 and 30.11.2025 alike.
    const table = await buildMunicipalTurnoverExport(t.db, { year: 2025, unitId: CLUSTER });
    expect(table.rows.map((r) => r.slice(0, 8))).toEqual([
      ["KN", "Klynge Nord", "kommunal_statistik_nov_nov", "2024-11-30", "2025-11-30", 1, 0, 0],
      ["TA", "Team A", "kommunal_statistik_nov_nov", "2024-11-30", "2025-11-30", 1, 0, 0],
      ["TB", "Team B", "kommunal_statistik_nov_nov", "2024-11-30", "2025-11-30", 0, 0, 0],
    ]);
    expect(table.rows[2][8]).toBeNull();
  });
});

describe("organisation heatmap", () => {
  it("shows the selected cluster's total and its teams over 12 weeks with stored statuses", async () => {
    const page = await organisationPage(t.db, { scope: "all", unitId: CLUSTER, district: null, today: TODAY });
    expect(page.weeks).toHaveLength(12);
    expect(page.weeks.at(-1)!.weekStart).toBe("2025-06-09");
    expect(page.rows.map((r) => [r.unit.name, r.isTotal])).toEqual([["Klynge Nord", true], ["Team A", false], ["Team B", false]]);
    const teamA = page.rows[1];
    expect(teamA.cells.at(-1)).toEqual({
      weekStart: "2025-06-09", status: "red", weeksOverOfLast6: 4, over: ["cases_per_fte", "emotional_share"],
      rollUp: { status: "red", red: 1, amber: 0, teams: 1, redTeams: ["Team A"] },
    });
    // The cluster's own summed figures are amber; its roll-up reads no better than Team A (red).
    const total = page.rows[0].cells.at(-1)!;
    expect([total.status, total.rollUp]).toEqual(["amber", { status: "red", red: 1, amber: 0, teams: 2, redTeams: ["Team A"] }]);
    // A week with no team status below has no roll-up.
    expect(page.rows[0].cells.at(-3)!.rollUp).toEqual({ status: null, red: 0, amber: 0, teams: 0, redTeams: [] });
    expect(teamA.cells.at(-3)!.status).toBeNull();
    expect(teamA.casesPerFte).toBeCloseTo(25, 10);
    expect(page.path.map((u) => u.name)).toEqual(["Kommunen", "Familiecentret", "Klynge Nord"]);
  });

  it("starts a cluster-scoped viewer at their cluster and offers only units in scope", async () => {
    const page = await organisationPage(t.db, { scope: new Set([CLUSTER, TEAM_A, TEAM_B]), unitId: null, district: null, today: TODAY });
    expect(page.selected?.id).toBe(CLUSTER);
    expect(page.path.map((u) => u.name)).toEqual(["Klynge Nord"]);
    expect(page.filters.centres).toEqual([]);
  });

  it("filters teams by district inside the selected unit", async () => {
    const everywhere = await organisationPage(t.db, { scope: "all", unitId: null, district: "Nord", today: TODAY });
    expect(everywhere.rows.filter((r) => !r.isTotal).map((r) => r.unit.name)).toEqual(["Team A", "Team C"]);
    const inCentre = await organisationPage(t.db, { scope: "all", unitId: CENTRE, district: "Nord", today: TODAY });
    expect(inCentre.rows.filter((r) => !r.isTotal).map((r) => r.unit.name)).toEqual(["Team A"]);
    expect(everywhere.filters.districts).toEqual(["Nord", "Syd"]);
  });
});

describe("units in scope", () => {
  it("finds the tops of a scope and caps a long list", async () => {
    expect((await scopeRootUnits(t.db, new Set([CLUSTER, TEAM_A, TEAM_B, TEAM_C]))).map((u) => u.name)).toEqual(["Klynge Nord", "Team C"]);
    expect((await scopeRootUnits(t.db, "all")).map((u) => u.name)).toEqual(["Kommunen"]);
    expect((await unitsInScope(t.db, "all", ["team"], 2)).map((u) => u.name)).toEqual(["Team A", "Team B"]);
  });
});

describe("wellbeing page", () => {
  it("lays every round beside the organisation, hides small groups and gives the response rate", async () => {
    const page = await wellbeingPage(t.db, TEAM_A, ORG);
    expect(page.rounds).toEqual(["2023-efteraar", "2024-foraar", "2024-efteraar"]);
    const trivsel = page.dimensions.find((d) => d.key === "trivsel")!;
    expect(trivsel.unit.map((c) => c?.score)).toEqual([75, 70, 62.5]);
    expect(trivsel.organisation.map((c) => c?.score ?? null)).toEqual([null, 72, 71]);
    expect(trivsel.change).toBeCloseTo(-7.5, 10);
    const role = page.dimensions.find((d) => d.key === "rolleklarhed")!;
    expect(role.unit[2]).toEqual({ score: null, hidden: "too_few", respondents: null, invited: null });
    expect(role.change).toBeNull();
    // 2024-efteraar: the shown trivsel figure has 9 of 12 invited → 75 %.
    expect(page.responseRates[2]).toBeCloseTo(75, 10);
  });
});

describe("minimum group size", () => {
  it("is 5 unless the organisation raised it, and pages say the raised number", async () => {
    expect((await wellbeingPage(t.db, TEAM_A, ORG)).minRespondents).toBe(5);
    await t.db.execute(sql`insert into organisation_settings (id, min_respondents) values (1, 7)
      on conflict (id) do update set min_respondents = 7`);
    try {
      expect((await wellbeingPage(t.db, TEAM_A, ORG)).minRespondents).toBe(7);
      expect((await teamPage(t.db, { unitId: TEAM_A, today: TODAY, showCaseworkers: false, showNames: false }))!.minRespondents).toBe(7);
    } finally {
      await t.db.execute(sql`update organisation_settings set min_respondents = 5 where id = 1`);
    }
  });
});

describe("risk radar", () => {
  it("lists the latest week's signals per team in scope, most severe first", async () => {
    const radar = await riskRadar(t.db, "all", TODAY);
    expect(radar.asOfWeek).toBe("2025-06-09");
    expect(radar.teams.map((x) => [x.unitName, x.severity, x.signals.map((s) => s.signal)])).toEqual([
      ["Team A", 4, ["workload_emotional", "turnover"]],
      ["Team C", 2, ["unclear_demands"]],
    ]);
    expect(radar.teams[1].signals[0].evidence[0]).toMatchObject({ kind: "survey_worse", dimension: "rolleklarhed", pointsWorse: 12 });
    expect(radar.dimensionLabels.rolleklarhed.da).toBe("Rolleklarhed");
    const scoped = await riskRadar(t.db, new Set([CENTRE2, TEAM_C]), TODAY);
    expect(scoped.teams.map((x) => x.unitName)).toEqual(["Team C"]);
  });

  it("shows no team when the latest run raised nothing, not the last week that raised something", async () => {
    // A run for W2025-25 (Monday 06-16) that raised no signal: no risk_signals rows, one run row.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`insert into risk_radar_runs (as_of_week) values ('2025-06-16')`);
      const radar = await riskRadar(tx as unknown as typeof t.db, "all", TODAY);
      expect(radar.asOfWeek).toBe("2025-06-16");
      expect(radar.teams).toEqual([]);
      // A plan started from the radar for Team A finds no current signal to prefill either.
      expect(await latestRiskSignals(tx as unknown as typeof t.db, 4)).toEqual([]);
      tx.rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Error && /rollback/i.test(error.message))) throw error;
    });
    // Without that run, Team A's signals of W2025-24 are the latest ones.
    expect((await latestRiskSignals(t.db, 4)).map((x) => x.signal)).toEqual(["turnover", "workload_emotional"]);
  });
});

describe("rollout comparison", () => {
  it("compares the 6 months before the rollout month with the 6 from it", async () => {
    const waves = await rolloutPage(t.db, "all", TODAY);
    expect(waves.map((w) => w.key)).toEqual(["2024-1"]);
    const unit = waves[0].units[0];
    expect(unit.before).toMatchObject({ from: "2023-09-01", to: "2024-02-29", weeks: 2, months: 2, departures: 1, surveyRound: "2023-efteraar" });
    // before: (20 + 30) cases / (1 + 1) FTE = 25; flagged (10 + 5) / 50 = 30 %.
    expect(unit.before.casesPerFte).toBeCloseTo(25, 10);
    expect(unit.before.emotionalSharePct).toBeCloseTo(30, 10);
    expect(unit.before.turnoverPct).toBeCloseTo(10, 10);
    // after: 22 / 2.0 = 11 per FTE; 2 departures on an average headcount of 10 → 20 %.
    expect(unit.after).toMatchObject({ from: "2024-03-01", to: "2024-08-31", weeks: 1, months: 1, departures: 2, surveyRound: "2024-foraar" });
    expect(unit.after.casesPerFte).toBeCloseTo(11, 10);
    expect(unit.after.turnoverPct).toBeCloseTo(20, 10);
    expect(unit.after.survey.trivsel?.score).toBe(70);
  });

  it("shows nothing for a viewer whose scope has no rollout units", async () => {
    expect(await rolloutPage(t.db, new Set([TEAM_B]), TODAY)).toEqual([]);
  });
});

describe("jobs page", () => {
  it("gives the last run of each job, failures with their error and what is waiting", async () => {
    const page = await jobsPage(t.db, SCHEDULED_JOBS, undefined);
    expect(page.lastRuns.map((r) => [r.job, r.status, r.error])).toEqual([
      ["aggregate-load", "failed", "deadlock detected"],
      ["notifications", "completed", null],
    ]);
    expect(page.lastRuns[1].durationMs).toBe(2000);
    expect(page.failures.map((r) => r.error)).toEqual(["deadlock detected"]);
    expect(page.waitingTotal).toBe(1);
    expect(page.waiting[0]).toMatchObject({ source: "import", unitCount: 2, status: "pending" });
    expect(page.queues).toBeNull();
  });

  it("reads BullMQ's counts for the queues found in Redis", async () => {
    await requireService("redis");
    const name = `dash-test-${process.pid}-${Date.now()}`;
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(name, { connection });
    try {
      await queue.add("x", {});
      await queue.add("y", {}, { delay: 60_000 });
      const page = await jobsPage(t.db, SCHEDULED_JOBS, TEST_REDIS_URL);
      const mine = page.queues!.find((q) => q.name === name)!;
      expect(mine.counts).toMatchObject({ waiting: 1, delayed: 1, active: 0, failed: 0 });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });
});
