// The plans.$id_.report[.]docx route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requirePlanAccess, today } from "~/lib/plans.server";
import { CONTENT_TYPES, fileResponse, getReportBack, renderReportDocx } from "~/lib/plan-records.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, Number(params.id), db);
  const day = today();
  const docx = await renderReportDocx((await getReportBack(db, access.planId, day))!);
  return fileResponse(docx, CONTENT_TYPES.docx, `tilbagemelding-handleplan-${access.planId}-${day}.docx`);
}
