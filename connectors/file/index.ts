// A scheduled file import: the newest CSV/XLSX in a folder (an export another system drops there),
// imported as it is or through a saved column mapping. The same file again is "unchanged".
import fs from "node:fs/promises";
import { createReadStream } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { z } from "zod";
import { IMPORT_KINDS } from "../../db/schema";
import type { Adapter } from "../adapter";
import { ConnectorError } from "../contract";
import { getMapping } from "../mapping/store";

export const fileSettings = z.object({
  kind: z.enum(IMPORT_KINDS),
  folder: z.string().min(1),
  /** A saved column mapping's name; absent = the file has the contract's header. */
  mapping: z.string().min(1).optional(),
});
export type FileSettings = z.infer<typeof fileSettings>;

async function newest(folder: string): Promise<{ name: string; full: string } | null> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch (error) {
    throw new ConnectorError("connection", `the folder ${folder} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const files = await Promise.all(names.filter((n) => /\.(csv|xlsx|xlsm)$/i.test(n)).map(async (name) => {
    const full = path.join(folder, name);
    return { name, full, mtime: (await fs.stat(full)).mtimeMs };
  }));
  files.sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? 1 : -1));
  return files[0] ?? null;
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file).on("data", (c) => hash.update(c)).on("error", reject).on("end", () => resolve(hash.digest("hex")));
  });
}

export const fileAdapter: Adapter<FileSettings> = {
  source: "file",
  settings: fileSettings,
  async test(settings) {
    const found = await newest(settings.folder);
    return found ? `the newest file in ${settings.folder} is ${found.name}` : `the folder ${settings.folder} can be read but holds no CSV or XLSX file`;
  },
  async pull({ db, settings }) {
    const mapping = settings.mapping ? await getMapping(db, settings.mapping) : null;
    if (settings.mapping && !mapping) throw new ConnectorError("config", `no saved column mapping named "${settings.mapping}"`);
    if (mapping && mapping.kind !== settings.kind) throw new ConnectorError("config", `the mapping "${mapping.name}" is for ${mapping.kind}, not ${settings.kind}`);
    const found = await newest(settings.folder);
    if (!found) return { batch: null, state: null };
    return { batch: null, file: { path: found.full, fileName: found.name, kind: settings.kind, mapping, sha256: await sha256(found.full) }, state: null };
  },
};
