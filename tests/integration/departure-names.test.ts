// Names of leavers go to the person's own managers only (issue #13): a manager's departure is named
// to managers of a unit above the one they managed, never to the team's later manager. And the
// team page lists only the action items of plans its viewer may open.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { departuresList } from "../../db/presenters/turnover";
import { itemsForViewer, teamPage } from "../../db/presenters/team";
import { createUser } from "../../db/commands/users";
import { recomputeHr } from "../../jobs/recompute/stages/hr/recompute";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { buildOrg, type OrgFixture } from "./auth-fixtures";

let t: TestDatabase;
let org: OrgFixture;

beforeAll(async () => {
  t = await createTestDatabase("dep_names");
  org = await buildOrg(t.db);
  await t.db.execute(sql`insert into employees (id, display_name) values ('M1', 'Mette Mogensen'), ('M2', 'Mads Madsen'), ('S1', 'Sofie Sand')`);
  await t.db.execute(sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason) values
    ('M1', ${org.unit.TA1}, 'manager', true, 1, '2023-01-01', '2024-03-31', 'resignation'),
    ('M2', ${org.unit.TA1}, 'manager', true, 1, '2024-04-01', null, null),
    ('S1', ${org.unit.TA1}, 'caseworker', false, 1, '2023-01-01', '2024-05-31', 'resignation')`);
  await recomputeHr(t.db);
});

afterAll(async () => {
  await t?.drop();
});

const names = (rows: { displayName: string | null }[]) => rows.map((r) => r.displayName);
const period = { from: "2024-01-01", to: "2024-12-31" };

describe("names in the departures list", () => {
  it("hide an earlier team manager from the team's manager, whose names scope ends at the team", async () => {
    const teamManager = (unit: number | null) => unit === org.unit.TA1;
    expect(names(await departuresList(t.db, { unitId: org.unit.TA1, ...period, population: "manager" }, teamManager))).toEqual([null]);
    // The team's caseworkers are the team manager's to see.
    expect(names(await departuresList(t.db, { unitId: org.unit.TA1, ...period, population: "staff" }, teamManager))).toEqual([null, "Sofie Sand"]);
  });

  it("show the earlier team manager to the manager of the unit above the team", async () => {
    const clusterManager = (unit: number | null) => unit === org.unit.CA || unit === org.unit.TA1 || unit === org.unit.TA2;
    expect(names(await departuresList(t.db, { unitId: org.unit.TA1, ...period, population: "manager" }, clusterManager))).toEqual(["Mette Mogensen"]);
    expect(names(await departuresList(t.db, { unitId: org.unit.CA, ...period, population: "manager" }, clusterManager))).toEqual(["Mette Mogensen"]);
  });
});

describe("the team page for its viewer", () => {
  it("lists action items only of plans the viewer may open or holds an item in, and names an earlier manager only above the team", async () => {
    const { id: owner } = await createUser(t.db, { email: "ejer@k.dk", displayName: "Ejer", language: "da", roles: [{ role: "manager", unitId: org.unit.TA1 }] });
    const plan = async (unitId: number, title: string, ownerUserId: number | null) => {
      const [p] = await queryRows<{ id: number }>(t.db, sql`insert into action_plans (unit_id, title, source_kind) values (${unitId}, ${title}, 'other') returning id`);
      const [f] = await queryRows<{ id: number }>(t.db, sql`insert into focus_points (plan_id, title) values (${p.id}, 'Fokus') returning id`);
      await t.db.execute(sql`insert into action_items (focus_point_id, title, owner_user_id, due_date) values (${f.id}, ${`Indsats i ${title}`}, ${ownerUserId}, '2024-09-01')`);
    };
    await plan(org.unit.ORG, "Kommunens plan", null);
    await plan(org.unit.CA, "Klyngens plan", null);
    await plan(org.unit.TA1, "Teamets plan", null);
    const page = await teamPage(t.db, { unitId: org.unit.TA1, today: "2024-06-12", showCaseworkers: true, showNames: true });
    expect(page!.openItems.map((i) => i.planTitle).sort()).toEqual(["Klyngens plan", "Kommunens plan", "Teamets plan"]);
    const teamManager = { userId: owner, mayViewPlansOf: (u: number) => u === org.unit.TA1, mayUpdateOwnItems: true, mayNameIn: (u: number) => u === org.unit.TA1 };
    const seen = await itemsForViewer(t.db, page, teamManager);
    expect(seen!.openItems.map((i) => i.planTitle)).toEqual(["Teamets plan"]);
    expect(seen!.hr.leavers.map((l) => l.name)).toEqual(["Sofie Sand", null]);
    // An owner of an item in the organisation's plan may open that plan, so sees its items.
    await plan(org.unit.ORG, "Plan med eget punkt", owner);
    const withOwn = await itemsForViewer(t.db, await teamPage(t.db, { unitId: org.unit.TA1, today: "2024-06-12", showCaseworkers: true, showNames: true }), teamManager);
    expect(withOwn!.openItems.map((i) => i.planTitle).sort()).toEqual(["Plan med eget punkt", "Teamets plan"]);
    const clusterManager = { ...teamManager, mayViewPlansOf: (u: number) => u !== org.unit.ORG, mayNameIn: (u: number) => u !== org.unit.ORG };
    const above = await itemsForViewer(t.db, page, clusterManager);
    expect(above!.hr.leavers.map((l) => l.name).sort()).toEqual(["Mette Mogensen", "Sofie Sand"]);
  });
});
