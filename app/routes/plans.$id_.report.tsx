import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import plansCss from "~/styles/plans.css";
import { getDb, getPlanDetail, requirePlanAccess, today } from "~/lib/plans.server";
import { useT } from "~/lib/i18n";
import { REPORT_CSS, ReportDocument } from "~/lib/plans-ui";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: plansCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Tilbagemelding · ${data?.report.plan.title ?? "Handleplan"}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, Number(params.id), db);
  const day = today();
  const detail = (await getPlanDetail(db, access.planId, day))!;
  return { report: { today: day, plan: detail.plan, focusPoints: detail.focusPoints, reviews: detail.reviews } };
}

const TEXTS = {
  da: { back: "Tilbage til handleplanen", print: "Udskriv / gem som PDF", download: "Hent som fil (HTML)",
    hint: "Dokumentet er på dansk, som det sendes til Arbejdstilsynet. Udskriv det på A4, eller hent det som fil." },
  en: { back: "Back to the action plan", print: "Print / save as PDF", download: "Download as file (HTML)",
    hint: "The document is in Danish, as it is sent to the Working Environment Authority. Print it on A4 or download it." },
};

export default function ReportPage() {
  const { report } = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  return (
    <div className="stack">
      <div className="no-print stack">
        <p><Link to={`/plans/${report.plan.id}`}>← {t.back}</Link></p>
        <p className="muted small">{t.hint}</p>
        <div className="plan-actions">
          <button type="button" className="primary" onClick={() => window.print()}>{t.print}</button>
          <a className="button" href={`/plans/${report.plan.id}/report.html`} download>{t.download}</a>
        </div>
      </div>
      <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
      <ReportDocument data={report} />
    </div>
  );
}
