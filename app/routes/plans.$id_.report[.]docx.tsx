// The report back to AT as a Word file (reports/report-docx.ts), for editing before it is filed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb, requirePlanAccess, today } from "~/lib/plans.server";
import { CONTENT_TYPES, fileResponse, getReportBack, renderReportDocx } from "~/lib/plan-records.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, Number(params.id), db);
  const day = today();
  const docx = await renderReportDocx((await getReportBack(db, access.planId, day))!);
  return fileResponse(docx, CONTENT_TYPES.docx, `tilbagemelding-handleplan-${access.planId}-${day}.docx`);
}
