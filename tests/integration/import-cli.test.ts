// `npm run import -- <kind> FILE` as an operator runs it: exit 0 on accepted or unchanged, non-zero
// with one readable English line per error on stderr.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { csv, tempDir } from "./import-helpers";

const run = promisify(execFile);
let t: TestDatabase;
let files: ReturnType<typeof tempDir>;

beforeAll(async () => {
  t = await createTestDatabase("import_cli");
  files = tempDir();
});

afterAll(async () => {
  files?.cleanup();
  await t?.drop();
});

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "cli/import.ts", ...args], {
      env: { ...process.env, DATABASE_URL: t.url, NODE_OPTIONS: "" },
      cwd: path.resolve(__dirname, "../.."),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const stderrLines = (s: string) => s.split("\n").filter((l) => l && !l.startsWith("npm warn"));

it("accepts a file with exit 0, then reports it unchanged with exit 0", async () => {
  const file = path.join(files.dir, "units.csv");
  fs.writeFileSync(file, csv("unit_code;name;parent_code;kind", "ORG;Kommunen;;organisation", "T1;Team 1;ORG;team"));
  const first = await cli("units", file);
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/^accepted: 2 rows read, 2 database rows changed/m);
  const second = await cli("units", file);
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/^unchanged: 2 rows read/m);
}, 60_000);

it("rejects a bad file with exit 1 and one English line per error", async () => {
  const file = path.join(files.dir, "bad.csv");
  fs.writeFileSync(file, csv("unit_code;name;parent_code;kind", "X1;X;NOPE;team", "X2;;ORG;team"));
  const result = await cli("units", file);
  expect(result.code).toBe(1);
  expect(stderrLines(result.stderr)).toEqual([
    'bad.csv: row 2, parent_code, "NOPE": The parent unit exists neither in the file nor in the database.',
    "bad.csv: row 3, name: The field is required.",
    expect.stringMatching(/^rejected: nothing was written \(2 rows read, import #\d+\)$/),
  ]);
}, 60_000);

it("refuses an unknown kind and a missing file with usage help", async () => {
  const kind = await cli("people", "x.csv");
  expect(kind.code).toBe(2);
  expect(kind.stderr).toContain("usage: npm run import -- <units|employments|competences|case-periods|survey-results> FILE");
  const missing = await cli("units", path.join(files.dir, "nope.csv"));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("no such file");
}, 60_000);
