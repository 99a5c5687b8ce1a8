// The one place every loader and action asks who may do what, and where: the rules are
// domain/access.ts, the grants db/principal.ts; here they meet the request (403, login redirect).
import type { AppLoadContext } from "@remix-run/node";
import { getDb, type Database } from "../../db/client";
import { loadPrincipal } from "../../db/principal";
import { can, type Capability, type Principal } from "../../domain/access";
import { getOptionalUser, loginRedirect } from "./auth.server";

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
  // Read already by the rendered-page cache for this request (its key was made from it).
  const slot = "request" in from ? from.context?.renderedPageSlot : undefined;
  if (slot) return slot.principal;
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
