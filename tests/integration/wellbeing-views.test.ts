// The units × dimensions heatmap and the plans' wellbeing since they started, on a hand-made rollup:
// only what wellbeing_unit_round stores as shown carries a score.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { planStarts, plansWellbeingProgress, wellbeingHeatmap } from "../../db/presenters/wellbeing";

let t: TestDatabase;
const ORG = 1, CENTRE = 2, TEAM_A = 3, TEAM_B = 4;

beforeAll(async () => {
  t = await createTestDatabase("wbviews");
  const x = (q: ReturnType<typeof sql>) => t.db.execute(q);
  await x(sql`insert into units (id, code, name, kind, parent_id) values
    (1, 'ORG', 'Kommunen', 'organisation', null), (2, 'FC', 'Familiecentret', 'centre', 1),
    (3, 'TA', 'Team A', 'team', 2), (4, 'TB', 'Team B', 'team', 2)`);
  await x(sql`insert into unit_closure (ancestor_id, descendant_id, depth)
    with recursive c(a, d, depth) as (select id, id, 0 from units union all select c.a, u.id, c.depth + 1 from c join units u on u.parent_id = c.d)
    select a, d, depth from c`);
  await x(sql`insert into survey_rounds values ('2025-foraar', '2025-04-25'), ('2025-efteraar', '2025-11-21')`);
  await x(sql`insert into wellbeing_unit_round values
    (1, '2025-foraar', 'trivsel', 70, 400, null, false, null), (1, '2025-efteraar', 'trivsel', 68, 410, null, false, null),
    (2, '2025-efteraar', 'trivsel', 66, 40, null, false, null),
    (3, '2025-foraar', 'trivsel', 58, 9, 11, true, null), (3, '2025-efteraar', 'trivsel', 65, 9, 11, true, null),
    (3, '2025-efteraar', 'rolleklarhed', null, 9, 11, true, 'complementary'),
    (4, '2025-efteraar', 'trivsel', null, 3, 4, true, 'too_few')`);
  await x(sql`insert into action_plans (id, unit_id, title, source_kind, created_at) values
    (1, 3, 'Plan for Team A', 'survey', '2025-05-10T09:00:00Z'), (2, 4, 'Plan for Team B', 'survey', '2025-05-10T09:00:00Z')`);
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

describe("wellbeing heatmap", () => {
  it("lays the unit and the units below it against every dimension, for the latest round by default", async () => {
    const map = await wellbeingHeatmap(t.db, CENTRE, ORG, null);
    expect(map.round).toBe("2025-efteraar");
    expect(map.rows.map((r) => [r.name, r.depth])).toEqual([["Familiecentret", 0], ["Team A", 1], ["Team B", 1]]);
    const trivsel = map.dimensions.findIndex((d) => d.key === "trivsel");
    expect(map.organisation[trivsel]!.score).toBe(68);
    expect(map.rows[1]!.cells[trivsel]).toEqual({ cell: { score: 65, hidden: null, respondents: 9, invited: 11 }, relative: "similar" });
    // Hidden groups: no score, no size, no reading against the organisation.
    expect(map.rows[2]!.cells[trivsel]).toEqual({ cell: { score: null, hidden: "too_few", respondents: null, invited: null }, relative: null });
    const role = map.dimensions.findIndex((d) => d.key === "rolleklarhed");
    expect(map.rows[1]!.cells[role]!.cell!.hidden).toBe("complementary");
    expect(map.truncated).toBe(false);
  });

  it("shows an earlier round when asked, and the latest for a round it does not know", async () => {
    const spring = await wellbeingHeatmap(t.db, CENTRE, ORG, "2025-foraar");
    const trivsel = spring.dimensions.findIndex((d) => d.key === "trivsel");
    expect(spring.rows[1]!.cells[trivsel]!.relative).toBe("much_worse");
    expect((await wellbeingHeatmap(t.db, CENTRE, ORG, "1999-foraar")).round).toBe("2025-efteraar");
  });
});

describe("wellbeing since a plan started", () => {
  it("compares the last round before the start with the latest after it, shown figures only", async () => {
    const starts = await planStarts(t.db, [1, 2]);
    expect(starts).toEqual(expect.arrayContaining([{ id: 1, unitId: TEAM_A, startedOn: "2025-05-10", themes: [] }]));
    const progress = await plansWellbeingProgress(t.db, starts);
    expect(progress.get(1)).toMatchObject({ baseline: "2025-foraar", latest: "2025-efteraar", better: 1, worse: 0, verdict: "improving" });
    // Team B has no shown round before its plan and a hidden one after: nothing to compare.
    expect(progress.get(2)).toMatchObject({ baseline: null, verdict: "no_comparison" });
  });
});
