// The wellbeing_.download route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseSearchParams } from "~/lib/search-params";
import { getDb } from "../../db/client";
import { forbidden, requireCapability } from "~/lib/guard.server";
import { can } from "../../domain/access";
import { getUnit } from "../../db/presenters/units";
import { buildWellbeingExport } from "../../exports/wellbeing";
import { CONTENT_TYPES, writeTable } from "../../exports/table";
import { invariantResponse, NOT_FOUND } from "~/lib/responses.server";

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
  invariantResponse(unit, NOT_FOUND, { status: 404 });
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
