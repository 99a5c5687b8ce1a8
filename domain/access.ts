// Who may do what, and where: the capabilities, what each role holds, and the scope a user's
// grants reach (unit subtrees: a grant on a unit covers it and everything below it). Pure; the
// grants are read by db/principal.ts and enforced per request by app/lib/guard.server.ts.
import type { UserRole } from "./roles";

/** The signed-in user as every layer sees them (app/lib/auth.server.ts reads it from the session). */
export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  language: "da" | "en";
  employeeId: string | null;
}

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
