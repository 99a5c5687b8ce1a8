// `npm run import -- <kind> FILE`: imports one CSV or XLSX file against DATABASE_URL (or the
// embedded database). Exit 0 when accepted or unchanged; otherwise one line per error on stderr.
import os from "node:os";
import fs from "node:fs";
import { IMPORT_KINDS, importFile, isImportKind, renderMessage, type ImportResult } from "../import";
import { closeDb, getConnection } from "../db/client";
import { readableError } from "./error-message";
import { getMapping } from "../connectors/mapping/store";
import { importWithMapping } from "../connectors/mapping/file";

const USAGE = `usage: npm run import -- <${IMPORT_KINDS.join("|")}> FILE [--mapping NAME]`;

/** The lines the CLI prints for a result, in English (the keys stay translatable). */
function describeResult(result: ImportResult): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  for (const w of result.warnings) err.push(`warning: ${renderMessage(w.key, w.params, "en")}`);
  if (result.outcome === "rejected") {
    for (const e of result.errors) {
      const where = [e.row === null ? null : `row ${e.row}`, e.column, e.value ? JSON.stringify(e.value) : null].filter(Boolean).join(", ");
      err.push(`${e.file}${where ? `: ${where}` : ""}: ${renderMessage(e.key, e.params, "en")}`);
    }
    if (result.errorsTruncated > 0) err.push(`… and ${result.errorsTruncated} more errors`);
    err.push(`rejected: nothing was written (${result.rowsTotal} rows read, import #${result.importId})`);
  } else if (result.outcome === "unchanged") {
    out.push(`unchanged: ${result.rowsTotal} rows read, the database already holds exactly this (import #${result.importId})`);
  } else {
    out.push(`accepted: ${result.rowsTotal} rows read, ${result.rowsChanged} database rows changed in ${result.durationMs} ms (import #${result.importId})`);
  }
  return { out, err };
}

async function main(argv: string[]): Promise<number> {
  // --mapping NAME: a saved column mapping (connectors/mapping) turns the file's columns into the kind's.
  const at = argv.indexOf("--mapping");
  const mappingName = at >= 0 ? argv[at + 1] : undefined;
  const args = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv;
  const [kind, file, ...rest] = args;
  if (!kind || !file || rest.length || (at >= 0 && !mappingName)) {
    console.error(USAGE);
    return 2;
  }
  if (!isImportKind(kind)) {
    console.error(`unknown kind "${kind}"; ${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`no such file: ${file}`);
    return 2;
  }
  process.env.TZ = "UTC";
  const db = getConnection().db;
  const actor = `cli:${os.userInfo().username}`;
  let result: ImportResult;
  if (mappingName) {
    const mapping = await getMapping(db, mappingName);
    if (!mapping) {
      console.error(`no saved column mapping named "${mappingName}"`);
      return 2;
    }
    if (mapping.kind !== kind) {
      console.error(`the mapping "${mappingName}" is for ${mapping.kind}, not ${kind}`);
      return 2;
    }
    result = await importWithMapping(db, { filePath: file, mapping, actor });
  } else {
    result = await importFile(db, { kind, filePath: file, actor });
  }
  const { out, err } = describeResult(result);
  for (const line of err) console.error(line);
  for (const line of out) console.log(line);
  return result.outcome === "rejected" ? 1 : 0;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(readableError(error));
    await closeDb().catch(() => {});
    process.exit(1);
  });
