// `npm run sso -- map|list|unmap`: the claim mapping from the command line, on a real database.
// The command runs in-process (ssoCommand); one real `tsx cli/sso.ts` run proves the entry point.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { ssoCommand } from "../../cli/sso";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { buildOrg } from "./auth-fixtures";

const ROOT = path.resolve(import.meta.dirname, "../..");
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase("ssocli");
  await buildOrg(t.db);
});
afterAll(async () => {
  await t?.drop();
});

async function sso(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await ssoCommand(t.db, argv, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("npm run sso", () => {
  it("maps, lists and unmaps claim values, audited as the CLI, and refuses bad scopes with exit 2", async () => {
    expect((await sso("map", "Belastning.Leder.A", "manager", "CA")).code).toBe(0);
    expect((await sso("map", "grp-hr", "hr")).code).toBe(0);
    expect((await sso("map", "grp-med", "med", "MED Klynge A")).code).toBe(0);
    expect(await sso("map", "x", "manager", "NOPE")).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown unit NOPE") });
    expect(await sso("map", "x", "admin", "CA")).toMatchObject({ code: 2, stderr: expect.stringContaining("organisation-wide") });
    expect(await sso("map", "x", "boss")).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown role boss") });
    expect(await sso("map", "grp-hr", "hr")).toMatchObject({ code: 2, stderr: expect.stringContaining("already exists") });
    expect(await sso("frobnicate")).toMatchObject({ code: 2, stderr: expect.stringContaining("Usage:") });
    expect(await queryRows(t.db, sql`select action, actor from audit_log where entity = 'sso_mapping' order by id limit 1`)).toEqual([{ action: "create", actor: expect.stringMatching(/^cli:/) }]);

    const listed = await promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), ["cli/sso.ts", "list"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url } });
    expect(listed.stdout.trim().split("\n")).toEqual([
      "Belastning.Leder.A\tmanager\tCA (Klynge A) and below",
      "grp-hr\thr\twhole organisation",
      "grp-med\tmed\tcommittee MED Klynge A",
    ]);

    expect((await sso("unmap", "grp-hr")).code).toBe(0);
    expect((await sso("unmap", "grp-hr")).code).toBe(1);
    expect((await sso("unmap", "Belastning.Leder.A", "manager", "CA")).code).toBe(0);
    expect((await sso("list")).stdout).toBe("grp-med\tmed\tcommittee MED Klynge A");
  }, 60_000);
});
