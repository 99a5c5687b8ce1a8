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
import { downloadResponse } from "~/lib/exports.server";
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
  return downloadResponse(await buildWellbeingExport(db, { unitCode: unit.code }), format, `trivsel_${unit.code}`);
}
