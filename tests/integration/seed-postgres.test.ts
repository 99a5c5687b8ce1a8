// Seeding a fresh Postgres database: the whole generated world passes the real importer, the plans
// and users land with their audit trail, and the rollups exist before the server starts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows } from "../../db/client";
import { verifyPassword } from "../../db/passwords";
import { seedDemo, seedDemoIfEmpty, DEMO_LOGINS, type DemoData } from "../../demo";

const TODAY = "2026-11-23";
let database: TestDatabase;
let data: DemoData;
const lines: string[] = [];

async function count(table: string, where = "true"): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return row!.n;
}

beforeAll(async () => {
  database = await createTestDatabase("seed");
  const result = await seedDemo(database.db, (line) => lines.push(line), { scale: "full", today: TODAY });
  data = result.data;
}, 240_000);

afterAll(async () => {
  await database?.drop();
});

describe("demo seed on Postgres", () => {
  it("imports every generated row through the importer, one accepted import per kind", async () => {
    expect(await count("units")).toBe(data.rows.units.length);
    expect(await count("employees")).toBe(data.employees.length);
    expect(await count("employments")).toBe(data.rows.employments.length);
    expect(await count("competences")).toBe(data.rows.competences.length);
    expect(await count("case_periods")).toBe(data.rows["case-periods"].length);
    expect(await count("survey_results")).toBe(data.rows["survey-results"].length);
    expect(await count("survey_rounds")).toBe(data.surveyRounds.length);
    expect(data.surveyRounds.map((r) => r.key)).toEqual(["2024-efteraar", "2025-foraar", "2025-efteraar", "2026-foraar", "2026-efteraar"]);
    const imports = await queryRows<{ kind: string; outcome: string; actor: string }>(database.db, sql`select kind, outcome, actor from import_log order by id`);
    expect(imports).toEqual(
      ["units", "employments", "competences", "case-periods", "survey-results"].map((kind) => ({ kind, outcome: "accepted", actor: "seed" })),
    );
  });

  it("creates one user per demo login, each able to sign in with the printed password", async () => {
    const users = await queryRows<{ email: string; password_hash: string; roles: string[] }>(database.db, sql`
      select u.email, u.password_hash, array_agg(r.role order by r.role) as roles
      from users u join user_roles r on r.user_id = u.id group by u.id order by u.id`);
    expect(users.map((u) => u.email)).toEqual(DEMO_LOGINS.map((l) => l.email));
    expect(users.map((u) => u.roles)).toEqual(DEMO_LOGINS.map((l) => [l.role]));
    expect(await verifyPassword(users[0]!.password_hash, DEMO_LOGINS[0]!.password)).toBe(true);
  });

  it("scopes the MED member to Familiecentret's committee and the managers to their units (the AT team, the other cluster, the AT cluster)", async () => {
    const [med] = await queryRows<{ name: string; unit: string }>(database.db, sql`
      select c.name, un.code as unit from user_roles r join users u on u.id = r.user_id
      join committees c on c.id = r.committee_id join committee_units cu on cu.committee_id = c.id join units un on un.id = cu.unit_id
      where u.email = 'med@demo.kommune.dk'`);
    expect(med).toEqual({ name: "MED-udvalg Familiecentret", unit: "FC" });
    const managers = await queryRows<{ unit: string; employee_id: string | null }>(database.db, sql`
      select un.code as unit, u.employee_id from user_roles r join users u on u.id = r.user_id join units un on un.id = r.unit_id
      where r.role = 'manager' order by u.id`);
    expect(managers).toEqual([
      { unit: "FC-KL03-T1", employee_id: data.roster.atTeamManager!.id },
      { unit: "FC-KL05", employee_id: data.roster.otherClusterLeader!.id },
      { unit: "FC-KL03", employee_id: data.roster.atClusterLeader?.id ?? null },
    ]);
  });

  it("holds the two AT notices and the survey plans, with focus points, items, evidence and reviews, all audited", async () => {
    const plans = await queryRows<{ source_kind: string; at_reaction: string | null; n: number }>(database.db, sql`
      select source_kind, at_reaction, count(*)::int as n from action_plans group by 1, 2 order by 1`);
    expect(plans).toEqual([
      { source_kind: "at_decision", at_reaction: "paabud_med_frist", n: 2 },
      { source_kind: "survey", at_reaction: null, n: 2 },
    ]);
    // Five focus points for the cluster, three for Døgnafdelingen, two and one for the survey plans.
    expect(await count("focus_points")).toBe(11);
    expect(await count("action_items", "status = 'verified'")).toBeGreaterThan(0);
    expect(await count("action_items", "status in ('planned','in_progress') and due_date < '2026-11-23'")).toBeGreaterThan(0);
    expect(await count("item_evidence")).toBeGreaterThan(0);
    // The reviews held by the story day: two of the cluster plan, one of Døgnafdelingen's, two of the closed survey plan.
    expect(await count("committee_reviews")).toBe(5);
    expect(await count("action_plans", "status = 'closed'")).toBe(1);
    const tables: Record<string, string> = {
      action_plan: "action_plans", focus_point: "focus_points", action_item: "action_items", item_evidence: "item_evidence",
      committee_review: "committee_reviews", committee: "committees",
    };
    for (const [entity, table] of Object.entries(tables)) {
      expect(await count("audit_log", `entity = '${entity}' and action = 'create' and actor = 'seed'`)).toBe(await count(table));
    }
  });

  it("dates the plans' audit trail on the days of the story, so the timeline shows what was done when", async () => {
    // Every item that is not planned today got there through dated status moves.
    expect(await count("audit_log", "entity = 'action_item' and action = 'status'")).toBeGreaterThanOrEqual(
      await count("action_items", "status <> 'planned'"),
    );
    const [range] = await queryRows<{ first: string; last: string }>(database.db, sql`
      select min(at)::date::text as first, max(at)::date::text as last from audit_log
      where entity in ('action_plan', 'focus_point', 'action_item', 'item_evidence', 'committee_review')`);
    // From the first survey plan (25 days after the autumn-2025 round closed on 21 November) to the
    // latest move: the report back to AT, started a week before the demo day.
    expect(range).toEqual({ first: "2025-12-16", last: "2026-11-16" });
    // Both AT deadlines lie ahead, one within a month, and neither plan is reported back yet.
    const deadlines = await queryRows<{ deadline: string; reported: boolean }>(database.db, sql`
      select deadline::text as deadline, reported_back_on is not null as reported from action_plans where source_kind = 'at_decision' order by deadline`);
    expect(deadlines).toEqual([{ deadline: "2026-12-16", reported: false }, { deadline: "2027-01-31", reported: false }]);
    // The survey plan closed by the committee: an update on the day of its closing review.
    expect(await count("audit_log", "entity = 'action_plan' and action = 'update' and at::date = '2026-09-14'")).toBe(1);
  });

  it("computes the rollups once and closes every recompute request the imports left", async () => {
    expect(await count("recompute_requests", "status <> 'done'")).toBe(0);
    expect(await count("recompute_requests")).toBe(5);
    expect(await count("job_runs", "job = 'recompute' and status = 'completed'")).toBe(1);
    expect(await count("load_unit_week")).toBeGreaterThan(1000);
    // The last complete week before 2026-11-23 starts on Monday 2026-11-16.
    expect(await count("unit_week_status", "week_start = '2026-11-16' and status = 'red'")).toBeGreaterThan(0);
    expect(await count("risk_signals", "signal = 'workload_emotional'")).toBeGreaterThan(0);
    expect(await count("wellbeing_unit_round")).toBeGreaterThan(0);
  });

  it("runs the day's notifications: the Team Hasle manager and the MED member find theirs on first login", async () => {
    const rows = await queryRows<{ email: string; kind: string; n: number }>(database.db, sql`
      select u.email, n.kind, count(*)::int as n from notifications n join users u on u.id = n.user_id group by 1, 2 order by 1, 2`);
    const of = (email: string) => rows.filter((r) => r.email === email).map((r) => r.kind);
    expect(of("teamleder.vest@demo.kommune.dk")).toEqual(["due_soon", "overdue"]);
    expect(of("med@demo.kommune.dk")).toContain("escalated");
    expect(await count("job_runs", "job = 'notifications' and status = 'completed'")).toBe(1);
  });

  it("does not seed a database that already holds an organisation", async () => {
    expect(await seedDemoIfEmpty(database.db, () => {})).toBe(false);
    expect(await count("import_log")).toBe(5);
  });
});
