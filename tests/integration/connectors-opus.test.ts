// KMD Opus end to end: delta files arrive in a folder; each sync reads the new ones on top of the
// last successful state; the figures equal the contract files' and the hand-worked ones; no CPR
// number reaches the database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows } from "../../db/client";
import { resetEnvCache } from "../../env";
import { syncConnection, testConnection } from "../../connectors/sync";
import { unknownReasonDepartures } from "../../db/presenters/turnover-reasons";
import { TODAY, addConnection, expectHandFigures, figures, importContract, importContractOrganisation } from "./connectors-helpers";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/connectors/opus");
const FILES = fs.readdirSync(fixtures).filter((n) => n.endsWith(".xml")).sort();
const CODES = { "100": "ORG", "200": "FAM", "310": "T-NORD", "320": "T-SYD" };
const CPRS = ["0101801111", "0202802222", "0303803333", "0404804444", "0505805555"];

describe("KMD Opus connection", () => {
  let synced: TestDatabase;
  let fromFiles: TestDatabase;
  let share: string;
  const savedToday = process.env.APP_TODAY;
  const copy = (names: string[]) => { for (const n of names) fs.copyFileSync(path.join(fixtures, n), path.join(share, n)); };

  beforeAll(async () => {
    process.env.APP_TODAY = TODAY;
    process.env.CONNECTOR_PSEUDONYM_SECRET = "opus-test-secret-0123456789abcdef0123";
    resetEnvCache();
    share = fs.mkdtempSync(path.join(os.tmpdir(), "opus-share-"));
    [synced, fromFiles] = await Promise.all([createTestDatabase("con_opus"), createTestDatabase("con_opus_files")]);
    await addConnection(synced.db, "opus", "opus", { folder: share, roles: { "Socialrådgiver": "caseworker" } });
  });

  afterAll(async () => {
    fs.rmSync(share, { recursive: true, force: true });
    await Promise.all([synced?.drop(), fromFiles?.drop()]);
    if (savedToday === undefined) delete process.env.APP_TODAY;
    else process.env.APP_TODAY = savedToday;
    delete process.env.CONNECTOR_PSEUDONYM_SECRET;
    resetEnvCache();
  });

  it("an empty share is unchanged; the test says so", async () => {
    expect((await testConnection(synced.db, "opus")).message).toMatch(/no delta files/);
    expect((await syncConnection(synced.db, "opus", { actor: "test", today: TODAY })).outcome).toBe("unchanged");
  });

  it("the first full file, then the deltas incrementally, give the contract files' figures", async () => {
    copy(FILES.slice(0, 1));
    const first = await syncConnection(synced.db, "opus", { actor: "test", today: TODAY });
    expect(first.outcome).toBe("accepted");
    copy(FILES.slice(1));
    const second = await syncConnection(synced.db, "opus", { actor: "test", today: TODAY });
    expect(second.problem).toBeNull();
    expect(second.outcome).toBe("accepted");
    expect(second.notes.files).toBe(3);
    expect((await syncConnection(synced.db, "opus", { actor: "test", today: TODAY })).outcome).toBe("unchanged");

    await importContract(synced.db, "case-periods", "case_periods_opus.csv");
    await importContractOrganisation(fromFiles.db);
    const [fromSync, fromContract] = await Promise.all([figures(synced.db, CODES), figures(fromFiles.db)]);
    expect(fromSync).toEqual(fromContract);
    expectHandFigures(fromSync);
    // Opus gives no reasons: D's departure is unknown, and the turnover page says so.
    const [syd] = await queryRows<{ id: number }>(synced.db, sql`select id from units where code = '320'`);
    expect(await unknownReasonDepartures(synced.db, { unitId: syd.id, from: "2024-01-01", to: "2024-12-31" })).toBe(1);
  });

  it("a full resync reads every file again and finds nothing to change", async () => {
    const result = await syncConnection(synced.db, "opus", { actor: "test", today: TODAY, full: true });
    expect(result.notes.files).toBe(FILES.length);
    expect(result.outcome).toBe("unchanged");
  });

  it("a bad file fails with its employee number, changes nothing, and no CPR is stored anywhere", async () => {
    fs.writeFileSync(path.join(share, "ZLPE20241101020000_delta.xml"), `<kmd><employee id="1099"><cpr>0606806666</cpr><orgUnit>999</orgUnit><numerator>37</numerator><denominator>37</denominator><position>Socialrådgiver</position></employee></kmd>`);
    const before = await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from employments`);
    const result = await syncConnection(synced.db, "opus", { actor: "test", today: TODAY });
    expect(result.outcome).toBe("failed");
    expect(result.problem).toMatchObject({ kind: "record", recordId: "1099" });
    expect(await queryRows<{ n: number }>(synced.db, sql`select count(*)::int as n from employments`)).toEqual(before);
    const everything = await queryRows<{ t: string }>(synced.db, sql`
      select concat_ws('|', (select string_agg(row_to_json(l)::text, '|') from import_log l),
        (select string_agg(row_to_json(r)::text, '|') from connection_runs r),
        (select string_agg(row_to_json(c)::text, '|') from connections c),
        (select string_agg(row_to_json(e)::text, '|') from employments e),
        (select string_agg(row_to_json(a)::text, '|') from audit_log a)) as t`);
    for (const cpr of [...CPRS, "0606806666"]) expect(everything[0].t).not.toContain(cpr);
  });
});
