// The plans._index route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireCapability } from "~/lib/guard.server";
import { can, scopeOf } from "../../domain/access";
import { committeesInScope, listPlans, myOpenItems, planIdsWithItemsOwnedBy } from "../../db/presenters/plan-views";
import { getDb } from "../../db/client";
import { today } from "~/lib/plans.server";
import { unitPicker } from "../../db/presenters/units";
import { unreadCount } from "../../db/presenters/notifications";

const Filter = z.object({
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(["open", "closed", "all"]).optional().catch(undefined),
  source: z.enum(["at_decision", "apv", "survey", "risk_signal", "other"]).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_plans", undefined, db);
  const url = new URL(request.url);
  const filter = Filter.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const scope = scopeOf(principal, "view_plans");
  const day = today();
  const own = await planIdsWithItemsOwnedBy(db, principal.user.id);
  const status = filter.status === "all" ? null : filter.status ?? "open";
  const picker = await unitPicker(db, scope, filter.unit ?? null);
  return {
    today: day,
    filter: { unit: filter.unit ?? null, status: filter.status ?? "open", source: filter.source ?? null },
    plans: await listPlans(db, scope, own, { unitId: filter.unit, status, source: filter.source }, day),
    units: picker.options,
    teamsOmitted: picker.teamsOmitted,
    committees: await committeesInScope(db, scope, principal.user.id),
    myItems: await myOpenItems(db, principal.user.id, day),
    canCreate: can(principal, "edit_plans"),
    unread: await unreadCount(db, principal.user.id),
  };
}
