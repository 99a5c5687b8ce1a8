// The settings every rollup recomputation runs under, for the rest of the caller's transaction.
// Each recompute function applies them itself (they are also called alone: the CLI, the bench,
// tests), so they live here once instead of beside each of them.
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";

export async function useAggregationSettings(tx: Database): Promise<void> {
  // The sorts and hashes over every case period or span spill to disk at the 4 MB default; these
  // transactions are the only heavy ones, so they may use more.
  await tx.execute(sql`select set_config('work_mem', '256MB', true)`);
  // The planner's row estimates run into millions, which switches on JIT compilation: ~0.5 s per
  // statement, more than a short range takes to compute, and more than it saves on a full one.
  await tx.execute(sql`select set_config('jit', 'off', true)`);
}
