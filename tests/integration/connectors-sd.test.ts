// SD Løn end to end against a local SOAP stub with recorded answers: a first sync, then the changes
// since it (a move, a manager stepping down, a hire, a leaver with status 8); the figures equal
// the contract files' and the hand-worked ones. Then: unchanged, auth, a SOAP fault.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { startSdServer, type SdServer } from "../helpers/sd-server";
import { queryRows } from "../../db/client";
import { connections } from "../../db/schema";
import { resetEnvCache } from "../../env";
import { syncConnection, testConnection } from "../../connectors/sync";
import { TODAY, addConnection, expectHandFigures, figures, importContract, importContractOrganisation } from "./connectors-helpers";

const CODES = { KOM: "ORG", FAMA: "FAM", NORD: "T-NORD", SYD: "T-SYD" };

describe("SD Løn connection", () => {
  let synced: TestDatabase;
  let fromFiles: TestDatabase;
  let sd: SdServer;
  const savedToday = process.env.APP_TODAY;
  const settings = () => ({
    url: sd.url, institution: sd.institution, fullFrom: "2000-01-01",
    roles: { "Socialrådgiver": "caseworker", Teamleder: "caseworker" }, managerProfessions: ["Teamleder"],
  });

  beforeAll(async () => {
    process.env.APP_TODAY = TODAY;
    sd = await startSdServer();
    Object.assign(process.env, { SD_USERNAME: sd.username, SD_PASSWORD: sd.password, CONNECTOR_PSEUDONYM_SECRET: "sd-test-secret-0123456789abcdef012345" });
    resetEnvCache();
    [synced, fromFiles] = await Promise.all([createTestDatabase("con_sd"), createTestDatabase("con_sd_files")]);
    await addConnection(synced.db, "sd", "sd", settings());
  });

  afterAll(async () => {
    await sd?.close();
    await Promise.all([synced?.drop(), fromFiles?.drop()]);
    if (savedToday === undefined) delete process.env.APP_TODAY;
    else process.env.APP_TODAY = savedToday;
    for (const k of ["SD_USERNAME", "SD_PASSWORD", "CONNECTOR_PSEUDONYM_SECRET"]) delete process.env[k];
    resetEnvCache();
  });

  it("tests the connection", async () => {
    expect(await testConnection(synced.db, "sd")).toMatchObject({ ok: true, message: expect.stringContaining("4 departments") });
  });

  it("a first sync, then the changes since it, give the contract files' figures", async () => {
    const first = await syncConnection(synced.db, "sd", { actor: "test", today: "2024-03-15" });
    expect(first.problem).toBeNull();
    expect(first.outcome).toBe("accepted");
    const second = await syncConnection(synced.db, "sd", { actor: "test", today: TODAY });
    expect(second.outcome).toBe("accepted");
    expect(sd.requests.filter((r) => r.operation === "GetEmploymentChangedAtDate20111201").map((r) => r.activationDate)).toEqual(["2000-01-01", "2024-03-16"]);

    await importContract(synced.db, "case-periods", "case_periods_sd.csv");
    await importContractOrganisation(fromFiles.db);
    const [fromSync, fromContract] = await Promise.all([figures(synced.db, CODES), figures(fromFiles.db)]);
    expect(fromSync).toEqual(fromContract);
    expectHandFigures(fromSync);
    const reasons = await queryRows<{ end_reason: string }>(synced.db, sql`select distinct end_reason from employments where end_reason is not null order by 1`);
    expect(reasons.map((r) => r.end_reason)).toEqual(["internal_transfer", "unknown"]);
  });

  it("nothing changed since: unchanged, no import", async () => {
    const result = await syncConnection(synced.db, "sd", { actor: "test", today: "2025-01-16" });
    expect(result.problem).toBeNull();
    expect(result.outcome).toBe("unchanged");
    expect(result.imports).toEqual([]);
  });

  it("a wrong password is an auth failure; a SOAP fault says what SD said", async () => {
    process.env.SD_PASSWORD = "wrong";
    resetEnvCache();
    const auth = await syncConnection(synced.db, "sd", { actor: "test", today: "2025-01-17" });
    expect(auth.problem?.kind).toBe("auth");
    process.env.SD_PASSWORD = sd.password;
    resetEnvCache();
    await synced.db.update(connections).set({ settings: { ...settings(), institution: "ZZ" } }).where(eq(connections.name, "sd"));
    const fault = await syncConnection(synced.db, "sd", { actor: "test", today: "2025-01-17" });
    expect(fault.problem?.kind).toBe("source");
    await synced.db.update(connections).set({ settings: settings() }).where(eq(connections.name, "sd"));
  });
});
