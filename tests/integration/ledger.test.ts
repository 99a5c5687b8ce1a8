// The load ledger kept by the importer equals one rebuilt from the facts after every kind of
// change (first load, replaced histories, competences, employment changes), and a writer that
// bypasses it marks it stale so the next aggregation rebuilds it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { importRows, type ImportKind } from "../../import";
import { checkLedger, ledgerDirty, rebuildLedger } from "../../db/load-ledger";
import { caseworkerWindowStart } from "../../domain/caseload";
import { earliestFact, runAggregation } from "../../jobs/recompute/pipeline";
import { createTestDatabase, type TestDatabase } from "../helpers/services";

let t: TestDatabase;
const TODAY = "2025-03-30";

beforeAll(async () => {
  t = await createTestDatabase("ledger");
});
afterAll(async () => {
  await t?.drop();
});

async function load(kind: ImportKind, rows: Record<string, string>[]) {
  const r = await importRows(t.db, { kind, rows, fileName: `${kind}.csv`, actor: "test" });
  expect(r.outcome, JSON.stringify(r.errors)).toBe("accepted");
  return r;
}

async function expectKept() {
  expect(await ledgerDirty(t.db)).toBe(false);
  const check = await checkLedger(t.db);
  expect(check.rows).toBeGreaterThan(0);
  expect(check.differing).toBe(0);
}

const period = (caseId: string, start: string, end: string, unit: string, worker: string, type: string, complexity = "", flags = "") =>
  ({ case_id: caseId, period_start: start, period_end: end, unit_code: unit, caseworker_id: worker, case_type: type, complexity, emotional_flags: flags });

describe("the load ledger", () => {
  it("is kept by every import of the facts it sums, equal to a rebuild each time", async () => {
    await load("units", [
      { unit_code: "K", name: "Kommune", parent_code: "", kind: "organisation" },
      { unit_code: "A", name: "Team A", parent_code: "K", kind: "team" },
      { unit_code: "B", name: "Team B", parent_code: "K", kind: "team" },
    ]);
    // A new database holds no ledger yet: stale until the first rebuild.
    expect(await ledgerDirty(t.db)).toBe(true);
    // The holders' ledger kept apart from the start of 2024, so every change below lands in its own weeks.
    await rebuildLedger(t.db, { windowStart: "2024-01-01" });
    const job = (id: string, unit: string, role: string, fte: string, start: string, end = "") =>
      ({ employee_id: id, display_name: id, unit_code: unit, role, is_manager: "", fte, start_date: start, end_date: end, end_reason: end ? "resignation" : "" });
    await load("employments", [
      job("E1", "A", "caseworker", "1", "2024-01-01"), job("E2", "A", "specialist", "0.5", "2024-03-13", "2024-11-30"),
      job("E3", "B", "caseworker", "0.8", "2024-02-04"), job("E4", "B", "administrative", "1", "2024-01-01"),
    ]);
    await expectKept();
    // First load: every case new (the direct write).
    const first = await load("case-periods", [
      period("C1", "2024-01-08", "2024-05-31", "A", "E1", "underretning"),
      period("C1", "2024-06-01", "", "B", "E3", "anbringelse", "", "overgreb"),
      period("C2", "2024-02-07", "2024-02-10", "A", "", "koersel"), // covers no Sunday
      period("C3", "2024-03-03", "2024-12-31", "A", "E2", "merudgifter", "2"),
      period("C4", "2024-04-01", "", "B", "", "tabt_arbejdsfortjeneste", "3", "vold_trusler|overgreb"),
      period("C5", "2024-04-01", "2024-09-29", "B", "E3", "tabt_arbejdsfortjeneste"),
    ]);
    expect(first.ledgerMs).toBeGreaterThanOrEqual(0);
    await expectKept();
    // Replaced histories: C1 closed and moved, C3 split, C5 untouched, C6 new.
    await load("case-periods", [
      period("C1", "2024-01-08", "2024-05-31", "A", "E1", "underretning"),
      period("C1", "2024-06-01", "2024-10-15", "A", "E1", "anbringelse"),
      period("C3", "2024-03-03", "2024-07-14", "A", "E2", "merudgifter", "2"),
      period("C3", "2024-07-15", "", "A", "", "merudgifter", "1", "hoejkonflikt"),
      period("C6", "2024-08-11", "", "B", "E3", "merudgifter"),
    ]);
    await expectKept();
    // Competences: a first one, an earlier one for the same type, and one the file repeats.
    await load("competences", [{ employee_id: "E3", case_type: "tabt_arbejdsfortjeneste", valid_from: "2024-06-12" }]);
    await expectKept();
    await load("competences", [
      { employee_id: "E3", case_type: "tabt_arbejdsfortjeneste", valid_from: "2024-05-05" },
      { employee_id: "E3", case_type: "tabt_arbejdsfortjeneste", valid_from: "2024-06-12" },
      { employee_id: "E2", case_type: "merudgifter", valid_from: "" },
    ]);
    await expectKept();
    // Employment changes: an end date moved, an FTE changed, a new employment.
    await load("employments", [
      job("E2", "A", "specialist", "0.5", "2024-03-13", "2024-12-31"), job("E3", "B", "caseworker", "0.6", "2024-02-04"),
      job("E5", "B", "caseworker", "1", "2024-10-01"),
    ]);
    await expectKept();
  });

  it("follows a new unit tree: only units whose inherited case-holding roles change move their FTE", async () => {
    await load("units", [{ unit_code: "P", name: "Psykologer", parent_code: "K", kind: "department" }]);
    await expectKept();
    // A settings change by SQL bypasses the ledger: stale, then rebuilt.
    await t.db.execute(sql`insert into unit_settings (unit_id, case_holding_roles) select id, '{psychologist}' from units where code = 'P'`);
    expect(await ledgerDirty(t.db)).toBe(true);
    await rebuildLedger(t.db);
    await load("employments", [{ employee_id: "E6", display_name: "E6", unit_code: "A", role: "psychologist", is_manager: "", fte: "0.75",
      start_date: "2024-05-01", end_date: "", end_reason: "" }]);
    await expectKept();
    const fte = async () => (await queryRows<{ fte: number }>(t.db, sql`select coalesce(sum(l.fte), 0)::int as fte from load_ledger l join units u on u.id = l.unit_id where u.code = 'A'`))[0].fte;
    const before = await fte();
    // Team A moves under P: its psychologist now holds cases.
    await load("units", [{ unit_code: "A", name: "Team A", parent_code: "P", kind: "team" }]);
    await expectKept();
    expect(await fte()).toBe(before + 7500);
    // A rename moves no unit: no unit's subtree holds other teams, so no subtree row is rewritten.
    const subtreeRows = async () => (await queryRows<{ r: string }>(t.db, sql`select ctid::text || ' ' || unit_id || ' ' || week_start as r from load_subtree_ledger order by 1`)).map((x) => x.r);
    const rows = await subtreeRows();
    expect(rows.length).toBeGreaterThan(0);
    await load("units", [{ unit_code: "A", name: "Team A (omdøbt)", parent_code: "P", kind: "team" }]);
    await expectKept();
    expect(await subtreeRows()).toEqual(rows);
  });

  it("a write that bypasses it marks it stale; the next aggregation rebuilds it and the figures follow", async () => {
    await t.db.execute(sql`update case_periods set period_end = '2024-09-01' where case_id = 'C4'`);
    expect(await ledgerDirty(t.db)).toBe(true);
    const stale = await checkLedger(t.db);
    expect(stale.differing).toBeGreaterThan(0);
    await t.db.transaction((tx) => runAggregation(tx, {}, TODAY));
    await expectKept();
    const [row] = await queryRows<{ open: number }>(t.db, sql`
      select l.open_cases as open from load_unit_week l join units u on u.id = l.unit_id
      where u.code = 'B' and l.week_start = '2024-09-02'`);
    // B on Sunday 2024-09-08: C1 (anbringelse) moved to A, C4 ended on the 1st; C5 and C6 are open.
    expect(row.open).toBe(2);
  });

  it("the weekly pipeline leaves the HR months as stored when nothing in the employments changed", async () => {
    const week = { from: "2024-09-02", to: "2024-09-09", hrChanged: false };
    const months = async () => (await queryRows<{ r: string }>(t.db, sql`select x::text as r from hr_unit_month x order by 1`)).map((x) => x.r);
    const weekly = () => t.db.transaction((tx) => runAggregation(tx, week, TODAY));
    // The imports above left their requests pending (no worker here): while any is, HR runs.
    expect((await weekly()).hrSkipped).toBe(false);
    await t.db.execute(sql`update recompute_requests set status = 'done', finished_at = now()`);
    await t.db.transaction((tx) => runAggregation(tx, {}, TODAY));
    const stored = await months();
    expect(stored.length).toBeGreaterThan(0);
    expect((await weekly()).hrSkipped).toBe(true);
    expect(await months()).toEqual(stored);
    // An employment changes (by hand, no request): the next weekly run recomputes the months.
    await t.db.execute(sql`update employments set end_date = '2024-09-04', end_reason = 'resignation' where employee_id = 'E1'`);
    const after = await weekly();
    expect(after.hrSkipped).toBe(false);
    expect(await months()).not.toEqual(stored);
    expect((await weekly()).hrSkipped).toBe(true);
  });

  it("the holders' ledger follows the caseworker window: folded forward, rebuilt for an earlier day, the same holder weeks as a rebuild", async () => {
    const horizon = async () => (await queryRows<{ h: string }>(t.db, sql`select holder_horizon::text as h from ledger_state`))[0].h;
    const holderWeeks = async () => (await queryRows<{ r: string }>(t.db, sql`
      select (w.unit_id, w.week_start, w.employee_id, w.open_cases, w.weighted_sum, w.flagged_cases, w.specialised_cases, w.mismatched_cases)::text as r
      from load_caseworker_week w order by 1`)).map((x) => x.r);
    await rebuildLedger(t.db, { windowStart: "2024-01-01" });
    // A history replaced while the horizon is early: its rows land in their own weeks.
    await load("case-periods", [period("C6", "2024-08-11", "2024-11-20", "B", "E3", "merudgifter", "3", "overgreb")]);
    await expectKept();
    // A later day: the horizon moves up to its window, the rows before folded into it.
    const later = "2024-12-29";
    await t.db.transaction((tx) => runAggregation(tx, {}, later));
    expect(await horizon()).toBe(caseworkerWindowStart(later));
    await expectKept();
    const folded = await holderWeeks();
    expect(folded.length).toBeGreaterThan(0);
    // A change before the new horizon (C5 now ends in August) lands on it, as the state the window starts from.
    await load("case-periods", [period("C5", "2024-04-01", "2024-08-04", "B", "E3", "tabt_arbejdsfortjeneste")]);
    await expectKept();
    await t.db.transaction((tx) => runAggregation(tx, {}, later));
    const kept = await holderWeeks();
    expect(kept).not.toEqual(folded);
    await rebuildLedger(t.db, { windowStart: caseworkerWindowStart(later) });
    await t.db.transaction((tx) => runAggregation(tx, {}, later));
    expect(await holderWeeks()).toEqual(kept);
    // An earlier day than the horizon: the holders' ledger is rebuilt for its window.
    await t.db.transaction((tx) => runAggregation(tx, {}, TODAY));
    expect(await horizon()).toBe(caseworkerWindowStart(TODAY));
    await expectKept();
  });
});

// The importer sums a file's periods per edge kind in one pass (grouping sets, db/load-ledger.ts
// periodLedgerGroupedSql); a rebuild sums one row per edge. Many random histories, through both
// import paths (first load, replaced histories), must give the rebuild's ledgers exactly.
describe("the load ledger kept from many random periods", () => {
  let r: TestDatabase;
  beforeAll(async () => {
    r = await createTestDatabase("ledger_random");
  });
  afterAll(async () => {
    await r?.drop();
  });

  it("equals a rebuild after a first load and after replaced histories", async () => {
    let state = 20;
    const random = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const day = (d: number) => new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const load = async (kind: ImportKind, rows: Record<string, string>[]) => {
      const result = await importRows(r.db, { kind, rows, fileName: `${kind}.csv`, actor: "test" });
      expect(result.outcome, JSON.stringify(result.errors.slice(0, 3))).toBe("accepted");
    };
    const teams = ["A", "B", "C"];
    const workers = ["E1", "E2", "E3", "E4", "E5", "E6"];
    const types = ["underretning", "anbringelse", "tabt_arbejdsfortjeneste", "merudgifter", "koersel"];
    await load("units", [
      { unit_code: "K", name: "Kommune", parent_code: "", kind: "organisation" },
      ...teams.map((code) => ({ unit_code: code, name: `Team ${code}`, parent_code: "K", kind: "team" })),
    ]);
    await load("employments", workers.map((id, i) => ({ employee_id: id, display_name: id, unit_code: teams[i % 3], role: "caseworker",
      is_manager: "", fte: "1", start_date: "2022-06-01", end_date: "", end_reason: "" })));
    // Competences from before, inside and after the history, and one always valid.
    await load("competences", [
      { employee_id: "E1", case_type: "tabt_arbejdsfortjeneste", valid_from: "2023-05-10" },
      { employee_id: "E2", case_type: "merudgifter", valid_from: "" },
      { employee_id: "E3", case_type: "merudgifter", valid_from: "2024-02-01" },
      { employee_id: "E4", case_type: "tabt_arbejdsfortjeneste", valid_from: "2022-01-01" },
      { employee_id: "E5", case_type: "tabt_arbejdsfortjeneste", valid_from: "2025-03-01" },
    ]);
    // The holders' horizon in the middle of the history: edges before it land on it.
    await rebuildLedger(r.db, { windowStart: "2023-10-02" });
    const histories = (cases: number, prefix: string) => {
      const rows: Record<string, string>[] = [];
      for (let c = 1; c <= cases; c++) {
        let d = Math.floor(random() * 700);
        const periods = 1 + Math.floor(random() * 4);
        for (let p = 0; p < periods; p++) {
          // Lengths of 0–90 days: some cover no Sunday, some end on one.
          const length = Math.floor(random() * 91);
          const open = p === periods - 1 && random() < 0.35;
          rows.push({ case_id: `${prefix}${c}`, period_start: day(d), period_end: open ? "" : day(d + length),
            unit_code: pick(teams), caseworker_id: random() < 0.15 ? "" : pick(workers), case_type: pick(types),
            complexity: pick(["", "1", "2", "3"]), emotional_flags: pick(["", "", "vold_trusler", "hoejkonflikt|overgreb"]) });
          d += length + 1 + Math.floor(random() * 3);
        }
      }
      return rows;
    };
    await load("case-periods", histories(600, "R"));
    await expectSame(r);
    // Half the cases again with new histories, and new ones: the staged path, old rows out.
    await load("case-periods", [...histories(300, "R"), ...histories(100, "S")]);
    await expectSame(r);
  });

  it("case_periods keeps only the indexes a query reads; a full run still starts at the first period", async () => {
    // Migration 0035: the date indexes went; each remaining one has a reader (docs/decisions/0018).
    const indexes = await queryRows<{ name: string }>(r.db, sql`select indexname as name from pg_indexes where tablename = 'case_periods' order by 1`);
    expect(indexes.map((i) => i.name)).toEqual(["case_periods_case_idx", "case_periods_caseworker_idx", "case_periods_pkey", "case_periods_unit_idx"]);
    // A period before every employment, in the team with the highest id: earliestFact finds it
    // through each unit's first period (case_periods_unit_idx), as min(period_start) would.
    const result = await importRows(r.db, { kind: "case-periods", fileName: "early.csv", actor: "test", rows: [{ case_id: "Z1",
      period_start: "2021-11-17", period_end: "2021-12-24", unit_code: "C", caseworker_id: "", case_type: "koersel", complexity: "", emotional_flags: "" }] });
    expect(result.outcome).toBe("accepted");
    const [{ first }] = await queryRows<{ first: string }>(r.db, sql`select min(period_start)::text as first from case_periods`);
    expect(first).toBe("2021-11-17");
    expect(await earliestFact(r.db)).toBe(first);
    await expectSame(r);
  });
});

async function expectSame(r: TestDatabase) {
  expect(await ledgerDirty(r.db)).toBe(false);
  const check = await checkLedger(r.db);
  expect(check.rows).toBeGreaterThan(500);
  expect(check.differing).toBe(0);
}
