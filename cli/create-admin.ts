// `npm run create-admin -- --email ADDRESS --name "Full Name"`: the first administrator of a real
// installation (after that, administrators manage users on /admin/users). The password is read
// from ADMIN_PASSWORD so it never appears in the shell history or the process list.
import { env } from "../env";
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDb, getDb } from "../db/client";
import { createUser } from "../db/commands/users";
import { readableError } from "./error-message";

const Args = z.object({
  email: z.string().trim().email(),
  name: z.string().trim().min(1),
  password: z.string().min(12, "ADMIN_PASSWORD must hold at least 12 characters"),
});

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  const parsed = Args.safeParse({ email: values.email, name: values.name, password: env().ADMIN_PASSWORD ?? "" });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
    console.error('Usage: ADMIN_PASSWORD=… npm run create-admin -- --email ADDRESS --name "Full Name"');
    return 2;
  }
  const { id } = await createUser(
    getDb(),
    { email: parsed.data.email, displayName: parsed.data.name, password: parsed.data.password, roles: [{ role: "admin" }] },
    { actor: `cli:${env().USER ?? "unknown"}` },
  );
  console.log(`Administrator ${parsed.data.email} created (user ${id}).`);
  return 0;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error: unknown) => {
    console.error(readableError(error));
    process.exitCode = 1;
  })
  .finally(() => closeDb());
