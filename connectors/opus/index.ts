// The KMD Opus connection: delta files dropped in a folder (the share), read in name order.
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ROLES } from "../../db/schema";
import { env } from "../../env";
import type { Adapter } from "../adapter";
import { ConnectorError } from "../contract";
import { requireSecret } from "../pseudonym";
import { roleTable, unitKindTable } from "../tables";
import { applyOpusFile, emptyOpusState, OPUS_FILE, opusRows, type OpusState } from "./translate";

export const opusSettings = z.object({
  /** The folder the share is mounted on, where ZLPE<timestamp>_delta.xml files arrive. */
  folder: z.string().min(1),
  /** Position → role. */
  roles: roleTable.default({}),
  defaultRole: z.enum(ROLES).optional(),
  /** orgType → unit kind. */
  unitKinds: unitKindTable.default({}),
});
export type OpusSettings = z.infer<typeof opusSettings>;

async function deltaFiles(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch (error) {
    throw new ConnectorError("connection", `the Opus folder ${folder} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return names.filter((n) => OPUS_FILE.test(n)).sort();
}

export const opusAdapter: Adapter<OpusSettings> = {
  source: "opus",
  settings: opusSettings,
  async test(settings) {
    requireSecret(env().CONNECTOR_PSEUDONYM_SECRET);
    const files = await deltaFiles(settings.folder);
    return files.length ? `${files.length} delta files in ${settings.folder}, the newest ${files.at(-1)}` : `the folder ${settings.folder} can be read but holds no delta files yet`;
  },
  async pull({ settings, state }) {
    const secret = requireSecret(env().CONNECTOR_PSEUDONYM_SECRET);
    const previous = (state as OpusState | null) ?? emptyOpusState();
    const files = (await deltaFiles(settings.folder)).filter((n) => previous.lastFile === null || n > previous.lastFile);
    if (files.length === 0) return { batch: null, state: previous };
    let next = previous;
    for (const name of files) {
      const xml = await fs.readFile(path.join(settings.folder, name), "utf8").catch((error: NodeJS.ErrnoException) => {
        throw new ConnectorError("connection", `${name} cannot be read (${error.code ?? "error"})`);
      });
      next = applyOpusFile(next, name, xml, secret);
    }
    return { batch: opusRows(next, settings), state: next, notes: { files: files.length } };
  },
};
