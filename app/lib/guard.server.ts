// The one place that decides who may do what, and where. Every loader and action calls it.
// Scopes are unit subtrees: a grant on a unit covers it and everything below it.
import type { AppLoadContext } from "@remix-run/node";
import { asc, eq, inArray } from "drizzle-orm";
import { getDb, type Database } from "../../db/client";
import { userRoles, unitClosure, committeeUnits, units, type UserRole } from "../../db/schema";
import { getOptionalUser, loginRedirect, type SessionUser } from "./auth.server";

export const CAPABILITIES = [
  "view_load",          // team and unit caseload figures, status, heatmap, risk radar
  "view_caseworkers",   // per-caseworker figures and names (the person's own managers only)
  "view_turnover",      // headcount and turnover figures and exports
  "view_departure_names", // names in the departure drill-down
  "view_wellbeing",     // survey figures (always with the minimum group rule)
  "view_plans",         // action plans, reviews, the meeting view
  "edit_plans",         // create plans, focus points and items; edit any item of the plan
  "review_plans",       // record committee reviews, verify items
  "update_own_items",   // change status and evidence of items one owns
  "import_data",        // upload files, see the import history
  "admin_users",        // user administration
  "view_audit",         // the audit trail
  "view_jobs",          // job runs and queues
  "run_jobs",           // start a scheduled job now (the jobs page)
  "admin_settings",     // thresholds, complexity weights and catalogues
  "sign_report_management", // sign a plan's report back for management (docs/decisions/0015)
  "sign_report_safety",     // sign it as safety representative and confirm the employees were informed
  "manage_connections", // connections to OS2mo, Opus, SD Løn and file folders; test and sync them
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * What each role may do inside its scope. Keep in step with docs/routes.md.
 * Privacy (DOMAIN.md): names and per-caseworker figures only for the person's own managers, so no
 * role but manager has view_caseworkers, and only managers and HR see who left; MED members and
 * HR see teams; HR has turnover and headcount everywhere and no case figures; the director reads
 * everything except names; the administrator runs the system (users, imports, jobs, audit) and
 * reads every figure, but not names.
 */
const NAMES: readonly Capability[] = ["view_caseworkers", "view_departure_names"];
/** Signatures are a person's in their office (manager, MED member), never the system administrator's. */
const SIGNATURES: readonly Capability[] = ["sign_report_management", "sign_report_safety"];
export const ROLE_CAPABILITIES: Record<UserRole, readonly Capability[]> = {
  admin: CAPABILITIES.filter((c) => !NAMES.includes(c) && !SIGNATURES.includes(c)),
  // Not view_departure_names: a leaver's name is shown only to the person's own managers
  // (DATA-CONTRACT.md, employees.display_name; DOMAIN.md: "committees and HR see teams").
  hr: ["view_turnover", "import_data"],
  director: ["view_load", "view_turnover", "view_wellbeing", "view_plans"],
  med: ["view_load", "view_turnover", "view_wellbeing", "view_plans", "edit_plans", "review_plans", "update_own_items", "sign_report_safety"],
  manager: ["view_load", "view_caseworkers", "view_turnover", "view_departure_names", "view_wellbeing", "view_plans", "edit_plans", "update_own_items", "sign_report_management"],
};

export interface Principal {
  user: SessionUser;
  roles: UserRole[];
  /** Per capability: every unit id it reaches, or "all". */
  scopes: Map<Capability, Set<number> | "all">;
}

export interface GrantFacts {
  grants: { role: UserRole; unitId: number | null; committeeId: number | null }[];
  /** The units each of the user's committees covers (roots of subtrees). */
  committeeUnits: { committeeId: number; unitId: number }[];
  /** unit_closure rows for every root named by a grant or a committee. */
  closure: { ancestorId: number; descendantId: number }[];
}

/** The pure part of loadPrincipal: grants and the unit tree in, a scope per capability out. */
export function resolveScopes(facts: GrantFacts): Pick<Principal, "roles" | "scopes"> {
  const scopes = new Map<Capability, Set<number> | "all">();
  const roles = new Set<UserRole>();
  const subtree = (root: number) => facts.closure.filter((c) => c.ancestorId === root).map((c) => c.descendantId);

  for (const grant of facts.grants) {
    roles.add(grant.role);
    let reach: Set<number> | "all";
    if (grant.committeeId !== null) {
      reach = new Set(facts.committeeUnits.filter((c) => c.committeeId === grant.committeeId).flatMap((c) => subtree(c.unitId)));
    } else if (grant.unitId !== null) {
      reach = new Set(subtree(grant.unitId));
    } else {
      // Organisation-wide grants exist only for admin, HR and director (checked on creation).
      reach = grant.role === "admin" || grant.role === "hr" || grant.role === "director" ? "all" : new Set();
    }
    for (const capability of ROLE_CAPABILITIES[grant.role]) {
      const current = scopes.get(capability);
      if (current === "all" || reach === "all") scopes.set(capability, "all");
      else scopes.set(capability, new Set([...(current ?? []), ...reach]));
    }
  }
  return { roles: [...roles], scopes };
}

export async function loadPrincipal(db: Database, user: SessionUser): Promise<Principal> {
  const grants = await db
    .select({ role: userRoles.role, unitId: userRoles.unitId, committeeId: userRoles.committeeId })
    .from(userRoles)
    .where(eq(userRoles.userId, user.id));
  const committeeIds = grants.filter((g) => g.committeeId !== null).map((g) => g.committeeId!);
  const committeeRoots = committeeIds.length
    ? await db
        .select({ committeeId: committeeUnits.committeeId, unitId: committeeUnits.unitId })
        .from(committeeUnits)
        .where(inArray(committeeUnits.committeeId, committeeIds))
    : [];
  const rootIds = new Set<number>();
  for (const g of grants) if (g.unitId !== null) rootIds.add(g.unitId);
  for (const c of committeeRoots) rootIds.add(c.unitId);
  const closure = rootIds.size
    ? await db
        .select({ ancestorId: unitClosure.ancestorId, descendantId: unitClosure.descendantId })
        .from(unitClosure)
        .where(inArray(unitClosure.ancestorId, [...rootIds]))
    : [];
  return { user, ...resolveScopes({ grants, committeeUnits: committeeRoots, closure }) };
}

/** May the principal use this capability, on this unit when one is named (anywhere otherwise)? */
export function can(principal: Principal, capability: Capability, unitId?: number | null): boolean {
  const scope = principal.scopes.get(capability);
  if (!scope) return false;
  if (unitId === undefined || unitId === null) return scope === "all" || scope.size > 0;
  return scope === "all" || scope.has(unitId);
}

/** Unit ids the principal reaches with a capability ("all" for the whole organisation). */
export function scopeOf(principal: Principal, capability: Capability): Set<number> | "all" {
  return principal.scopes.get(capability) ?? new Set();
}

/**
 * The unit ids a capability reaches, resolved to a list ("all" becomes every unit), for SQL
 * filters such as `inArray(x.unitId, ids)`. Empty when the capability is not held.
 */
export async function unitIdsInScope(db: Database, principal: Principal, capability: Capability): Promise<number[]> {
  const scope = scopeOf(principal, capability);
  if (scope !== "all") return [...scope].sort((a, b) => a - b);
  const rows = await db.select({ id: units.id }).from(units).orderBy(asc(units.id));
  return rows.map((r) => r.id);
}

/** For actions that already hold the principal: throws 403 unless it may act on the unit. */
export function assertCan(principal: Principal, capability: Capability, unitId?: number | null): void {
  if (!can(principal, capability, unitId)) throw forbidden();
}

/**
 * A page route renders this through its ErrorBoundary; a resource route (an export, a JSON
 * endpoint) hands the body to the browser as it is, hence a Danish sentence and nothing more.
 */
export function forbidden(): Response {
  return new Response("Ingen adgang: du har ikke adgang til denne side eller enhed.", {
    status: 403,
    statusText: "Forbidden",
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * What a loader hands the guard: its Request, or its whole argument ({ request, context }) so
 * the session user and grants are read once per request however many loaders ask. Actions pass
 * the Request: an action may change grants or the session, and the loaders that run after it in
 * the same request must not see a principal read before the change.
 */
export type GuardRequest = Request | { request: Request; context?: AppLoadContext };

/**
 * Principals by the request's memo object (server.ts getLoadContext makes one per request). The
 * root loader and the page's loader both need the principal; Remix gives each loader its own
 * copy of the Request, so only the load context is shared between them.
 */
const principals = new WeakMap<object, Promise<Principal | null>>();

/** The signed-in user's principal, or null for an anonymous visitor (or an inactive user). */
export function getOptionalPrincipal(from: GuardRequest, db: Database = getDb()): Promise<Principal | null> {
  // Told apart by shape: the Request class of the loader need not be this module's global one.
  const { request, memo } = "request" in from ? { request: from.request, memo: from.context?.requestMemo } : { request: from, memo: undefined };
  const read = async () => {
    const user = await getOptionalUser(request, db);
    return user ? loadPrincipal(db, user) : null;
  };
  if (!memo) return read();
  let principal = principals.get(memo);
  if (!principal) {
    principal = read();
    principals.set(memo, principal);
  }
  return principal;
}

/**
 * Signed-in user with the capability (on the unit, if given); otherwise a redirect to login
 * (anonymous) or a 403 (signed in without scope).
 */
export async function requireCapability(
  from: GuardRequest,
  capability: Capability,
  unitId?: number | null,
  db: Database = getDb(),
): Promise<Principal> {
  const principal = await requirePrincipal(from, db);
  if (!can(principal, capability, unitId)) throw forbidden();
  return principal;
}

/** Signed in, any role: for pages every role has (the start page, notifications, settings). */
export async function requirePrincipal(from: GuardRequest, db: Database = getDb()): Promise<Principal> {
  const principal = await getOptionalPrincipal(from, db);
  if (!principal) throw loginRedirect("request" in from ? from.request : from);
  return principal;
}
