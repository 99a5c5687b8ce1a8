// From what an identity provider says about a person to what the product lets them do: pure
// functions, shared by OpenID Connect and SAML. The mapping rows come from sso_mappings, read at
// every login, so a change at the provider (or in the mapping) applies at the next login.
import type { UserRole } from "./roles";

export interface MappingRule {
  claimValue: string;
  role: UserRole;
  unitId: number | null;
  committeeId: number | null;
}

export interface Grant {
  role: UserRole;
  unitId: number | null;
  committeeId: number | null;
}

/** One claim value the provider sent, with the organisation units it is limited to (SAML constraints). */
export interface Entitlement {
  value: string;
  /** Unit codes from OIO-BPP organisation-unit constraints; empty when unconstrained. */
  unitCodes: string[];
}

export interface ExternalIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  displayName: string | null;
}

/** The values of the roles/groups claim: an array (Entra ID, Keycloak) or one string. */
export function claimValues(claims: Record<string, unknown>, claimName: string): string[] {
  const raw = claims[claimName];
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [];
  return [...new Set(list.filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter(Boolean))];
}

/**
 * Entra ID leaves the groups out of the token when a user has more than 200 (150 in SAML) and says
 * so with `_claim_names.groups` (or `hasgroups: true` in the implicit flow). Mapping on the rest
 * would silently give the wrong grants, so such a login is refused.
 */
export function hasGroupOverage(claims: Record<string, unknown>, claimName: string): boolean {
  const names = claims._claim_names;
  if (names && typeof names === "object" && claimName in names) return true;
  return claimName === "groups" && claims.hasgroups === true;
}

/** Same rules as user_roles: admin org-wide, manager on a unit, MED on a committee. */
function grantValid(grant: Grant): boolean {
  if (grant.unitId !== null && grant.committeeId !== null) return false;
  switch (grant.role) {
    case "admin": return grant.unitId === null && grant.committeeId === null;
    case "hr":
    case "director": return grant.committeeId === null;
    case "manager": return grant.unitId !== null;
    case "med": return grant.committeeId !== null;
  }
}

/**
 * The grants a person's entitlements give. A rule with a unit or committee gives that scope; a
 * rule without one takes the units of the entitlement's constraints (a KOMBIT privilege limited to
 * organisation units), or the whole organisation when unconstrained (admin, HR, director only).
 * Constraint codes that name no unit give nothing. Duplicates are merged.
 */
export function grantsFor(entitlements: readonly Entitlement[], rules: readonly MappingRule[], unitIdByCode: ReadonlyMap<string, number>): Grant[] {
  const out = new Map<string, Grant>();
  const add = (grant: Grant) => {
    if (grantValid(grant)) out.set(`${grant.role}:${grant.unitId}:${grant.committeeId}`, grant);
  };
  for (const entitlement of entitlements) {
    for (const rule of rules) {
      if (rule.claimValue !== entitlement.value) continue;
      if (rule.unitId !== null || rule.committeeId !== null || entitlement.unitCodes.length === 0) {
        add({ role: rule.role, unitId: rule.unitId, committeeId: rule.committeeId });
        continue;
      }
      for (const code of entitlement.unitCodes) {
        const unitId = unitIdByCode.get(code);
        if (unitId !== undefined) add({ role: rule.role, unitId, committeeId: null });
      }
    }
  }
  return [...out.values()].sort((a, b) => a.role.localeCompare(b.role) || (a.unitId ?? 0) - (b.unitId ?? 0) || (a.committeeId ?? 0) - (b.committeeId ?? 0));
}

/** Same grants, whatever the order: a login that changes nothing writes no audit row. */
export function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  const key = (g: Grant) => `${g.role}:${g.unitId}:${g.committeeId}`;
  const left = new Set(a.map(key));
  return a.length === b.length && b.every((g) => left.has(key(g)));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Name and e-mail from standard OIDC claims, with the fallbacks Entra ID and ADFS use. */
export function identityFromOidcClaims(issuer: string, claims: Record<string, unknown>): ExternalIdentity {
  const text = (key: string) => (typeof claims[key] === "string" && (claims[key] as string).trim() ? (claims[key] as string).trim() : null);
  const email = [text("email"), text("preferred_username"), text("upn")].find((v) => v !== null && EMAIL.test(v)) ?? null;
  const given = [text("given_name"), text("family_name")].filter(Boolean).join(" ");
  return { issuer, subject: String(claims.sub), email: email?.toLowerCase() ?? null, displayName: text("name") ?? (given || null) };
}
