// Download of the wellbeing figures the page shows, for the unit and every unit below it: the same
// builder and writer as `npm run export -- wellbeing --unit CODE --format csv|xlsx`, so the bytes
// match, and suppressed exactly as the pages are (a hidden figure is an empty cell).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseSearchParams } from "~/lib/search-params";
import { getDb } from "~/lib/db.server";
import { forbidden, requireCapability } from "~/lib/guard.server";
import { can } from "../../domain/access";
import { getUnit } from "~/lib/dashboards.server";
import { buildWellbeingExport, CONTENT_TYPES, writeTable } from "~/lib/wellbeing-export.server";

const Query = z.object({
  unit: z.coerce.number().int().positive(),
  format: z.enum(["csv", "xlsx"]).default("csv"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_wellbeing", undefined, db);
  const { unit: unitId, format } = parseSearchParams(request, Query);
  if (!can(principal, "view_wellbeing", unitId)) throw forbidden();
  const unit = await getUnit(db, unitId);
  if (!unit) throw new Response("Not found", { status: 404 });
  const bytes = await writeTable(await buildWellbeingExport(db, { unitCode: unit.code }), format);
  const filename = `trivsel_${unit.code}.${format}`.replace(/[^A-Za-z0-9_.-]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
