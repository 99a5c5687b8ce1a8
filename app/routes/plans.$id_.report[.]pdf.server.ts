// The plans.$id_.report[.]pdf route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requirePlanAccess, today } from "~/lib/plans.server";
import { fileResponse, getReportBack, renderReportPdf } from "~/lib/plan-records.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, Number(params.id), db);
  const day = today();
  const pdf = await renderReportPdf((await getReportBack(db, access.planId, day))!);
  return fileResponse(pdf, "application/pdf", `tilbagemelding-handleplan-${access.planId}-${day}.pdf`);
}
