// The report back to AT as a PDF (reports/report-pdf.ts), for whoever may read the plan.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb, requirePlanAccess, today } from "~/lib/plans.server";
import { fileResponse, getReportBack, renderReportPdf } from "~/lib/plan-records.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, Number(params.id), db);
  const day = today();
  const pdf = await renderReportPdf((await getReportBack(db, access.planId, day))!);
  return fileResponse(pdf, "application/pdf", `tilbagemelding-handleplan-${access.planId}-${day}.pdf`);
}
