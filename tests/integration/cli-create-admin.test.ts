// The first administrator of a real installation comes from the command line.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/services";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase("cliadmin");
});
afterAll(async () => {
  await t?.drop();
});

function createAdmin(args: string[], password: string) {
  return run(path.join(ROOT, "node_modules/.bin/tsx"), ["cli/create-admin.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.url, ADMIN_PASSWORD: password },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe("npm run create-admin", () => {
  it("refuses a short password with exit 2 and writes nothing", async () => {
    const result = await createAdmin(["--email", "chef@kommune.dk", "--name", "Chef"], "short");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ADMIN_PASSWORD must hold at least 12 characters");
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from users`);
    expect(n).toBe(0);
  }, 60_000);

  it("creates an organisation-wide administrator, audited as the CLI", async () => {
    const result = await createAdmin(["--email", "Chef@Kommune.dk", "--name", "Chef"], "a-long-enough-password");
    expect(result.code).toBe(0);
    const rows = await queryRows<{ email: string; role: string; unit_id: number | null; actor: string }>(t.db, sql`
      select u.email, r.role, r.unit_id, a.actor from users u join user_roles r on r.user_id = u.id
      join audit_log a on a.entity = 'user' and a.entity_id = u.id::text`);
    expect(rows).toEqual([expect.objectContaining({ email: "chef@kommune.dk", role: "admin", unit_id: null })]);
    expect(rows[0].actor).toMatch(/^cli:/);
  }, 60_000);
});
