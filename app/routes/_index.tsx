import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/lib/db.server";
import { requireUser } from "~/lib/auth.server";
import { forbidden } from "~/lib/guard.server";
import { can, type Capability } from "../../domain/access";
import { loadPrincipal } from "../../db/principal";

// Each role lands where its weekly work starts.
const LANDING: [Capability, string][] = [
  ["view_caseworkers", "/team"],
  ["review_plans", "/plans"],
  ["view_load", "/organisation"],
  ["view_turnover", "/turnover"],
  ["import_data", "/imports"],
];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const user = await requireUser(request, db);
  const principal = await loadPrincipal(db, user);
  const landing = LANDING.find(([capability]) => can(principal, capability));
  if (principal.roles.includes("admin")) throw redirect("/organisation");
  if (landing) throw redirect(landing[1]);
  throw forbidden();
}

/**
 * Never rendered (the loader always redirects or throws), but a route with a component lets the
 * root ErrorBoundary answer a user without any role with the Danish 403 page instead of raw text.
 */
export default function Index() {
  return null;
}
