// OS2mo end to end against a local OS2mo (GraphQL v29 from its published schema, a token endpoint):
// sync, aggregate, and the turnover and load figures equal those of the same organisation imported
// from contract files, and the hand-worked figures. Then: unchanged, auth, connection, a bad record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { startOs2moServer, type Os2moServer } from "../../demo/os2mo/server";
import { queryRows } from "../../db/client";
import { connections } from "../../db/schema";
import { resetEnvCache } from "../../env";
import { syncConnection, testConnection } from "../../connectors/sync";
import { pseudonymiseEmployee } from "../../db/privacy/pseudonymise";
import { pseudonymisationKey } from "../../db/privacy/key";
import { OS2MO_ENGAGEMENTS, OS2MO_MANAGERS, OS2MO_ORG_UNITS, OS2MO_ROLE_TABLE } from "../../demo/os2mo/organisation";
import { TODAY, addConnection, expectHandFigures, figures, importContract, importContractOrganisation } from "./connectors-helpers";

describe("OS2mo connection", () => {
  let synced: TestDatabase;
  let fromFiles: TestDatabase;
  let mo: Os2moServer;
  const savedToday = process.env.APP_TODAY;

  beforeAll(async () => {
    process.env.APP_TODAY = TODAY;
    [synced, fromFiles] = await Promise.all([createTestDatabase("con_mo"), createTestDatabase("con_mo_files")]);
    mo = await startOs2moServer(
      { orgUnits: structuredClone(OS2MO_ORG_UNITS), engagements: structuredClone(OS2MO_ENGAGEMENTS), managers: structuredClone(OS2MO_MANAGERS) },
      { today: TODAY },
    );
    process.env.OS2MO_CLIENT_SECRET = mo.clientSecret;
    resetEnvCache();
    await addConnection(synced.db, "os2mo", "os2mo", {
      url: mo.url, tokenUrl: mo.tokenUrl, clientId: mo.clientId, pageSize: 2, roles: OS2MO_ROLE_TABLE,
    });
  });

  afterAll(async () => {
    await mo?.close();
    await Promise.all([synced?.drop(), fromFiles?.drop()]);
    if (savedToday === undefined) delete process.env.APP_TODAY;
    else process.env.APP_TODAY = savedToday;
    delete process.env.OS2MO_CLIENT_SECRET;
    resetEnvCache();
  });

  it("tests the connection with a token and a query", async () => {
    expect(await testConnection(synced.db, "os2mo")).toMatchObject({ ok: true });
  });

  it("syncs through the importer, paged, and the figures equal the contract files' and the hand-worked ones", async () => {
    mo.requests.length = 0;
    const result = await syncConnection(synced.db, "os2mo", { actor: "test", today: TODAY });
    expect(result.problem).toBeNull();
    expect(result.outcome).toBe("accepted");
    expect(result.imports.map((r) => [r.kind, r.outcome])).toEqual([["units", "accepted"], ["employments", "accepted"]]);
    // Paged for real: 7 engagements at 2 a page are 4 requests, each validated without errors.
    expect(mo.requests.filter((r) => r.operation === "BelastningEngagements")).toHaveLength(4);
    expect(mo.requests.every((r) => r.errors === 0)).toBe(true);
    const log = await queryRows<{ source: string; kind: string }>(synced.db, sql`select source, kind from import_log order by id`);
    expect(log).toEqual([{ source: "connection:os2mo", kind: "units" }, { source: "connection:os2mo", kind: "employments" }]);

    await importContract(synced.db, "case-periods", "case_periods.csv");
    await importContractOrganisation(fromFiles.db);
    const [fromSync, fromContract] = await Promise.all([figures(synced.db), figures(fromFiles.db)]);
    expect(fromSync).toEqual(fromContract);
    expectHandFigures(fromSync);
  });

  it("a second sync asks OS2mo only for what was registered since the last one; nothing new is unchanged and writes no import", async () => {
    const before = await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from import_log`);
    mo.requests.length = 0;
    const result = await syncConnection(synced.db, "os2mo", { actor: "test", today: TODAY });
    expect(result.outcome).toBe("unchanged");
    expect(result.imports).toEqual([]);
    // The filtered query, validated by the schema, one empty page of each kind.
    expect(mo.requests.map((r) => r.operation)).toEqual(["BelastningOrgUnits", "BelastningEngagements", "BelastningManagers"]);
    expect(mo.requests.every((r) => r.errors === 0 && typeof r.variables.registeredSince === "string")).toBe(true);
    expect(result.notes).toMatchObject({ incremental: 1, orgUnits: 0, engagements: 0, managers: 0 });
    const after = await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from import_log`);
    expect(after).toEqual(before);
  });

  it("a change in OS2mo is read alone by the next sync, merged, and gives the figures of a full resync", async () => {
    const [{ state: first }] = await synced.db.select({ state: connections.state }).from(connections).where(eq(connections.name, "os2mo"));
    const since = (first as { adapter: { readAt: string } }).adapter.readAt;
    // A new engagement, and one of B's two half-time engagements going to 0.6 FTE.
    mo.upsert("engagements", {
      uuid: "40000000-0000-4000-8000-0000000000f1",
      validities: [{ ...OS2MO_ENGAGEMENTS[0].validities[0], employee_uuid: "20000000-0000-4000-8000-00000000000f", validity: { from: "2024-11-01T00:00:00+01:00", to: null } }],
    } as never);
    const changed = OS2MO_ENGAGEMENTS.find((e) => e.validities[0].fraction === 500_000)!;
    mo.upsert("engagements", { ...changed, validities: changed.validities.map((v) => ({ ...v, fraction: 600_000 })) } as never);
    mo.requests.length = 0;
    const result = await syncConnection(synced.db, "os2mo", { actor: "test", today: TODAY });
    expect(result.problem).toBeNull();
    expect(result.outcome).toBe("accepted");
    expect(result.rowsChanged).toBeGreaterThan(0);
    expect(result.notes).toMatchObject({ incremental: 1, orgUnits: 0, engagements: 2, managers: 0 });
    // Asked from the last successful sync's start (less the overlap for clock skew), not from the beginning.
    const asked = mo.requests.map((r) => Date.parse(String(r.variables.registeredSince)));
    expect(asked.every((t) => t <= Date.parse(since) && t > Date.parse(since) - 11 * 60_000)).toBe(true);

    const [{ state: incremental }] = await synced.db.select({ state: connections.state }).from(connections).where(eq(connections.name, "os2mo"));
    const afterIncremental = await figures(synced.db);
    mo.requests.length = 0;
    const resync = await syncConnection(synced.db, "os2mo", { actor: "test", today: TODAY, full: true });
    expect(resync.problem).toBeNull();
    expect(resync.rowsChanged).toBe(0);
    expect(resync.notes).toMatchObject({ incremental: 0, orgUnits: 4, engagements: OS2MO_ENGAGEMENTS.length + 1, managers: OS2MO_MANAGERS.length });
    expect(mo.requests.every((r) => r.variables.registeredSince === null)).toBe(true);
    const [{ state: full }] = await synced.db.select({ state: connections.state }).from(connections).where(eq(connections.name, "os2mo"));
    // The same rows (fingerprint) and the same figures as reading everything.
    expect((full as { fingerprint: string }).fingerprint).toBe((incremental as { fingerprint: string }).fingerprint);
    expect(await figures(synced.db)).toEqual(afterIncremental);
  });

  it("leaves out a person pseudonymised under GDPR instead of refusing the whole sync", async () => {
    const [person] = await queryRows<{ id: string }>(synced.db, sql`select employee_id as id from employments order by employee_id limit 1`);
    await pseudonymiseEmployee(synced.db, person.id, { reason: "erasure_request", note: "test", digestKey: pseudonymisationKey() });
    const resync = await syncConnection(synced.db, "os2mo", { actor: "test", today: TODAY, full: true });
    expect(resync.problem).toBeNull();
    expect(resync.outcome).not.toBe("failed");
    const back = await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from employees where id = ${person.id}`);
    expect(back[0].n).toBe(0);
  });

  it("a wrong secret is an auth failure that changes nothing", async () => {
    const rows = await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from employments`);
    process.env.OS2MO_CLIENT_SECRET = "wrong";
    resetEnvCache();
    try {
      const result = await syncConnection(synced.db, "os2mo", { actor: "test", today: TODAY, full: true });
      expect(result.outcome).toBe("failed");
      expect(result.problem?.kind).toBe("auth");
      expect((await testConnection(synced.db, "os2mo")).ok).toBe(false);
    } finally {
      process.env.OS2MO_CLIENT_SECRET = mo.clientSecret;
      resetEnvCache();
    }
    expect(await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from employments`)).toEqual(rows);
  });

  it("a source that cannot be reached is a connection failure", async () => {
    await synced.db.update(connections).set({ settings: { url: "http://127.0.0.1:9", tokenUrl: "http://127.0.0.1:9/token", clientId: "x", roles: OS2MO_ROLE_TABLE } }).where(eq(connections.name, "os2mo"));
    const result = await syncConnection(synced.db, "os2mo", { actor: "test", today: TODAY });
    expect(result.problem?.kind).toBe("connection");
    await synced.db.update(connections).set({ settings: { url: mo.url, tokenUrl: mo.tokenUrl, clientId: mo.clientId, roles: OS2MO_ROLE_TABLE } }).where(eq(connections.name, "os2mo"));
  });

  it("a bad record stops the sync with its id and nothing is written", async () => {
    const before = await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from employments`);
    mo.data.engagements.push({
      uuid: "40000000-0000-4000-8000-0000000000bad",
      validities: [{ ...OS2MO_ENGAGEMENTS[0].validities[0], job_function_response: { current: { user_key: "Ukendt" } } }],
    } as never);
    const result = await syncConnection(synced.db, "os2mo", { actor: "test", today: TODAY, full: true });
    expect(result.outcome).toBe("failed");
    expect(result.problem).toMatchObject({ kind: "record", recordId: "40000000-0000-4000-8000-0000000000bad" });
    expect(await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from employments`)).toEqual(before);
    mo.data.engagements.pop();
  });

  it("rows the importer rejects roll back the units as well, and the rejection is in the history", async () => {
    const unitsBefore = await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from units`);
    mo.data.orgUnits.push({ uuid: "10000000-0000-4000-8000-000000000009", validities: [{ ...OS2MO_ORG_UNITS[3].validities[1], user_key: "T-VEST", name: "Team Vest" }] } as never);
    // A period stored by an earlier file import that the sync's rows overlap without restating it:
    // only the importer's checks against the database can find that.
    const person = "20000000-0000-4000-8000-000000000010";
    mo.data.engagements.push({
      uuid: "40000000-0000-4000-8000-0000000000f2",
      validities: [{ ...OS2MO_ENGAGEMENTS[0].validities[0], employee_uuid: person, validity: { from: "2024-10-01T00:00:00+01:00", to: null } }],
    } as never);
    await synced.db.execute(sql`insert into employees (id) values (${person})`);
    await synced.db.execute(sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date)
      select ${person}, id, 'caseworker', false, 1, '2024-10-15' from units where code = 'T-NORD'`);
    const result = await syncConnection(synced.db, "os2mo", { actor: "test", today: TODAY, full: true });
    expect(result.outcome).toBe("failed");
    expect(result.problem?.kind).toBe("rejected");
    expect(await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from units`)).toEqual(unitsBefore);
    const [last] = await queryRows<{ outcome: string; source: string; kind: string }>(synced.db, sql`select outcome, source, kind from import_log order by id desc limit 1`);
    expect(last).toEqual({ outcome: "rejected", source: "connection:os2mo", kind: "employments" });
  });
});
