// The _index route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
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
