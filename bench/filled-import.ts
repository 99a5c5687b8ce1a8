// The bench's second file and weekly file into a copy of a filled database (docs/decisions/0018):
// `npx tsx bench/filled-import.ts <database> [--migrate] [--drop-index=a,b] [--keep]`. The copy is
// made with `create database … template <database>` (nobody may be connected to it), migrated when
// asked (a database kept by `npm run bench -- --scale national --keep` before a new migration),
// optionally without some indexes of case_periods (to price them), and dropped after unless --keep.
// Prints one JSON line: rows/s, ledger share and CPU seconds, the weekly file, load averages.
import os from "node:os";
import postgres from "postgres";
import { migratePostgresUrl } from "../db/migrate";
import { benchFilledImport } from "./import";

async function main() {
  process.env.TZ = "UTC";
  process.env.APP_TODAY ??= "2025-06-29";
  const [template, ...flags] = process.argv.slice(2);
  if (!template) throw new Error("usage: npx tsx bench/filled-import.ts <database> [--migrate] [--drop-index=a,b] [--keep]");
  const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const copy = `${template}_copy_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const url = new URL(adminUrl);
  url.pathname = `/${copy}`;
  try {
    await admin.unsafe(`create database "${copy}" template "${template}"`);
    if (flags.includes("--migrate")) await migratePostgresUrl(url.toString());
    const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const drop = flags.find((f) => f.startsWith("--drop-index="))?.slice("--drop-index=".length).split(",") ?? [];
      for (const index of drop) await db.unsafe(`drop index if exists "${index.replace(/"/g, "")}"`);
      const indexes = await db<{ name: string }[]>`select indexname as name from pg_indexes where tablename = 'case_periods' order by 1`;
      process.stderr.write(`case_periods indexes: ${indexes.map((i) => i.name).join(", ")}\n`);
      await db.unsafe("checkpoint");
    } finally {
      await db.end();
    }
    const result = await benchFilledImport({ databaseUrl: url.toString(), log: (line) => process.stderr.write(`${line}\n`) });
    process.stdout.write(`${JSON.stringify({ ...result, loadAverageAfter: os.loadavg().map((l) => Math.round(l * 10) / 10) })}\n`);
  } finally {
    if (!flags.includes("--keep")) await admin.unsafe(`drop database if exists "${copy}" with (force)`);
    else process.stderr.write(`kept database ${copy}\n`);
    await admin.end();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
