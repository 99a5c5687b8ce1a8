// A saved column mapping end to end: a Danish HR export with its own header and values imports
// through the mapping (as the page, `npm run import -- … --mapping NAME` and a scheduled file
// connection do) and gives the same figures as the contract files.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { queryRows } from "../../db/client";
import { saveMapping, getMapping } from "../../connectors/mapping/store";
import { importWithMapping, previewFile } from "../../connectors/mapping/file";
import { syncConnection } from "../../connectors/sync";
import { CONTRACT_DIR, TODAY, addConnection, expectHandFigures, figures, importContract } from "./connectors-helpers";

const FILE = path.join(CONTRACT_DIR, "../mapped/hr-export.csv");
const MAPPING = {
  name: "Lønsystem HR", kind: "employments" as const,
  columns: { employee_id: "Medarbejdernr", unit_code: "Afdeling", role: "Stilling", is_manager: "Leder", fte: "Timer", start_date: "Ansat fra", end_date: "Ansat til", end_reason: "Årsag" },
  values: { role: { "Socialrådgiver": "caseworker" }, is_manager: { Ja: "true", Nej: "false" }, end_reason: { Overflyttet: "internal_transfer", Ukendt: "unknown" } },
};

describe("saved column mappings", () => {
  let db: TestDatabase;
  let folder: string;
  const savedToday = process.env.APP_TODAY;

  beforeAll(async () => {
    process.env.APP_TODAY = TODAY;
    db = await createTestDatabase("con_map");
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "mapped-"));
    await importContract(db.db, "units", "units.csv");
  });
  afterAll(async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    await db?.drop();
    if (savedToday === undefined) delete process.env.APP_TODAY;
    else process.env.APP_TODAY = savedToday;
  });

  it("previews the file's columns and values for the form", async () => {
    const preview = await previewFile(FILE, "hr-export.csv");
    expect(preview.header).toEqual(["Medarbejdernr", "Afdeling", "Stilling", "Leder", "Timer", "Ansat fra", "Ansat til", "Årsag"]);
    expect(preview.distinct["Leder"]).toEqual(["Ja", "Nej"]);
    expect(preview.rows).toHaveLength(5);
  });

  it("is saved by name and imports the file into the same figures as the contract files", async () => {
    await saveMapping(db.db, MAPPING, null);
    const mapping = await getMapping(db.db, "Lønsystem HR");
    expect(mapping).toEqual(MAPPING);
    const result = await importWithMapping(db.db, { filePath: FILE, mapping: mapping!, actor: "test" });
    expect(result.errors).toEqual([]);
    expect(result.outcome).toBe("accepted");
    const [log] = await queryRows<{ source: string }>(db.db, sql`select source from import_log where id = ${result.importId}`);
    expect(log.source).toBe("mapping:Lønsystem HR");
    await importContract(db.db, "case-periods", "case_periods.csv");
    expectHandFigures(await figures(db.db));
  });

  it("a mapping that leaves a value unmapped gets the importer's row error", async () => {
    const bad = { ...MAPPING, name: "uden roller", values: { ...MAPPING.values, role: {} } };
    const result = await importWithMapping(db.db, { filePath: FILE, mapping: bad, actor: "test" });
    expect(result.outcome).toBe("rejected");
    expect(result.errors[0]).toMatchObject({ row: 2, column: "role", value: "Socialrådgiver" });
  });

  it("a scheduled file connection imports the newest file through the mapping, then finds it unchanged", async () => {
    fs.copyFileSync(FILE, path.join(folder, "export-2025-01-15.csv"));
    await addConnection(db.db, "hr-fil", "file", { kind: "employments", folder, mapping: "Lønsystem HR" });
    const first = await syncConnection(db.db, "hr-fil", { actor: "test", today: TODAY });
    expect(first.problem).toBeNull();
    expect(first.imports.map((i) => i.outcome)).toEqual(["unchanged"]);
    const again = await syncConnection(db.db, "hr-fil", { actor: "test", today: TODAY });
    expect(again.outcome).toBe("unchanged");
    expect(again.imports).toEqual([]);
  });
});
