// The risk route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { can, scopeOf } from "../../domain/access";
import { riskRadar } from "../../db/presenters/risk";
import { businessDate } from "../../env";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_load", undefined, db);
  const radar = await riskRadar(db, scopeOf(principal, "view_load"), businessDate());
  // The plan form is offered only where the viewer may create plans.
  const canPlan = radar.teams.filter((team) => can(principal, "edit_plans", team.unitId)).map((team) => team.unitId);
  return { radar, canPlan };
}
