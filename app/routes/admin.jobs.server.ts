// The admin.jobs route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { can } from "../../domain/access";
import { env, businessDate } from "../../env";
import { jobsPage } from "../../db/presenters/jobs";
import { SCHEDULED_JOBS, SCHEDULED_JOB_NAMES } from "~/lib/ops.server";
import { recordAudit } from "../../db/audit";
import { runJobNow } from "../../jobs/run-now";
import { invariantResponse } from "~/lib/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_jobs", undefined, db);
  return { page: await jobsPage(db, SCHEDULED_JOBS, env().REDIS_URL || undefined), mayRun: can(principal, "run_jobs") };
}

// Built in the action: SCHEDULED_JOB_NAMES comes from a .server module, empty in the browser bundle.
const runNowForm = () => z.object({ intent: z.literal("run"), job: z.enum(SCHEDULED_JOB_NAMES as [string, ...string[]]) });

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "run_jobs", undefined, db);
  const parsed = runNowForm().safeParse(Object.fromEntries(await request.formData()));
  invariantResponse(parsed.success, "Ukendt job", { status: 400 });
  const redisUrl = env().REDIS_URL || undefined;
  const started = await runJobNow(db, parsed.data.job, { redisUrl, today: businessDate() });
  await recordAudit(db, {
    userId: principal.user.id, action: "run_now", entity: "job", entityId: parsed.data.job, after: { mode: started.mode, jobId: started.jobId },
  });
  return redirect(`/admin/jobs?started=${encodeURIComponent(parsed.data.job)}`);
}
