// The upload page's server side: a multipart request is streamed to a temporary file, imported as
// the signed-in user under the file's own name, and the temporary file is gone afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { importUpload, safeFileName } from "../../app/lib/imports.server";
import { createTestDatabase, type TestDatabase } from "../helpers/services";

let t: TestDatabase;
let userId: number;

beforeAll(async () => {
  t = await createTestDatabase("import_up");
  const [u] = await queryRows<{ id: number }>(t.db, sql`insert into users (email, display_name) values ('hr@x.dk', 'HR') returning id`);
  userId = u.id;
});

afterAll(async () => {
  await t?.drop();
});

function upload(kind: string, name: string, content: string): Request {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", new File([content], name, { type: "text/csv" }));
  return new Request("http://localhost/imports", { method: "POST", body: form });
}

const uploadDirs = () => fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith("upload-")).length;

it("imports an uploaded file as the user, under its own name, and removes the temporary copy", async () => {
  const dirsBefore = uploadDirs();
  const outcome = await importUpload(t.db, upload("units", "Enheder æøå.csv", "unit_code;name;parent_code;kind\nORG;Kommunen;;organisation\n"), userId);
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) return;
  expect(outcome.result.outcome).toBe("accepted");
  const [log] = await queryRows<{ user_id: number; file_name: string; actor: string }>(t.db, sql`
    select user_id, file_name, actor from import_log where id = ${outcome.result.importId}`);
  expect(log).toEqual({ user_id: userId, file_name: "Enheder æøå.csv", actor: "web" });
  expect(uploadDirs()).toBe(dirsBefore);
});

it("a file over IMPORT_MAX_BYTES is stopped while streaming, nothing is imported, and the history says so", async () => {
  const previous = process.env.IMPORT_MAX_BYTES;
  const { resetEnvCache } = await import("../../env");
  process.env.IMPORT_MAX_BYTES = "1000";
  resetEnvCache();
  try {
    const [{ n: before }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from import_log`);
    const outcome = await importUpload(t.db, upload("units", "big.csv", "unit_code;name;parent_code;kind\n" + "X;X;ORG;team\n".repeat(200)), userId);
    expect(outcome).toEqual({ ok: false, problem: "tooLarge", limit: 1000 });
    const [{ n: after }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from import_log`);
    expect(after).toBe(before + 1);
    const [log] = await queryRows<{ kind: string; file_name: string; outcome: string; user_id: number; rows_total: number; key: string; limit: number }>(t.db, sql`
      select kind, file_name, outcome, user_id, rows_total, errors->'items'->0->>'key' as key, (errors->'items'->0->'params'->>'limit')::int as limit
      from import_log order by id desc limit 1`);
    expect(log).toEqual({ kind: "units", file_name: "big.csv", outcome: "rejected", user_id: userId, rows_total: 0, key: "file.tooLarge", limit: 1000 });
    const [{ n: units }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from units`);
    expect(units).toBe(1);
  } finally {
    if (previous === undefined) delete process.env.IMPORT_MAX_BYTES;
    else process.env.IMPORT_MAX_BYTES = previous;
    resetEnvCache();
  }
});

it("an unknown kind or a missing file is refused before anything is read", async () => {
  expect(await importUpload(t.db, upload("people", "x.csv", "a\n1\n"), userId)).toMatchObject({ ok: false, problem: "badKind" });
  const form = new FormData();
  form.set("kind", "units");
  expect(await importUpload(t.db, new Request("http://localhost/imports", { method: "POST", body: form }), userId)).toMatchObject({ ok: false, problem: "noFile" });
});

it("a browser-given file name loses its path and odd characters", () => {
  expect(safeFileName("C:\\Users\\hr\\Ansættelser 2024.csv")).toBe("Ansættelser 2024.csv");
  expect(safeFileName("../../etc/passwd")).toBe("passwd");
  expect(safeFileName("..")).toBe("upload");
  expect(safeFileName("a;b|c.xlsx")).toBe("a_b_c.xlsx");
});
