// npm run export -- <kind> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--unit CODE] [--format csv|xlsx] [--out FILE]
// Writes to standard output without --out. Exit 0 on success, 1 with one readable line per problem.
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { getDb, closeDb } from "../db/client";
import { isValidIsoDate } from "../domain/calendar";
import { EXPORTS, writeTable, ExportError } from "../exports";
import { readableError } from "./error-message";

const isoDate = z.string().refine(isValidIsoDate, "must be a date YYYY-MM-DD");

const ArgsSchema = z
  .object({
    kind: z.string().refine((k) => k in EXPORTS, { message: `must be one of: ${Object.keys(EXPORTS).join(", ")}` }),
    from: isoDate.optional(),
    to: isoDate.optional(),
    unit: z.string().min(1).optional(),
    format: z.enum(["csv", "xlsx"]).default("csv"),
    out: z.string().min(1).optional(),
  })
  .superRefine((args, ctx) => {
    const definition = EXPORTS[args.kind];
    if (definition?.needsPeriod) {
      if (!args.from) ctx.addIssue({ code: "custom", path: ["from"], message: "is required for this export" });
      if (!args.to) ctx.addIssue({ code: "custom", path: ["to"], message: "is required for this export" });
    }
    if (args.from && args.to && args.from > args.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before --from" });
    }
  });

export type ExportArgs = z.infer<typeof ArgsSchema>;

/** argv after the script name → validated arguments, or the list of problems. */
export function parseExportArgs(argv: string[]): { ok: true; args: ExportArgs } | { ok: false; problems: string[] } {
  const raw: Record<string, string> = {};
  const problems: string[] = [];
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token.startsWith("--")) {
      const [name, inline] = token.slice(2).split("=", 2);
      const value = inline ?? argv[++i];
      if (!["from", "to", "unit", "format", "out"].includes(name)) problems.push(`unknown option --${name}`);
      else if (value === undefined || value.startsWith("--")) problems.push(`--${name} needs a value`);
      else raw[name] = value;
    } else positional.push(token);
  }
  if (positional.length !== 1) problems.push(`give exactly one export kind (${Object.keys(EXPORTS).join(", ")})`);
  if (problems.length) return { ok: false, problems };
  const parsed = ArgsSchema.safeParse({ kind: positional[0], ...raw });
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path[0] === "kind" ? "the export" : i.path.length ? `--${i.path.join(".")}` : "arguments"} ${i.message}`) };
  }
  return { ok: true, args: parsed.data };
}

async function main(): Promise<number> {
  const parsed = parseExportArgs(process.argv.slice(2));
  if (!parsed.ok) {
    for (const problem of parsed.problems) process.stderr.write(`export: ${problem}\n`);
    return 1;
  }
  const { kind, from, to, unit, format, out } = parsed.args;
  try {
    const table = await EXPORTS[kind].build(getDb(), { from, to, unitCode: unit });
    const bytes = await writeTable(table, format);
    if (out) await fs.writeFile(out, bytes);
    else await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (e) => (e ? reject(e) : resolve())));
    return 0;
  } catch (error) {
    if (error instanceof ExportError) process.stderr.write(`export: ${error.message}\n`);
    else process.stderr.write(`export failed: ${readableError(error)}\n`);
    return 1;
  } finally {
    await closeDb();
  }
}

// Run only as a script, so tests can import parseExportArgs.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then((code) => process.exit(code));
}
