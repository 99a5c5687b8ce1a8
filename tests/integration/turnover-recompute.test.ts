// The set-based SQL (jobs/recompute/stages/hr/recompute.ts + db/presenters/turnover.ts) must give exactly the figures
// of the pure definitions (domain/turnover.ts) for every unit and several kinds of period,
// on generated data with transfers, double employments, managers stepping down and gaps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows } from "../../db/client";
import { employees, employments, units } from "../../db/schema";
import { rebuildUnitClosure } from "../../db/unit-tree";
import { recomputeHr } from "../../jobs/recompute/stages/hr/recompute";
import { departuresList, rollingTurnoverSeries, turnoverTable } from "../../db/presenters/turnover";
import { buildTurnoverExport } from "../../exports/turnover";
import { tableToCsv } from "../../exports/table";
import { addDays, rolling12Months, type IsoDate } from "../../domain/calendar";
import { departures, figuresFromCounts, subtreeOf, turnoverCounts, type HrEmployment, type HrUnit } from "../../domain/turnover";

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REASONS = ["resignation", "dismissal", "retirement", "fixed_term_end", "other"] as const;

/** Root → 2 centres → 3 departments each → 3 teams each: 27 units. */
function buildTree(): { id: number; code: string; name: string; parentId: number | null; kind: "organisation" | "centre" | "department" | "team" }[] {
  const tree: ReturnType<typeof buildTree> = [{ id: 1, code: "ORG", name: "Kommunen", parentId: null, kind: "organisation" }];
  let id = 2;
  for (let c = 0; c < 2; c++) {
    const centre = id++;
    tree.push({ id: centre, code: `C${c}`, name: `Center ${c}`, parentId: 1, kind: "centre" });
    for (let d = 0; d < 3; d++) {
      const department = id++;
      tree.push({ id: department, code: `C${c}D${d}`, name: `Afdeling ${c}.${d}`, parentId: centre, kind: "department" });
      for (let t = 0; t < 3; t++) tree.push({ id: id++, code: `C${c}D${d}T${t}`, name: `Team ${c}.${d}.${t}`, parentId: department, kind: "team" });
    }
  }
  return tree;
}

/**
 * Per employee a timeline of back-to-back or gapped stints in teams (a transfer starts the next
 * day elsewhere), sometimes a same-unit manager stint that ends while the person stays, sometimes
 * a part-time second job in another team inside a stint (some ending the same day as the stint).
 */
function generate(teamIds: number[], people: number, seed: number): HrEmployment[] {
  const random = prng(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const result: HrEmployment[] = [];
  for (let p = 0; p < people; p++) {
    const employeeId = `E${String(p).padStart(5, "0")}`;
    let start: IsoDate = addDays("2020-06-01", Math.floor(random() * 1500));
    let unit = pick(teamIds);
    for (let stint = 0; stint < 4; stint++) {
      const open = random() < 0.25;
      const end = open ? null : addDays(start, 20 + Math.floor(random() * 500));
      const manager = random() < 0.15;
      const next = random();
      if (manager && end && random() < 0.5) {
        // Manager steps down and stays in the same team: the manager stint ends, a staff stint follows.
        result.push({ employeeId, unitId: unit, role: "manager", isManager: true, fte: 1, startDate: start, endDate: end, endReason: "other" });
      } else {
        const reason = end ? (next < 0.4 ? "internal_transfer" : pick(REASONS)) : null;
        result.push({ employeeId, unitId: unit, role: manager ? "manager" : pick(["caseworker", "specialist", "other"]), isManager: manager, fte: 0.8, startDate: start, endDate: end, endReason: reason });
      }
      if (random() < 0.2) {
        const other = pick(teamIds.filter((t) => t !== unit));
        const sideStart = addDays(start, Math.floor(random() * 10));
        const sideEnd = end === null ? (random() < 0.5 ? null : addDays(sideStart, 15)) : random() < 0.4 ? end : addDays(sideStart, Math.min(15, Math.max(0, Math.floor((Date.parse(end) - Date.parse(sideStart)) / 864e5)))) ;
        if (sideEnd === null || sideEnd >= sideStart) {
          result.push({ employeeId, unitId: other, role: "caseworker", isManager: false, fte: 0.2, startDate: sideStart, endDate: sideEnd, endReason: sideEnd ? pick(REASONS) : null });
        }
      }
      if (!end) break;
      // Transfer the next day (sometimes to the same team as a staff member), or a gap before rejoining.
      const gap = next < 0.5 ? 1 : 1 + Math.floor(random() * 200);
      start = addDays(end, gap);
      const stepDown = result.at(-1)?.isManager && random() < 0.5;
      unit = stepDown ? unit : pick(teamIds);
      if (start > "2025-06-30") break;
    }
  }
  return result;
}

let database: TestDatabase;
const tree = buildTree();
const hrUnits: HrUnit[] = tree.map((u) => ({ id: u.id, parentId: u.parentId }));
const teamIds = tree.filter((u) => u.kind === "team").map((u) => u.id);
const data = generate(teamIds, 1200, 20240601);

beforeAll(async () => {
  database = await createTestDatabase("turnover");
  const db = database.db;
  await db.transaction(async (tx) => {
    await tx.insert(units).values(tree.map((u) => ({ id: u.id, code: u.code, name: u.name, parentId: u.parentId, kind: u.kind })));
    await tx.execute(sql`select setval('units_id_seq', 100)`);
    await rebuildUnitClosure(tx);
    const ids = [...new Set(data.map((e) => e.employeeId))];
    await tx.insert(employees).values(ids.map((id) => ({ id, displayName: `Person ${id}` })));
    for (let i = 0; i < data.length; i += 500) await tx.insert(employments).values(data.slice(i, i + 500) as (typeof employments.$inferInsert)[]);
  });
  await recomputeHr(db);
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

const PERIODS: [IsoDate, IsoDate][] = [
  ["2024-01-01", "2024-12-31"], // a calendar year: whole months only
  ["2023-03-15", "2023-05-10"], // cuts both edge months
  ["2022-02-01", "2022-02-28"], // one whole month
  ["2021-12-20", "2022-01-10"], // across a year end, two cut months
  ["2023-06-07", "2023-06-21"], // inside one month
  ["2019-01-01", "2019-12-31"], // before anybody was employed
];

describe("HR rollups against the pure definitions", () => {
  it("generated data has the cases the definitions care about", () => {
    expect(data.length).toBeGreaterThan(2000);
    expect(data.filter((e) => e.isManager && e.endReason === "other").length).toBeGreaterThan(20);
    expect(data.filter((e) => e.endReason === "internal_transfer").length).toBeGreaterThan(100);
    expect(data.filter((e) => e.fte === 0.2).length).toBeGreaterThan(100);
  });

  for (const [from, to] of PERIODS) {
    it(`every unit's figures for ${from} – ${to} equal the pure functions`, async () => {
      const report = await turnoverTable(database.db, null, from, to);
      expect(report.rows).toHaveLength(tree.length);
      for (const row of report.rows) {
        const expected = figuresFromCounts(turnoverCounts(data, subtreeOf(hrUnits, row.unit.id), from, to), from, to);
        expect({ unit: row.unit.code, ...row.current }).toEqual({ unit: row.unit.code, ...expected });
      }
    });
  }

  it("the year-earlier column is the same computation a year back", async () => {
    const report = await turnoverTable(database.db, 2, "2024-03-01", "2025-02-28");
    expect([report.previousFrom, report.previousTo]).toEqual(["2023-03-01", "2024-02-29"]);
    for (const row of report.rows) {
      expect(row.previous).toEqual(figuresFromCounts(turnoverCounts(data, subtreeOf(hrUnits, row.unit.id), "2023-03-01", "2024-02-29"), "2023-03-01", "2024-02-29"));
    }
  });

  it("the rolling 12-month series equals the pure rolling figures month by month", async () => {
    const series = await rollingTurnoverSeries(database.db, 2, 36, "2024-12-01");
    expect(series).toHaveLength(36);
    expect(series[0].month).toBe("2022-01-01");
    for (const point of series) {
      const { from, to } = rolling12Months(point.month);
      const f = figuresFromCounts(turnoverCounts(data, subtreeOf(hrUnits, 2), from, to), from, to);
      expect([point.turnoverPct, point.managerTurnoverPct, point.avgHeadcount]).toEqual([f.turnoverPct, f.managerTurnoverPct, f.avgHeadcount]);
    }
  });

  it("the departure list of a unit is the pure list, with kinds and reasons", async () => {
    for (const unitId of [1, 2, 5, teamIds[0]]) {
      const list = await departuresList(database.db, { unitId, from: "2023-01-01", to: "2024-12-31" }, () => true);
      const expected = departures(data, subtreeOf(hrUnits, unitId), "2023-01-01", "2024-12-31");
      const key = (d: { date: string; employeeId: string }) => `${d.date} ${d.employeeId}`;
      expect(list.map(key).sort()).toEqual(expected.map(key).sort());
      const byKey = new Map(expected.map((d) => [key(d), d]));
      for (const row of list) {
        const d = byKey.get(key(row))!;
        expect([row.kind, row.voluntary, row.endReason, row.fromUnitId, row.role]).toEqual([d.internalTransfer ? "internal" : "external", d.voluntary, d.endReason, d.unitId, d.role]);
      }
    }
  });

  it("hides names and ids where the viewer may not see them", async () => {
    const list = await departuresList(database.db, { unitId: 1, from: "2024-01-01", to: "2024-12-31", kind: "voluntary" }, (u) => u === teamIds[0]);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r) => r.voluntary && r.kind === "external")).toBe(true);
    // A leaver who managed the team is named only to managers above it (issue #13): not here.
    const managers = new Set((await queryRows<{ id: string; date: string }>(database.db, sql`
      select employee_id as id, event_date::text as date from hr_events where population = 'manager' and kind = 'departure'`)).map((m) => `${m.id} ${m.date}`));
    for (const row of list) {
      const managed = [...managers].some((m) => m.endsWith(` ${row.date}`) && row.displayName !== null && m.startsWith(`${row.employeeId} `));
      expect(managed).toBe(false);
      if (row.fromUnitId !== teamIds[0]) expect(row.displayName).toBeNull();
    }
    expect(list.some((r) => r.fromUnitId === teamIds[0] && r.displayName !== null)).toBe(true);
  });

  it("the stored 12-month windows (status and radar turnover) equal the pure figures, for every unit and month", async () => {
    const rows = await queryRows<{ month: string; unitId: number; departures: number; managerDepartures: number; headcountDays: number; days: number }>(database.db, sql`
      select month::text as month, unit_id as "unitId", departures, manager_departures as "managerDepartures",
             headcount_days::int as "headcountDays", days from hr_unit_rolling_12m order by month, unit_id`);
    const [bounds] = await queryRows<{ first: string; last: string; units: number }>(database.db, sql`
      select min(month)::text as first, max(month)::text as last, (select count(*)::int from units) as units from hr_unit_month`);
    // Dense: every unit in every month from the first to the last month hr_unit_month holds.
    const months = new Set(rows.map((r) => r.month));
    expect(rows.length).toBe(months.size * bounds.units);
    expect([...months][0]).toBe(bounds.first);
    expect([...months].at(-1)).toBe(bounds.last);
    const sample = [...months].filter((_, i) => i % 7 === 0);
    for (const row of rows.filter((r) => sample.includes(r.month) && [1, 2, 5, teamIds[0], teamIds[7]].includes(r.unitId))) {
      const { from, to } = rolling12Months(row.month);
      const f = figuresFromCounts(turnoverCounts(data, subtreeOf(hrUnits, row.unitId), from, to), from, to);
      expect(row).toEqual({ month: row.month, unitId: row.unitId, departures: f.departures, managerDepartures: f.managerDepartures, headcountDays: f.headcountDays, days: f.days });
    }
  });

  it("a range recompute after an employment changes leaves the 12-month windows a full recompute writes", async () => {
    const rolling = () => queryRows(database.db, sql`select * from hr_unit_rolling_12m order by month, unit_id`);
    const changed = data.find((e) => e.endDate !== null && e.endDate > "2023-02-01" && e.endDate < "2023-11-01")!;
    const moved = addDays(changed.endDate!, -40);
    const where = sql`employee_id = ${changed.employeeId} and start_date = ${changed.startDate} and unit_id = ${changed.unitId}`;
    const before = await rolling();
    try {
      await database.db.execute(sql`update employments set end_date = ${moved} where ${where}`);
      await recomputeHr(database.db, { from: moved, to: changed.endDate! });
      const ranged = await rolling();
      expect(ranged).not.toEqual(before);
      await recomputeHr(database.db);
      expect(await rolling()).toEqual(ranged);
    } finally {
      await database.db.execute(sql`update employments set end_date = ${changed.endDate} where ${where}`);
      await recomputeHr(database.db);
    }
    expect(await rolling()).toEqual(before);
  });

  it("recomputing again leaves identical tables", async () => {
    const dump = async () => ({
      events: await queryRows(database.db, sql`select * from hr_events order by unit_id, population, kind, event_date, employee_id`),
      steps: await queryRows(database.db, sql`select * from hr_headcount_steps order by unit_id, population, change_date`),
      months: await queryRows(database.db, sql`select * from hr_unit_month order by unit_id, month`),
      rolling: await queryRows(database.db, sql`select * from hr_unit_rolling_12m order by month, unit_id`),
    });
    const before = await dump();
    await recomputeHr(database.db);
    await recomputeHr(database.db, { from: "2023-01-01", to: "2023-12-31" });
    expect(await dump()).toEqual(before);
  });

  it("the export of a unit lists it and its subtree with the contract's columns", async () => {
    const csv = tableToCsv(await buildTurnoverExport(database.db, { from: "2024-01-01", to: "2024-12-31", unitCode: "C1" })).toString("utf8");
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("unit_code;unit_name;period_from;period_to;avg_headcount;departures;turnover_pct;manager_avg_headcount;manager_departures;manager_turnover_pct;voluntary_departures;internal_transfers_out;hires");
    expect(lines.slice(1).map((l) => l.split(";")[0])).toEqual(["C1", "C1D0", "C1D0T0", "C1D0T1", "C1D0T2", "C1D1", "C1D1T0", "C1D1T1", "C1D1T2", "C1D2", "C1D2T0", "C1D2T1", "C1D2T2"]);
    await expect(buildTurnoverExport(database.db, { from: "2024-01-01", to: "2024-12-31", unitCode: "NOPE" })).rejects.toThrow("unknown unit code NOPE");
  });
});
