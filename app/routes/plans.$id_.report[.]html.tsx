// The report back to AT as a downloadable file (the same document as /plans/:id/report).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb, getPlanDetail, requirePlanAccess, today } from "~/lib/plans.server";
import { renderReportHtml } from "~/lib/plans-report.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, Number(params.id), db);
  const day = today();
  const detail = (await getPlanDetail(db, access.planId, day))!;
  const html = renderReportHtml({ today: day, plan: detail.plan, focusPoints: detail.focusPoints, reviews: detail.reviews });
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="tilbagemelding-handleplan-${access.planId}-${day}.html"`,
      "Cache-Control": "no-store",
    },
  });
}
