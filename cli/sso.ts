// `npm run sso -- list | map <claim-value> <role> [<unit_code> | <committee name>] | unmap <claim-value> [<role> [<unit_code>]]`:
// the single sign-on mapping from the command line (the admin page /admin/sso does the same).
// A claim value is an Entra ID app role or group id, a Keycloak role or a KOMBIT privilege URI.
import { env } from "../env";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb, getDb, type Database } from "../db/client";
import { addMapping, removeMappings } from "../db/commands/sso";
import { listMappings } from "../db/presenters/sso";
import { InputError } from "../db/commands/input-error";
import { USER_ROLES, type UserRole } from "../db/schema";
import { readableError } from "./error-message";

const USAGE = [
  "Usage:",
  "  npm run sso -- list",
  "  npm run sso -- map <claim-value> <role> [<unit_code>]      (role: admin, hr, director, manager)",
  '  npm run sso -- map <claim-value> med "<committee name>"',
  "  npm run sso -- unmap <claim-value>                         (every rule of the claim value)",
  "  npm run sso -- unmap <claim-value> <role> [<unit_code>]",
].join("\n");

const actor = { actor: `cli:${env().USER ?? "unknown"}` };

export interface Output { log(line: string): void; error(line: string): void }

/** The command on a database handle; returns the exit code (tests call it in-process). */
export async function ssoCommand(db: Database, argv: string[], console: Output): Promise<number> {
  const [command, claimValue, role, scope] = argv;
  try {
    return await run(db, argv, command, claimValue, role, scope, console);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const [field, reason] of Object.entries(error.fieldErrors)) console.error(`${field}: ${reason}`);
    return 2;
  }
}

async function run(db: Database, argv: string[], command?: string, claimValue?: string, role?: string, scope?: string, console: Output = globalThis.console): Promise<number> {
  if (command === "list" && argv.length === 1) {
    const rows = await listMappings(db);
    if (rows.length === 0) console.log("No mappings: nobody can sign in through single sign-on yet.");
    for (const r of rows) {
      const where = r.unitCode ? `${r.unitCode} (${r.unitName}) and below` : r.committeeName ? `committee ${r.committeeName}` : "whole organisation";
      console.log(`${r.claimValue}\t${r.role}\t${where}`);
    }
    return 0;
  }
  if (command === "map" && claimValue && role && argv.length <= 4) {
    if (!USER_ROLES.includes(role as UserRole)) {
      console.error(`Unknown role ${role}: one of ${USER_ROLES.join(", ")}`);
      return 2;
    }
    const input = role === "med" ? { claimValue, role: "med" as const, committeeName: scope } : { claimValue, role: role as UserRole, unitCode: scope };
    await addMapping(db, input, actor);
    console.log(`Mapped ${claimValue} → ${role}${scope ? ` (${scope})` : ""}. It applies at each user's next login.`);
    return 0;
  }
  if (command === "unmap" && claimValue && argv.length <= 4) {
    let removed = 0;
    if (!role) removed = await removeMappings(db, { claimValue }, actor);
    else {
      const rows = (await listMappings(db)).filter((r) => r.claimValue === claimValue && r.role === role && (scope ? r.unitCode === scope || r.committeeName === scope : r.unitId === null && r.committeeId === null));
      for (const r of rows) removed += await removeMappings(db, { id: r.id }, actor);
    }
    if (removed === 0) {
      console.error(`No mapping of ${claimValue}${role ? ` to ${role}${scope ? ` (${scope})` : ""}` : ""}.`);
      return 1;
    }
    console.log(`Removed ${removed} mapping${removed === 1 ? "" : "s"} of ${claimValue}. Users lose the grant at their next login.`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ssoCommand(getDb(), process.argv.slice(2), console)
    .then((code) => (process.exitCode = code))
    .catch((error: unknown) => {
      console.error(readableError(error));
      process.exitCode = 1;
    })
    .finally(() => closeDb());
}
