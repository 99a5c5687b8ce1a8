// `npm run aggregate -- [--from YYYY-MM-DD] [--to YYYY-MM-DD]`: recompute every rollup inline,
// without Redis, against DATABASE_URL (or the embedded database). The run is recorded as a
// recompute request and a job run, like any other.
import { parseArgs } from "node:util";
import { z } from "zod";
import { getConnection } from "../db/client";
import { isValidIsoDate } from "../domain/calendar";
import { createRecomputeRequest } from "../db/recompute-requests";
import { processRecomputeRequest } from "../jobs/recompute/job";
import { readableError } from "./error-message";
import { businessDate } from "../env";

const IsoDateArg = z.string().refine(isValidIsoDate, "must be a date YYYY-MM-DD").optional();
const Args = z.object({ from: IsoDateArg, to: IsoDateArg })
  .refine((a) => !a.from || !a.to || a.from <= a.to, { message: "must not be after --to", path: ["from"] });

async function main(): Promise<number> {
  process.env.TZ = "UTC";
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } }, strict: true });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
    return 2;
  }
  const connection = getConnection();
  try {
    const requestId = await createRecomputeRequest(connection.db, "cli", parsed.data);
    const summary = await processRecomputeRequest(connection.db, requestId, businessDate(), { jobId: `cli-${requestId}` });
    if (!summary) throw new Error(`recompute request ${requestId} was already done`);
    console.log(`Weeks ${summary.fromWeek} – ${summary.toWeek}: ${summary.unitWeeks} unit-weeks, ${summary.caseworkerWeeks} caseworker-weeks, `
      + `${summary.statusRows} status rows, ${summary.wellbeingRows} wellbeing figures, ${summary.riskSignals} risk signals.`);
    console.log(`Time (ms): ${Object.entries(summary.ms).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    return 0;
  } finally {
    await connection.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`aggregate failed: ${readableError(error)}`);
  process.exit(1);
});
