// The wellbeing route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseSearchParams } from "~/lib/search-params";
import { getDb } from "../../db/client";
import { forbidden, requireCapability } from "~/lib/guard.server";
import { can, scopeOf } from "../../domain/access";
import { getUnit, rootUnitId, scopeRootUnits, unitsInScope } from "../../db/presenters/units";
import { wellbeingHeatmap, wellbeingPage } from "../../db/presenters/wellbeing";
import { invariantResponse, NOT_FOUND } from "~/lib/responses.server";

const blank = (v: unknown) => (v === "" ? undefined : v);

const Query = z.object({
  unit: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  round: z.preprocess(blank, z.string().trim().max(100).optional()),
});

const PICKER_LIMIT = 400;

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_wellbeing", undefined, db);
  const query = parseSearchParams(request, Query);
  const scope = scopeOf(principal, "view_wellbeing");
  const [units, rootId, roots] = await Promise.all([
    unitsInScope(db, scope, undefined, PICKER_LIMIT + 1), rootUnitId(db), scope === "all" ? Promise.resolve([]) : scopeRootUnits(db, scope),
  ]);
  const unitId = query.unit ?? (scope === "all" ? rootId : roots[0]?.id) ?? null;
  if (unitId === null || rootId === null) return { unit: null, page: null, heatmap: null, options: [], canPlan: false };
  if (!can(principal, "view_wellbeing", unitId)) throw forbidden();
  const [unit, page, heatmap] = await Promise.all([
    getUnit(db, unitId), wellbeingPage(db, unitId, rootId), wellbeingHeatmap(db, unitId, rootId, query.round ?? null),
  ]);
  invariantResponse(unit, NOT_FOUND, { status: 404 });
  // Too many units for one select: offer the levels above the teams (a few hundred at national scale).
  const pickable = units.length <= PICKER_LIMIT ? units : await unitsInScope(db, scope, ["organisation", "area", "centre", "department", "cluster"], PICKER_LIMIT);
  const options = pickable.map((u) => ({ id: u.id, name: u.name }));
  // The heatmap's rows below the unit are in the viewer's scope: a subtree grant covers them.
  const rows = heatmap.rows.filter((r) => can(principal, "view_wellbeing", r.unitId));
  return {
    unit: { id: unit.id, name: unit.name, isRoot: unit.id === rootId },
    page, heatmap: { ...heatmap, rows }, options, canPlan: can(principal, "edit_plans", unitId),
  };
}
