// The upload page's door to the importer: routes reach import/ only through here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type NodeOnDiskFile,
} from "@remix-run/node";
import { env } from "../../env";
import type { Database } from "../../db/client";
import { IMPORT_KINDS, importFile, isImportKind, type ImportKind, type ImportResult } from "../../import";
import { logRefusedUpload } from "../../import/run";
import { getOptionalPrincipal } from "./guard.server";
import { can } from "../../domain/access";
import { KINDS } from "../../import/kinds";
import { importSlots } from "../../import/concurrency";

export { IMPORT_KINDS, isImportKind, type ImportKind };
export { importHistory, importDetail, HISTORY_PAGE_SIZE, type HistoryRow, type ImportDetail } from "../../import/history";

export function uploadLimitBytes(): number {
  return env().IMPORT_MAX_BYTES;
}

/** The last path segment of a browser-given name, without characters a file system may refuse. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[^\p{L}\p{N}._ -]+/gu, "_").replace(/^\.+/, "").slice(-200);
  return cleaned || "upload";
}

export type UploadOutcome =
  | { ok: true; result: ImportResult }
  | { ok: false; problem: "tooLarge" | "noFile" | "badKind"; limit: number };

/**
 * Streams the multipart upload to a temporary file (never into memory), imports it as the user,
 * and removes the file. The size limit stops the stream as soon as it is passed.
 */
export async function importUpload(db: Database, request: Request, userId: number): Promise<UploadOutcome> {
  const limit = uploadLimitBytes();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "upload-"));
  try {
    let form: FormData;
    // The form lists the kind before the file, so both are known when the file turns out too large.
    const seen: { kind?: string; fileName?: string } = {};
    const memory = unstable_createMemoryUploadHandler({ maxPartSize: 1024 });
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_composeUploadHandlers(
          unstable_createFileUploadHandler({
            directory,
            maxPartSize: limit,
            avoidFileConflicts: true,
            // The stored name keeps the user's file name (its extension decides CSV or XLSX);
            // the directory is fresh for this request, so no two uploads meet.
            file: ({ filename }) => {
              seen.fileName = path.basename(filename);
              return safeFileName(filename);
            },
            filter: ({ name }) => name === "file",
          }),
          async (part) => {
            const value = await memory(part);
            if (part.name === "kind" && typeof value === "string") seen.kind = value;
            return value;
          },
        ),
      );
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) {
        if (seen.kind && isImportKind(seen.kind)) {
          const declared = Number(request.headers.get("content-length"));
          await logRefusedUpload(db, { kind: seen.kind, fileName: seen.fileName ?? "upload", userId, actor: "web" }, Number.isFinite(declared) && declared > limit ? declared : limit + 1, limit);
        }
        return { ok: false, problem: "tooLarge", limit };
      }
      throw error;
    }
    const kind = String(form.get("kind") ?? "");
    if (!isImportKind(kind)) return { ok: false, problem: "badKind", limit };
    const file = form.get("file") as NodeOnDiskFile | string | null;
    if (!file || typeof file === "string" || !file.name) return { ok: false, problem: "noFile", limit };
    const result = await importSlots(env().IMPORT_CONCURRENCY).run(() => importFile(db, {
      kind,
      filePath: file.getFilePath(),
      fileName: path.basename(file.name),
      userId,
      actor: "web",
    }));
    return { ok: true, result };
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** Each kind's columns (required first), for the help beside the upload form. */
export function kindColumns(): Record<ImportKind, { name: string; required: boolean }[]> {
  return Object.fromEntries(
    IMPORT_KINDS.map((kind) => [kind, KINDS[kind].columns.map((c) => ({ name: c.name, required: c.required }))]),
  ) as Record<ImportKind, { name: string; required: boolean }[]>;
}

/**
 * An upload the server refused by its declared length, before Remix read it: when the sender may
 * import, the import history gets a rejected row naming the kind and file (read from the first
 * bytes of the form). Returns whether a row was written.
 */
export async function recordOversizeUpload(db: Database, info: { cookie: string | undefined; kind: string | null; fileName: string | null; declared: number }): Promise<boolean> {
  if (!info.kind || !isImportKind(info.kind)) return false;
  const principal = await getOptionalPrincipal(new Request("http://site.invalid/imports", { headers: info.cookie ? { Cookie: info.cookie } : {} }), db);
  if (!principal || !can(principal, "import_data")) return false;
  await logRefusedUpload(db, { kind: info.kind, fileName: info.fileName ?? "upload", userId: principal.user.id, actor: "web" }, info.declared, uploadLimitBytes());
  return true;
}
