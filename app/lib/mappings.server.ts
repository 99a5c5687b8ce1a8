// The mapping step's door to connectors/mapping: an upload kept for a short while under a random
// token (for the uploader only) while the columns are matched, the form's guesses, and the import.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import {
  MaxPartSizeExceededError, unstable_composeUploadHandlers, unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type NodeOnDiskFile,
} from "@remix-run/node";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { queryRows } from "../../db/client";
import { END_REASONS, ROLES, UNIT_KINDS, type ImportKind } from "../../db/schema";
import { importFile, isImportKind, type ImportResult } from "../../import";
import { guessColumns, guessValue, headerFitsKind, mappingSchema, missingFields, type ColumnMapping } from "../../connectors/mapping/mapping";
import { importWithMapping, kindFields, previewFile, type FilePreview } from "../../connectors/mapping/file";
import { getMapping, listMappings, saveMapping } from "../../connectors/mapping/store";
import { safeFileName, uploadLimitBytes } from "./imports.server";
import { looksLikeCpr } from "../../connectors/pseudonym";

/** A cell shaped like a CPR number is never sent to the browser. */
const mask = (value: string) => (looksLikeCpr(value) ? "••••••-••••" : value);

export { listMappings };

const ROOT = path.join(os.tmpdir(), "belastning-mapping");
const TOKEN = /^[0-9a-f]{32}$/;
const MAX_AGE_MS = 60 * 60 * 1000;

interface Held { token: string; fileName: string; filePath: string; kind: ImportKind; userId: number }

function sweep(): void {
  if (!fs.existsSync(ROOT)) return;
  for (const name of fs.readdirSync(ROOT)) {
    const dir = path.join(ROOT, name);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > MAX_AGE_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch { /* gone already */ }
  }
}

export function heldUpload(token: string, userId: number): Held | null {
  if (!TOKEN.test(token)) return null;
  const dir = path.join(ROOT, token);
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, "meta.json"), "utf8")) as Omit<Held, "token" | "filePath">;
    if (meta.userId !== userId || !isImportKind(meta.kind)) return null;
    return { token, ...meta, filePath: path.join(dir, safeFileName(meta.fileName)) };
  } catch {
    return null;
  }
}

export function dropUpload(token: string): void {
  if (TOKEN.test(token)) fs.rmSync(path.join(ROOT, token), { recursive: true, force: true });
}

export type UploadStep =
  | { kind: "problem"; problem: "tooLarge" | "noFile" | "badKind" | "noMapping" | "mappingKind" }
  | { kind: "imported"; result: ImportResult }
  | { kind: "map"; token: string; importKind: ImportKind };

/** Step 1: the upload. A saved mapping imports at once; a header that fits imports as usual; else the file is held for step 2. */
export async function receiveUpload(db: Database, request: Request, userId: number): Promise<UploadStep> {
  sweep();
  const token = randomBytes(16).toString("hex");
  const dir = path.join(ROOT, token);
  fs.mkdirSync(dir, { recursive: true });
  let keep = false;
  try {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(
        unstable_createFileUploadHandler({ directory: dir, maxPartSize: uploadLimitBytes(), file: ({ filename }) => safeFileName(filename), filter: ({ name }) => name === "file" }),
        unstable_createMemoryUploadHandler({ maxPartSize: 1024 }),
      ));
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) return { kind: "problem", problem: "tooLarge" };
      throw error;
    }
    const importKind = String(form.get("kind") ?? "");
    if (!isImportKind(importKind)) return { kind: "problem", problem: "badKind" };
    const file = form.get("file") as NodeOnDiskFile | string | null;
    if (!file || typeof file === "string" || !file.name) return { kind: "problem", problem: "noFile" };
    const fileName = path.basename(file.name);
    const savedName = String(form.get("mapping") ?? "");
    if (savedName) {
      const mapping = await getMapping(db, savedName);
      if (!mapping) return { kind: "problem", problem: "noMapping" };
      if (mapping.kind !== importKind) return { kind: "problem", problem: "mappingKind" };
      return { kind: "imported", result: await importWithMapping(db, { filePath: file.getFilePath(), fileName, mapping, actor: "web", userId }) };
    }
    const preview = await previewFile(file.getFilePath(), fileName, 0).catch(() => null);
    const required = kindFields(importKind).filter((f) => f.required).map((f) => f.name);
    if (!preview || preview.header.length === 0 || headerFitsKind(preview.header, required)) {
      // The importer itself says what is wrong with a file it cannot read, or imports one that fits.
      return { kind: "imported", result: await importFile(db, { kind: importKind, filePath: file.getFilePath(), fileName, actor: "web", userId }) };
    }
    fs.writeFileSync(path.join(dir, "meta.json"), JSON.stringify({ fileName, kind: importKind, userId }));
    keep = true;
    return { kind: "map", token, importKind };
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The values a field's cells may take, for value mappings; null = free text. */
export async function valueTargets(db: Database, field: string): Promise<string[] | null> {
  if (field === "role") return [...ROLES];
  if (field === "is_manager") return ["true", "false"];
  if (field === "end_reason") return [...END_REASONS];
  if (field === "kind") return [...UNIT_KINDS];
  if (field === "complexity") return ["1", "2", "3"];
  if (field === "case_type") return (await queryRows<{ key: string }>(db, sql`select key from case_types order by key`)).map((r) => r.key);
  if (field === "dimension") return (await queryRows<{ key: string }>(db, sql`select key from wellbeing_dimensions order by key`)).map((r) => r.key);
  return null;
}

export interface MappingForm {
  token: string;
  fileName: string;
  kind: ImportKind;
  header: string[];
  sample: FilePreview["rows"];
  fields: { name: string; required: boolean; column: string | null; targets: string[] | null; values: { from: string; to: string | null }[] }[];
}

/** Step 2's form: the file's columns beside the kind's fields, with guesses, or the choices already made. */
export async function mappingForm(db: Database, held: Held, chosen: Record<string, string> | null, chosenValues: Record<string, Record<string, string>> = {}): Promise<MappingForm> {
  const preview = await previewFile(held.filePath, held.fileName);
  const fields = kindFields(held.kind);
  const guesses = guessColumns(preview.header, fields.map((f) => f.name));
  const out: MappingForm["fields"] = [];
  for (const f of fields) {
    const column = chosen ? (chosen[f.name] && preview.header.includes(chosen[f.name]) ? chosen[f.name] : null) : guesses[f.name];
    const targets = await valueTargets(db, f.name);
    const values = column && targets ? (preview.distinct[column] ?? []).filter((v) => !looksLikeCpr(v)).map((from) => ({ from, to: chosenValues[f.name]?.[from] ?? guessValue(from, targets) })) : [];
    out.push({ name: f.name, required: f.required, column, targets, values });
  }
  const sample = preview.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, mask(v)])));
  return { token: held.token, fileName: held.fileName, kind: held.kind, header: preview.header, sample, fields: out };
}

/** Reads step 2's fields: col_<field> = column; val_<field>_<i> = our value for src_<field>_<i>. */
export function readChoices(form: FormData, fields: string[]): { columns: Record<string, string>; values: Record<string, Record<string, string>> } {
  const columns: Record<string, string> = {};
  const values: Record<string, Record<string, string>> = {};
  for (const field of fields) {
    const column = String(form.get(`col_${field}`) ?? "");
    if (column) columns[field] = column;
    for (let i = 0; i < 200; i++) {
      const from = form.get(`src_${field}_${i}`);
      if (from === null) break;
      const to = String(form.get(`val_${field}_${i}`) ?? "");
      if (to) (values[field] ??= {})[String(from)] = to;
    }
  }
  return { columns, values };
}

export type SaveStep = { ok: true; result: ImportResult } | { ok: false; problem: "name" | "missing"; missing?: string[] };

/** Step 2's submit: save the mapping under its name and import the held file through it. */
export async function saveAndImport(db: Database, held: Held, name: string, choices: ReturnType<typeof readChoices>): Promise<SaveStep> {
  const fields = kindFields(held.kind);
  const missing = missingFields(choices, fields.filter((f) => f.required).map((f) => f.name));
  if (missing.length) return { ok: false, problem: "missing", missing };
  const parsed = mappingSchema.safeParse({ name, kind: held.kind, ...choices });
  if (!parsed.success) return { ok: false, problem: "name" };
  const mapping: ColumnMapping = parsed.data;
  await saveMapping(db, mapping, held.userId);
  const result = await importWithMapping(db, { filePath: held.filePath, fileName: held.fileName, mapping, actor: "web", userId: held.userId });
  dropUpload(held.token);
  return { ok: true, result };
}
