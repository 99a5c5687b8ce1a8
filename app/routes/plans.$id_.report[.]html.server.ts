// The plans.$id_.report[.]html route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requirePlanAccess, today } from "~/lib/plans.server";
import { renderReportHtml } from "~/lib/plans-report.server";
import { fileResponse, getReportBack } from "~/lib/plan-records.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, Number(params.id), db);
  const day = today();
  const html = renderReportHtml((await getReportBack(db, access.planId, day))!);
  return fileResponse(new TextEncoder().encode(html), "text/html; charset=utf-8", `tilbagemelding-handleplan-${access.planId}-${day}.html`);
}
