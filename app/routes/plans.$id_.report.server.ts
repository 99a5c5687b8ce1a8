// The plans.$id_.report route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requirePlanAccess, today } from "~/lib/plans.server";
import { getReportBack, isValidIsoDate, recordSignoff, REPORT_SIGNOFF_KINDS, signerRights, signoffProblem } from "~/lib/plan-records.server";
import { invariantResponse, textResponse } from "~/lib/responses.server";
import { InputError } from "../../db/commands/input-error";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, Number(params.id), db);
  const day = today();
  const report = (await getReportBack(db, access.planId, day))!;
  const rights = signerRights(access);
  // What this user may record now, decided on the server by the same rule the action applies.
  const may = Object.fromEntries(REPORT_SIGNOFF_KINDS.map((k) => [k, signoffProblem(k, rights, report.signoffs!)])) as Record<
    (typeof REPORT_SIGNOFF_KINDS)[number], string | null>;
  return { report, may };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, Number(params.id), db);
  const form = Object.fromEntries([...(await request.formData())].filter(([, v]) => typeof v === "string"));
  // Built here, not at module level: the kinds come from a .server module the browser never loads.
  const parsed = z.object({
    kind: z.enum(REPORT_SIGNOFF_KINDS),
    version: z.string().regex(/^[0-9a-f]{64}$/),
    onDate: z.string().optional(),
  }).safeParse(form);
  invariantResponse(parsed.success, "Ugyldig forespørgsel.", { status: 400 });
  const day = today();
  const { kind, version, onDate } = parsed.data;
  const needsDate = kind === "sent_to_at" || kind === "employees_informed";
  if (needsDate && (!onDate || !isValidIsoDate(onDate) || onDate > day)) return data({ kind, problem: "bad_date" }, { status: 400 });
  try {
    await recordSignoff(db, { planId: access.planId, kind, version, onDate: needsDate ? onDate : null, today: day }, signerRights(access), { userId: access.principal.user.id });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.code === "forbidden") throw textResponse("Ingen adgang: du kan ikke underskrive som det.", 403);
    return data({ kind, problem: error.code }, { status: 409 });
  }
  return redirect(`/plans/${access.planId}/report#signoffs`);
}
