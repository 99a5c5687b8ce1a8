// The team page cache on real Postgres (and the data version on PGlite): a page is served from
// memory only while nothing it shows has been written, a write is seen by the next request, and
// the version moves at commit without holding up other writers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { connectPglite, queryRows, type Database } from "../../db/client";
import { migrateConnection } from "../../db/migrate";
import { pageDataVersion } from "../../db/infra/page-cache";
import { cachedTeamPage, teamPage, type TeamPageOptions } from "../../db/presenters/team";

let t: TestDatabase;
const TODAY = "2025-06-16";
// ORG(1) → Klynge(2) → Team A(3), Team B(4)
const TEAM_A = 3;
const MANAGER: TeamPageOptions = { unitId: TEAM_A, today: TODAY, showCaseworkers: true, showNames: true };
const COMMITTEE: TeamPageOptions = { unitId: TEAM_A, today: TODAY, showCaseworkers: false, showNames: false };

async function version(db: Database): Promise<number> {
  return (await pageDataVersion(db)).version;
}

beforeAll(async () => {
  t = await createTestDatabase("pcache");
  const x = (q: SQL) => t.db.execute(q);
  await x(sql`insert into units (id, code, name, kind, parent_id) values
    (1, 'ORG', 'Kommunen', 'organisation', null), (2, 'KL', 'Klynge', 'cluster', 1),
    (3, 'TA', 'Team A', 'team', 2), (4, 'TB', 'Team B', 'team', 2)`);
  await x(sql`insert into unit_closure (ancestor_id, descendant_id, depth)
    with recursive c(a, d, depth) as (select id, id, 0 from units union all select c.a, u.id, c.depth + 1 from c join units u on u.parent_id = c.d)
    select a, d, depth from c`);
  await x(sql`insert into load_unit_week values (3, '2025-06-09', 30, 2, 1.2, 36, 12, 1, 3, 1), (3, '2025-06-02', 20, 0, 1.0, 22, 5, 0, 0, 0)`);
  await x(sql`insert into unit_week_status values (3, '2025-06-09', true, false, true, false, 4, 'red')`);
  await x(sql`insert into employees (id, display_name) values ('E1', 'Anna Holm'), ('E2', 'Bo Lind')`);
  await x(sql`insert into load_caseworker_week values (3, '2025-06-09', 'E1', 18, 24, 8, 2, 1), (3, '2025-06-09', 'E2', 10, 10, 4, 0, 0)`);
  await x(sql`insert into hr_events (unit_id, population, event_date, employee_id, kind, internal_transfer, voluntary, end_reason, from_unit_id, role) values
    (3, 'staff', '2025-05-31', 'E2', 'departure', false, true, 'resignation', 3, 'caseworker')`);
  await x(sql`insert into hr_unit_month values (3, '2025-04-01', 300, 1, 0, 1, 0, 0, 0, 0)`);
  await x(sql`insert into users (id, email, display_name) values (1, 'leder@x.dk', 'Lise Leder')`);
  await x(sql`insert into action_plans (id, unit_id, title, source_kind) values (1, 2, 'Klyngens plan', 'apv'), (2, 4, 'Team B plan', 'apv')`);
  await x(sql`insert into focus_points (id, plan_id, title) values (1, 1, 'Roller'), (2, 2, 'Andet')`);
  await x(sql`insert into action_items (id, focus_point_id, title, owner_user_id, due_date, status) values (1, 1, 'Afklar roller', 1, '2025-07-01', 'planned')`);
  await x(sql`insert into survey_rounds values ('2024-foraar', '2024-05-01'), ('2024-efteraar', '2024-11-01')`);
  await x(sql`insert into wellbeing_unit_round values
    (3, '2024-foraar', 'trivsel', 70, 8, 10, true, null), (3, '2024-efteraar', 'trivsel', 62.5, 9, 12, true, null)`);
});

afterAll(async () => {
  await t?.drop();
});

describe("team page cache", () => {
  it("answers a repeated request from memory while nothing was written", async () => {
    const first = await cachedTeamPage(t.db, MANAGER);
    expect(await cachedTeamPage(t.db, MANAGER)).toBe(first);
    expect(first).toEqual(await teamPage(t.db, MANAGER));
  });

  // One write per table the page reads, each changing what the page shows (in this order: the
  // focus point's move to a sibling team's plan takes the item off the page). Without the table's
  // trigger the cached page would be the one from before the write.
  const writes: [table: string, write: SQL][] = [
    ["units", sql`update units set name = 'Team Aa' where id = 3`],
    ["unit_settings", sql`insert into unit_settings (unit_id, cases_per_fte_threshold) values (3, 18)`],
    ["organisation_settings", sql`update organisation_settings set min_respondents = 7 where id = 1`],
    ["employees", sql`update employees set display_name = 'Anna Holm-Berg' where id = 'E1'`],
    ["load_unit_week", sql`update load_unit_week set open_cases = 33 where unit_id = 3 and week_start = '2025-06-09'`],
    ["unit_week_status", sql`update unit_week_status set status = 'amber' where unit_id = 3`],
    ["load_caseworker_week", sql`update load_caseworker_week set open_cases = 19 where employee_id = 'E1'`],
    ["hr_events", sql`insert into hr_events (unit_id, population, event_date, employee_id, kind, internal_transfer, voluntary, from_unit_id, role)
      values (3, 'staff', '2025-06-01', 'E1', 'hire', false, false, 3, 'caseworker')`],
    ["hr_unit_month", sql`update hr_unit_month set departures = 2 where unit_id = 3`],
    ["survey_rounds", sql`update survey_rounds set closed_on = '2023-11-01' where key = '2024-efteraar'`],
    ["wellbeing_dimensions", sql`update wellbeing_dimensions set label_da = 'Trivsel i teamet' where key = 'trivsel'`],
    ["wellbeing_unit_round", sql`update wellbeing_unit_round set score = 64 where survey_round = '2024-foraar'`],
    ["action_plans", sql`update action_plans set title = 'Klyngens APV-plan' where id = 1`],
    ["action_items", sql`update action_items set title = 'Afklar roller og ansvar' where id = 1`],
    ["users (display name)", sql`update users set display_name = 'Lise Leder-Holm' where id = 1`],
    ["focus_points", sql`update focus_points set plan_id = 2 where id = 1`],
    ["unit_closure", sql`delete from unit_closure where ancestor_id = 2 and descendant_id = 3`],
  ];
  it.each(writes)("shows a write to %s on the next request", async (_table, write) => {
    const before = await cachedTeamPage(t.db, MANAGER);
    expect(await cachedTeamPage(t.db, MANAGER)).toBe(before);
    await t.db.execute(write);
    const after = await cachedTeamPage(t.db, MANAGER);
    expect(after).not.toEqual(before);
    expect(after).toEqual(await teamPage(t.db, MANAGER));
  });

  it("keeps a page with caseworkers and names apart from one without", async () => {
    const manager = (await cachedTeamPage(t.db, MANAGER))!;
    expect(manager.caseworkers?.length).toBe(2);
    const committee = (await cachedTeamPage(t.db, COMMITTEE))!;
    expect(committee.caseworkers).toBeNull();
    expect(committee.hr.leavers.map((l) => l.name)).toEqual([null]);
    expect((await cachedTeamPage(t.db, MANAGER))!.caseworkers?.length).toBe(2);
  });

  it("does not move the version when a user signs in (only the name is shown)", async () => {
    const before = await version(t.db);
    await t.db.execute(sql`update users set last_login_at = now() where id = 1`);
    expect(await version(t.db)).toBe(before);
  });

  it("raises the version once per transaction, at commit, however many statements wrote", async () => {
    const before = await version(t.db);
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`update load_unit_week set open_cases = open_cases + 1 where unit_id = 3`);
      await tx.execute(sql`update action_items set title = title || '.' where id = 1`);
      // Another connection sees the old number until the commit.
      expect(await version(t.db)).toBe(before);
    });
    expect(await version(t.db)).toBe(before + 1);
  });

  it("does not raise the version for a transaction that was rolled back", async () => {
    const before = await version(t.db);
    await expect(t.db.transaction(async (tx) => {
      await tx.execute(sql`update load_unit_week set open_cases = 0 where unit_id = 3`);
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    expect(await version(t.db)).toBe(before);
  });

  it("lets a plan edit commit while a long aggregation transaction is still writing", async () => {
    const before = await version(t.db);
    await t.db.transaction(async (aggregation) => {
      await aggregation.execute(sql`update load_unit_week set open_cases = open_cases + 1 where unit_id = 3`);
      // On another connection; a lock held by the aggregation would make this wait for its commit.
      await t.db.transaction(async (edit) => {
        await edit.execute(sql`set local lock_timeout = '2s'`);
        await edit.execute(sql`update action_items set status = 'in_progress' where id = 1`);
      });
      expect(await version(t.db)).toBe(before + 1);
    });
    expect(await version(t.db)).toBe(before + 2);
  });

  it("inside a transaction that wrote, reads the transaction's own rows and keeps nothing of them", async () => {
    const cached = (await cachedTeamPage(t.db, MANAGER))!;
    await expect(t.db.transaction(async (tx) => {
      await tx.execute(sql`update units set name = 'Uncommitted' where id = 3`);
      expect((await cachedTeamPage(tx, MANAGER))!.unit.name).toBe("Uncommitted");
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    expect(await cachedTeamPage(t.db, MANAGER)).toBe(cached);
  });
});

describe("page data version on PGlite", () => {
  let lite: ReturnType<typeof connectPglite>;
  beforeAll(async () => {
    lite = connectPglite(undefined);
    await migrateConnection(lite);
  });
  afterAll(async () => {
    await lite?.close();
  });

  it("rises at commit and shows a write on the next request, as on Postgres", async () => {
    const start = await version(lite.db);
    await lite.db.execute(sql`insert into units (id, code, name, kind) values (1, 'ORG', 'Kommunen', 'organisation')`);
    await lite.db.execute(sql`insert into unit_closure values (1, 1, 0)`);
    expect(await version(lite.db)).toBe(start + 2);
    const options = { ...COMMITTEE, unitId: 1 };
    const first = await cachedTeamPage(lite.db, options);
    expect(first?.unit.name).toBe("Kommunen");
    expect(await cachedTeamPage(lite.db, options)).toBe(first);
    await lite.db.execute(sql`update units set name = 'Kommunen i Nord' where id = 1`);
    expect((await cachedTeamPage(lite.db, options))?.unit.name).toBe("Kommunen i Nord");
    const [{ n }] = await queryRows<{ n: number }>(lite.db, sql`select count(*)::int as n from page_data_writes`);
    expect(n).toBe(0);
  });
});
