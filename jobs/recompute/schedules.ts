// The scheduled recomputes, in one place: each writes a durable request for the week that just
// closed (sources "weekly" and "nightly", which leave employments untouched) and dispatches every
// open request (BullMQ, or the in-process loop).
import type { Database } from "../../db/client";
import { createRecomputeRequest } from "../../db/recompute-requests";
import { weeklyScope, type Schedule, type ScheduledJob } from "../../domain/schedules";

function weekRecomputeJob(name: string, schedule: Schedule, source: "weekly" | "nightly"): ScheduledJob<Database> {
  return {
    name,
    schedule,
    async process(ctx) {
      const requestId = await createRecomputeRequest(ctx.db, source, weeklyScope(ctx.today));
      const dispatched = await ctx.dispatch();
      return { requestId, dispatched };
    },
  };
}

/** Weekly, after the week closes: Monday 02:00 Copenhagen time. */
export const weeklyAggregationJob = weekRecomputeJob("weekly-aggregation", { weekday: 1, hour: 2, minute: 0 }, "weekly");

/**
 * Nightly catch-up: recompute the last complete and the current week (in case the weekly run was
 * missed) and sweep every open request, including those whose jobs Redis lost.
 */
export const nightlyCatchUpJob = weekRecomputeJob("nightly-catch-up", { hour: 1, minute: 30 }, "nightly");
