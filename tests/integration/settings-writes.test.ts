// The administrator's settings writes: each change audited in its transaction and followed by the
// recompute request it needs; an unchanged form writes nothing; a label alone asks for no recompute.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows } from "../../db/client";
import { catalogues, unitThresholds } from "../../db/presenters/settings";
import { saveCaseType, saveDimension, setComplexityWeights, setUnitThresholds } from "../../db/commands/settings";

let t: TestDatabase;
const ADMIN = { userId: 1 };
const none = { casesPerFte: null, weightedLoad: null, emotionalSharePct: null, turnover12mPct: null };

beforeAll(async () => {
  t = await createTestDatabase("settings");
  await t.db.execute(sql`insert into users (id, email, display_name) values (1, 'admin@x.dk', 'Admin')`);
  await t.db.execute(sql`insert into units (id, code, name, kind, parent_id) values (1, 'ORG', 'Kommunen', 'organisation', null), (2, 'TA', 'Team A', 'team', 1)`);
  await t.db.execute(sql`insert into unit_closure values (1, 1, 0), (2, 2, 0), (1, 2, 1)`);
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

const requests = () => queryRows<{ source: string; unitIds: number[] | null; fromDate: string | null }>(t.db, sql`
  select source, unit_ids as "unitIds", from_date::text as "fromDate" from recompute_requests order by id`);
const audits = (entity: string) => queryRows<{ before: unknown; after: unknown }>(t.db, sql`
  select before, after from audit_log where entity = ${entity} order by id`);

describe("thresholds", () => {
  it("inherits from the parent until set, then audits the change and requests a full recompute of the subtree", async () => {
    await setUnitThresholds(t.db, 1, { ...none, casesPerFte: 22 }, ADMIN);
    expect((await unitThresholds(t.db, 2))!.rows[0]).toMatchObject({ effective: 22, source: { kind: "inherited", unitName: "Kommunen" } });
    const result = await t.db.transaction((tx) => setUnitThresholds(tx as unknown as typeof t.db, 2, { ...none, casesPerFte: 18 }, ADMIN));
    expect(result.changed).toBe(true);
    expect((await unitThresholds(t.db, 2))!.rows[0]).toMatchObject({ own: 18, effective: 18, source: { kind: "own" } });
    expect((await audits("unit_settings")).at(-1)).toEqual({ before: none, after: { ...none, casesPerFte: 18 } });
    expect((await requests()).map((r) => [r.source, r.unitIds, r.fromDate])).toEqual([
      ["settings:thresholds", [1, 2], null], ["settings:thresholds", [2], null],
    ]);
  });

  it("writes nothing for an unchanged form", async () => {
    const before = (await requests()).length;
    expect(await setUnitThresholds(t.db, 2, { ...none, casesPerFte: 18 }, ADMIN)).toEqual({ changed: false, requestId: null });
    expect((await requests()).length).toBe(before);
  });
});

describe("weights and catalogues", () => {
  it("audits new weights and recomputes the whole history", async () => {
    const result = await setComplexityWeights(t.db, { w1: 1, w2: 1.6, w3: 2.5 }, ADMIN);
    expect(result.requestId).not.toBeNull();
    expect((await audits("organisation_settings")).at(-1)).toEqual({ before: { w1: 1, w2: 1.5, w3: 2 }, after: { w1: 1, w2: 1.6, w3: 2.5 } });
    expect((await requests()).at(-1)!.source).toBe("settings:weights");
  });

  it("recomputes for a case type's specialised flag, not for its label or default complexity", async () => {
    const koersel = (await catalogues(t.db)).caseTypes.find((c) => c.key === "koersel")!;
    expect((await saveCaseType(t.db, { ...koersel, labelDa: "Kørsel (befordring)", defaultComplexity: 2 }, false, ADMIN)).requestId).toBeNull();
    expect((await saveCaseType(t.db, { ...koersel, labelDa: "Kørsel (befordring)", defaultComplexity: 2, specialised: true }, false, ADMIN)).requestId).not.toBeNull();
    expect((await requests()).at(-1)!.source).toBe("settings:case-types");
    expect((await audits("case_type")).length).toBe(2);
    await expect(saveCaseType(t.db, { ...koersel }, true, ADMIN)).rejects.toThrow("exists");
  });

  it("recomputes the radar for a dimension's direction or theme, and adds a new one without", async () => {
    const trivsel = (await catalogues(t.db)).dimensions.find((d) => d.key === "trivsel")!;
    expect((await saveDimension(t.db, { ...trivsel, atTheme: "workload_time_pressure" }, false, ADMIN, "2025-06-16")).requestId).not.toBeNull();
    expect((await requests()).at(-1)).toMatchObject({ source: "settings:dimensions", fromDate: "2025-06-09" });
    expect((await saveDimension(t.db, { key: "mening", labelDa: "Mening i arbejdet", labelEn: "Meaning of work", higherIsBetter: true, atTheme: null }, true, ADMIN, "2025-06-16")).requestId).toBeNull();
    expect((await catalogues(t.db)).dimensions.some((d) => d.key === "mening")).toBe(true);
  });
});
