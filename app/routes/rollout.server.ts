// The rollout route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { scopeOf } from "../../domain/access";
import { minRespondents } from "../../db/presenters/wellbeing";
import { ROLLOUT_DIMENSIONS, rolloutPage } from "../../db/presenters/rollout";
import { businessDate } from "../../env";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_load", undefined, db);
  const [waves, minimum] = await Promise.all([rolloutPage(db, scopeOf(principal, "view_load"), businessDate()), minRespondents(db)]);
  return { waves, minimum, dimensions: [...ROLLOUT_DIMENSIONS] };
}
