// The team route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseSearchParams } from "~/lib/search-params";
import { getDb } from "../../db/client";
import { recordNameRead } from "../../db/privacy/name-reads";
import { forbidden, requireCapability } from "~/lib/guard.server";
import { can, scopeOf } from "../../domain/access";
import { cachedTeamPage, caseworkerDetail, itemsForViewer } from "../../db/presenters/team";
import { businessDate } from "../../env";
import { unitsInScope } from "../../db/presenters/units";
import { invariantResponse, NOT_FOUND } from "~/lib/responses.server";

const Query = z.object({
  unit: z.coerce.number().int().positive().optional(),
  caseworker: z.string().trim().min(1).max(64).optional(),
});

/** A team picker with more options than this would be unusable; the organisation page drills down instead. */
const PICKER_LIMIT = 400;

export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const db = getDb();
  const principal = await requireCapability(args, "view_load", undefined, db);
  const query = parseSearchParams(request, Query);
  // A manager's own teams come first: their caseworker scope is where their Monday starts.
  const ownScope = scopeOf(principal, "view_caseworkers");
  const pickScope = ownScope !== "all" && ownScope.size > 0 ? ownScope : scopeOf(principal, "view_load");
  // One more than the picker shows tells whether to show it, without reading thousands of teams.
  const teams = await unitsInScope(db, pickScope, ["team"], PICKER_LIMIT + 1);
  const unitId = query.unit ?? teams[0]?.id;
  // The rendered-page cache (server.ts) keeps this page; a hit asks these guards again and logs the same name read.
  const slot = query.caseworker ? undefined : args.context.renderedPageSlot;
  if (unitId === undefined) {
    slot?.allow({ guards: [{ capability: "view_load" }], nameRead: null });
    return { page: null, crumbs: [], teams: [], detail: null };
  }
  if (!can(principal, "view_load", unitId)) throw forbidden();

  const today = businessDate();
  const showCaseworkers = can(principal, "view_caseworkers", unitId);
  const page = await itemsForViewer(db, await cachedTeamPage(db, {
    unitId, today, showCaseworkers, showNames: can(principal, "view_departure_names", unitId),
  }), { userId: principal.user.id, mayViewPlansOf: (u) => can(principal, "view_plans", u), mayUpdateOwnItems: can(principal, "update_own_items"),
    mayNameIn: (u) => can(principal, "view_departure_names", u) });
  invariantResponse(page, NOT_FOUND, { status: 404 });
  const detail = showCaseworkers && query.caseworker && page.current
    ? await caseworkerDetail(db, unitId, query.caseworker, page.current.weekStart)
    : null;
  // Named per-caseworker load is personal data: every showing is logged (GDPR, /admin/name-reads).
  const nameRead = page.caseworkers ? { kind: "caseworker_load" as const, unitId, subjects: page.caseworkers.length } : null;
  if (nameRead) await recordNameRead(db, { userId: principal.user.id, ...nameRead });
  slot?.allow({ guards: [{ capability: "view_load" }, { capability: "view_load", unitId }], nameRead });
  return {
    page,
    // A unit above the team links to the organisation page only where the user may see it there
    // (a team manager's scope ends at the team: a link would answer 403).
    crumbs: page.path.slice(0, -1).map((u) => ({ id: u.id, name: u.name, linked: can(principal, "view_load", u.id) })),
    teams: teams.length <= PICKER_LIMIT ? teams.map((t) => ({ id: t.id, name: t.name })) : [],
    detail,
  };
}
