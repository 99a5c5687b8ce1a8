// The organisation route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseSearchParams } from "~/lib/search-params";
import { getDb } from "../../db/client";
import { forbidden, requireCapability } from "~/lib/guard.server";
import { can, scopeOf } from "../../domain/access";
import { organisationPage } from "../../db/presenters/organisation";
import { businessDate } from "../../env";

const optionalId = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional());

const Query = z.object({
  unit: optionalId,
  centre: optionalId,
  cluster: optionalId,
  district: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(100).optional()),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_load", undefined, db);
  const query = parseSearchParams(request, Query);
  const { unit, centre, cluster, district } = query;
  // The narrowest choice wins: a cluster lies inside a centre, a drill-down link names the unit.
  const unitId = cluster ?? centre ?? unit ?? null;
  if (unitId !== null && !can(principal, "view_load", unitId)) throw forbidden();
  const page = await organisationPage(db, {
    scope: scopeOf(principal, "view_load"), unitId, district: district ?? null, today: businessDate(),
  });
  return { page, query: { centre: centre ?? null, cluster: cluster ?? null, district: district ?? null } };
}
