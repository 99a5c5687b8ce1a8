// The embedded database (demo, no DATABASE_URL) runs the same import paths: batches by COPY (from
// a blob, PGlite having no socket), the direct write of new cases, the staging table with its
// set-based checks and writes, all on PGlite's single connection.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectPglite, queryRows } from "../../db/client";
import { migrateConnection } from "../../db/migrate";
import { counts, csv, importer, tempDir } from "./import-helpers";

const connection = connectPglite(undefined);
const files = tempDir();
const run = importer(connection.db, files.dir);

beforeAll(async () => {
  await migrateConnection(connection);
});

afterAll(async () => {
  files.cleanup();
  await connection.close();
});

it("imports units and case periods on PGlite, re-imports as unchanged, and rolls back a bad file", async () => {
  const units = await run("units", "units.csv", csv("unit_code;name;parent_code;kind", "ORG;Kommunen;;organisation", "T1;Team 1;ORG;team"));
  expect(units.outcome, JSON.stringify(units.errors)).toBe("accepted");
  const header = "case_id;period_start;period_end;unit_code;caseworker_id;case_type;complexity;emotional_flags";
  const file = csv(header, "K1;01.01.2024;31.01.2024;T1;;anbringelse;;hoejkonflikt", "K1;01.02.2024;;T1;;anbringelse;2;");
  const first = await run("case-periods", "cases.csv", file);
  expect(first.outcome, JSON.stringify(first.errors)).toBe("accepted");
  expect(first.rowsChanged).toBe(2);
  expect((await run("case-periods", "cases.csv", file)).outcome).toBe("unchanged");

  const before = await counts(connection.db);
  const bad = await run("case-periods", "bad.csv", csv(header, "K2;2024-01-01;;T1;;underretning;;", "K2;2024-01-15;;T1;;underretning;;"));
  expect(bad.outcome).toBe("rejected");
  expect(bad.errors.map((e) => e.key)).toEqual(["overlap.case"]);
  expect(await counts(connection.db)).toEqual(before);

  const stored = await queryRows<{ start: string; complexity: number; flags: string[] }>(connection.db, sql`
    select period_start::text as start, complexity, emotional_flags as flags from case_periods order by period_start`);
  expect(stored).toEqual([
    { start: "2024-01-01", complexity: 3, flags: ["hoejkonflikt"] },
    { start: "2024-02-01", complexity: 2, flags: [] },
  ]);
  const [{ n }] = await queryRows<{ n: number }>(connection.db, sql`select count(*)::int as n from import_log`);
  expect(n).toBe(4);
});
