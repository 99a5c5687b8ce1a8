// The teams route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseSearchParams } from "~/lib/search-params";
import { getDb } from "../../db/client";
import { forbidden, requireCapability } from "~/lib/guard.server";
import { can, scopeOf } from "../../domain/access";
import { businessDate } from "../../env";
import { unitsInScope } from "../../db/presenters/units";
import { allTeamsPage } from "../../db/presenters/all-teams";
import type { SortKey, StatusFilter } from "../../db/presenters/all-teams";

// Spelled out here: a value imported from a .server module is undefined in the browser bundle,
// where this module-level schema is evaluated too. `satisfies` keeps them equal to the presenter's.
const SORT_KEYS = [
  "name", "status", "weeksOver", "casesPerFte", "weightedLoadPerFte", "emotionalSharePct", "mismatchedCases", "turnoverPct", "atPlans",
] as const satisfies readonly SortKey[];

const STATUS_FILTERS = ["red", "amber", "green", "none", "over"] as const satisfies readonly StatusFilter[];

const empty = (v: unknown) => (v === "" ? undefined : v);

const Query = z.object({
  q: z.preprocess(empty, z.string().trim().max(100).optional()),
  status: z.preprocess(empty, z.enum(STATUS_FILTERS).optional()),
  within: z.preprocess(empty, z.coerce.number().int().positive().optional()),
  sort: z.preprocess(empty, z.enum(SORT_KEYS).optional()),
  dir: z.preprocess(empty, z.enum(["asc", "desc"]).optional()),
  page: z.preprocess(empty, z.coerce.number().int().positive().max(100_000).optional()),
});

export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const db = getDb();
  const principal = await requireCapability(args, "view_load", undefined, db);
  const query = parseSearchParams(request, Query);
  if (query.within !== undefined && !can(principal, "view_load", query.within)) throw forbidden();
  // The rendered-page cache (server.ts) keeps this page; a hit asks these guards again.
  args.context.renderedPageSlot?.allow({
    guards: [{ capability: "view_load" }, ...(query.within !== undefined ? [{ capability: "view_load" as const, unitId: query.within }] : [])],
    nameRead: null,
  });
  const scope = scopeOf(principal, "view_load");
  const options = {
    scope, today: businessDate(), q: query.q || null, status: query.status ?? null, within: query.within ?? null,
    sort: query.sort, dir: query.dir,
  };
  const [page, units] = await Promise.all([
    allTeamsPage(db, { ...options, page: query.page ?? 1 }),
    unitsInScope(db, options.scope, ["centre", "cluster", "department"], 1000),
  ]);
  return {
    page,
    units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
    query: { q: query.q ?? "", status: query.status ?? "", within: query.within ?? "" },
  };
}
