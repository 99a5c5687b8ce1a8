// The command line as an operator runs it: `npm run sync -- --add …`, `npm run sync -- <name>`
// (exit 0, then "unchanged"), and
// `npm run import -- employments FILE --mapping NAME`.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { saveMapping } from "../../connectors/mapping/store";
import { CONTRACT_DIR, importContract } from "./connectors-helpers";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
let t: TestDatabase;
let dir: string;

async function cli(script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(ROOT, "node_modules/.bin/tsx"), [script, ...args], {
      env: { ...process.env, DATABASE_URL: t.url, NODE_OPTIONS: "", APP_TODAY: "2025-01-15" }, cwd: ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  t = await createTestDatabase("con_cli");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "con-cli-"));
  await importContract(t.db, "units", "units.csv");
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.drop();
});

it("adds a file connection, syncs it, then finds it unchanged", async () => {
  fs.mkdirSync(path.join(dir, "drop"));
  fs.copyFileSync(path.join(CONTRACT_DIR, "employments.csv"), path.join(dir, "drop", "hr.csv"));
  fs.writeFileSync(path.join(dir, "hr.json"), JSON.stringify({ kind: "employments", folder: path.join(dir, "drop") }));
  expect((await cli("cli/sync.ts", "--add", "hr", "file", path.join(dir, "hr.json"))).code).toBe(0);
  const first = await cli("cli/sync.ts", "hr");
  expect(first.stdout).toMatch(/^hr: accepted: 8 rows read/m);
  expect(first.code).toBe(0);
  const again = await cli("cli/sync.ts", "hr");
  expect(again.stdout).toMatch(/^hr: unchanged/m);
}, 120_000);

it("imports a file by a saved mapping", async () => {
  await saveMapping(t.db, {
    name: "hr-eksport", kind: "employments",
    columns: { employee_id: "Medarbejdernr", unit_code: "Afdeling", role: "Stilling", is_manager: "Leder", fte: "Timer", start_date: "Ansat fra", end_date: "Ansat til", end_reason: "Årsag" },
    values: { role: { "Socialrådgiver": "caseworker" }, is_manager: { Ja: "true", Nej: "false" }, end_reason: { Overflyttet: "internal_transfer", Ukendt: "unknown" } },
  }, null);
  const result = await cli("cli/import.ts", "employments", path.join(CONTRACT_DIR, "../mapped/hr-export.csv"), "--mapping", "hr-eksport");
  expect(result.stdout).toMatch(/^(accepted|unchanged): 8 rows read/m);
  expect(result.code).toBe(0);
}, 60_000);
