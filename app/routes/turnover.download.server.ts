// The turnover.download route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseSearchParams } from "~/lib/search-params";
import { getDb } from "../../db/client";
import { forbidden, requireCapability } from "~/lib/guard.server";
import { can } from "../../domain/access";
import { buildMunicipalTurnoverExport } from "../../exports/turnover-municipal";
import { buildTurnoverExport } from "../../exports/turnover";
import { writeTable } from "../../exports/table";
import { attachment } from "~/lib/exports.server";
import { isValidIsoDate } from "../../domain/calendar";
import { unitsInTreeOrder } from "../../db/presenters/turnover";
import { invariantResponse, NOT_FOUND } from "~/lib/responses.server";

// Checked on the server only (isValidIsoDate comes from a .server module).
const isoDate = z.string().refine((v) => isValidIsoDate(v));

const Query = z.object({
  unit: z.coerce.number().int().positive(),
  from: isoDate,
  to: isoDate,
  format: z.enum(["csv", "xlsx"]).default("csv"),
}).refine((q) => q.from <= q.to);

const MunicipalQuery = z.object({
  variant: z.literal("municipal"),
  unit: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(1991).max(2100),
  format: z.enum(["csv", "xlsx"]).default("csv"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_turnover", undefined, db);
  if (new URL(request.url).searchParams.get("variant") === "municipal") {
    const { unit, year, format } = parseSearchParams(request, MunicipalQuery);
    if (!can(principal, "view_turnover", unit)) throw forbidden();
    const [root] = await unitsInTreeOrder(db, unit);
    invariantResponse(root, NOT_FOUND, { status: 404 });
    const bytes = await writeTable(await buildMunicipalTurnoverExport(db, { year, unitId: unit }), format);
    return attachment(bytes, format, `personaleomsaetning_kommunal_statistik_nov_nov_${root.code}_${year}`);
  }
  const { unit, from, to, format } = parseSearchParams(request, Query);
  if (!can(principal, "view_turnover", unit)) throw forbidden();
  const [root] = await unitsInTreeOrder(db, unit);
  invariantResponse(root, NOT_FOUND, { status: 404 });
  const bytes = await writeTable(await buildTurnoverExport(db, { from, to, unitCode: root.code }), format);
  return attachment(bytes, format, `personaleomsaetning_${root.code}_${from}_${to}`);
}
