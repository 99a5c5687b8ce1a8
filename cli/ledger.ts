// `npm run ledger -- check | rebuild`: compares the load ledger the imports keep with one rebuilt
// from the facts (exit 1 when they differ), or rebuilds it (docs/decisions/0017).
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getConnection } from "../db/client";
import { IMPORT_LOCK } from "../db/locks";
import { IMPORT_KINDS } from "../db/schema";
import { checkLedger, ledgerDirty, rebuildLedger } from "../db/load-ledger";
import { readableError } from "./error-message";

const Command = z.enum(["check", "rebuild"]);

async function main(): Promise<number> {
  const parsed = Command.safeParse(process.argv[2]);
  if (!parsed.success) {
    console.error("usage: npm run ledger -- check | rebuild");
    return 2;
  }
  const connection = getConnection();
  try {
    return await connection.db.transaction(async (t) => {
      // No import may change the facts or the ledger meanwhile.
      for (let kind = 0; kind < IMPORT_KINDS.length; kind++) await t.execute(sql`select pg_advisory_xact_lock_shared(${IMPORT_LOCK}, ${kind})`);
      if (parsed.data === "rebuild") {
        const rows = await rebuildLedger(t);
        console.log(`Ledger rebuilt from the facts: ${rows} rows.`);
        return 0;
      }
      if (await ledgerDirty(t)) {
        console.log("The ledger is marked stale (a write bypassed it): the next aggregation rebuilds it. Nothing to compare.");
        return 1;
      }
      const { differing, rows } = await checkLedger(t);
      console.log(differing === 0 ? `Ledger equals a rebuild from the facts (${rows} rows).` : `Ledger differs from a rebuild in ${differing} rows (of ${rows}).`);
      return differing === 0 ? 0 : 1;
    });
  } finally {
    await connection.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`ledger failed: ${readableError(error)}`);
  process.exit(1);
});
