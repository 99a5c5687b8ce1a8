// Single sign-on writes: the claim mapping (admin page and `npm run sso`), and the login, which
// creates users at first login from issuer + subject and replaces their grants from the mapping at
// every login. The SAML and OIDC stores are db/infra/sso-stores.ts; the admin page's reads db/presenters/sso.ts.
import crypto from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../client";
import { recordAudit } from "../audit";
import {
  committees, ssoMappings, units, userRoles, users, USER_ROLES, type UserRole,
} from "../schema";
import { grantsFor, sameGrants, type Entitlement, type ExternalIdentity, type Grant } from "../../domain/sso-claims";
import { InputError } from "./input-error";
import type { Actor } from "./actor";

export const MappingInputSchema = z.object({
  claimValue: z.string().trim().min(1).max(500),
  role: z.enum(USER_ROLES),
  /** A unit code: the grant covers that unit and its subtree. */
  unitCode: z.string().trim().min(1).max(100).optional(),
  /** A MED committee's name (MED members are scoped to a committee). */
  committeeName: z.string().trim().min(1).max(200).optional(),
  /** The admin page picks by id. */
  unitId: z.number().int().positive().optional(),
  committeeId: z.number().int().positive().optional(),
});
export type MappingInput = z.input<typeof MappingInputSchema>;

/** Adds one claim value → grant rule; refuses scopes user_roles would refuse. Returns its id. */
export async function addMapping(db: Database, input: MappingInput, by: Actor): Promise<number> {
  const parsed = MappingInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
    throw new InputError(fieldErrors);
  }
  const { claimValue, role } = parsed.data;
  return db.transaction(async (tx) => {
    let unitId: number | null = null;
    let committeeId: number | null = null;
    let unitCode: string | null = null;
    let committeeName: string | null = null;
    if (parsed.data.unitCode || parsed.data.unitId) {
      const where = parsed.data.unitCode ? eq(units.code, parsed.data.unitCode) : eq(units.id, parsed.data.unitId!);
      const [unit] = await tx.select({ id: units.id, code: units.code }).from(units).where(where).limit(1);
      if (!unit) throw new InputError({ unitCode: `unknown unit ${parsed.data.unitCode ?? parsed.data.unitId}` });
      unitId = unit.id;
      unitCode = unit.code;
    }
    if (parsed.data.committeeName || parsed.data.committeeId) {
      const where = parsed.data.committeeName ? eq(committees.name, parsed.data.committeeName) : eq(committees.id, parsed.data.committeeId!);
      const [committee] = await tx.select({ id: committees.id, name: committees.name }).from(committees).where(where).limit(1);
      if (!committee) throw new InputError({ committeeName: `unknown committee ${parsed.data.committeeName ?? parsed.data.committeeId}` });
      committeeId = committee.id;
      committeeName = committee.name;
    }
    const problem = scopeProblem(role, unitId, committeeId);
    if (problem) throw new InputError({ role: problem });
    const [row] = await tx
      .insert(ssoMappings)
      .values({ claimValue, role, unitId, committeeId })
      .onConflictDoNothing()
      .returning({ id: ssoMappings.id });
    if (!row) throw new InputError({ claimValue: "this mapping already exists" });
    await recordAudit(tx, { ...by, action: "create", entity: "sso_mapping", entityId: row.id, unitId, after: { claimValue, role, unitCode, committeeName } });
    return row.id;
  });
}

/**
 * A manager or MED rule without a scope is allowed: its units come from the login (KOMBIT's
 * organisation-unit constraints); a login without them gets nothing from such a rule.
 */
function scopeProblem(role: UserRole, unitId: number | null, committeeId: number | null): string | null {
  if (role === "admin" && (unitId !== null || committeeId !== null)) return "administrator mappings are organisation-wide";
  if (role === "med" && committeeId === null) return "a MED mapping needs a committee";
  if (role !== "med" && committeeId !== null) return "only MED mappings take a committee";
  return null;
}

/** Removes rules by id, or every rule of a claim value. Returns how many went. */
export async function removeMappings(db: Database, which: { id: number } | { claimValue: string }, by: Actor): Promise<number> {
  return db.transaction(async (tx) => {
    const where = "id" in which ? eq(ssoMappings.id, which.id) : eq(ssoMappings.claimValue, which.claimValue.trim());
    const gone = await tx.delete(ssoMappings).where(where).returning();
    for (const row of gone) {
      await recordAudit(tx, { ...by, action: "delete", entity: "sso_mapping", entityId: row.id, unitId: row.unitId, before: { claimValue: row.claimValue, role: row.role, unitId: row.unitId, committeeId: row.committeeId } });
    }
    return gone.length;
  });
}

/** The grants the mapping gives these entitlements, as of now. */
export async function resolveGrants(db: Database, entitlements: readonly Entitlement[]): Promise<Grant[]> {
  const values = [...new Set(entitlements.map((e) => e.value))];
  if (values.length === 0) return [];
  const rules = await db
    .select({ claimValue: ssoMappings.claimValue, role: ssoMappings.role, unitId: ssoMappings.unitId, committeeId: ssoMappings.committeeId })
    .from(ssoMappings)
    .where(inArray(ssoMappings.claimValue, values));
  const codes = [...new Set(entitlements.flatMap((e) => e.unitCodes))];
  const unitRows = codes.length ? await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, codes)) : [];
  return grantsFor(entitlements, rules, new Map(unitRows.map((u) => [u.code, u.id])));
}

export type SignInRefusal = "unmapped" | "inactive" | "email_taken";
export type SignInResult = { ok: true; userId: number } | { ok: false; reason: SignInRefusal };

/**
 * The login of an external identity. No grants: refused, and no account is created (an existing
 * SSO user loses their grants, so a revoked role is gone at once). A deactivated user is refused.
 * Otherwise the user is created (first login) or their name and e-mail refreshed, and their grants
 * replaced with exactly the mapped ones.
 */
export async function signInExternal(db: Database, identity: ExternalIdentity, grants: readonly Grant[]): Promise<SignInResult> {
  return db.transaction(async (tx): Promise<SignInResult> => {
    const [existing] = await tx
      .select()
      .from(users)
      .where(and(eq(users.externalIssuer, identity.issuer), eq(users.externalSubject, identity.subject)))
      .limit(1);
    const actor = { actor: `sso:${new URL(identity.issuer).host}` };
    if (existing && !existing.active) return { ok: false, reason: "inactive" };
    if (!existing && grants.length === 0) return { ok: false, reason: "unmapped" };

    const email = identity.email ?? syntheticEmail(identity);
    let userId: number;
    if (existing) {
      userId = existing.id;
      const changes: Partial<typeof users.$inferInsert> = { lastLoginAt: new Date() };
      if (identity.displayName && identity.displayName !== existing.displayName) changes.displayName = identity.displayName;
      if (email !== existing.email && !(await emailTaken(tx, email, userId))) changes.email = email;
      await tx.update(users).set(changes).where(eq(users.id, userId));
    } else {
      if (await emailTaken(tx, email, null)) return { ok: false, reason: "email_taken" };
      const [created] = await tx
        .insert(users)
        .values({
          email, displayName: identity.displayName ?? email, passwordHash: null,
          externalIssuer: identity.issuer, externalSubject: identity.subject, lastLoginAt: new Date(),
        })
        .returning({ id: users.id });
      userId = created!.id;
      await recordAudit(tx, { ...actor, action: "create", entity: "user", entityId: userId, after: { email, displayName: identity.displayName ?? email, issuer: identity.issuer } });
    }

    const before = await tx
      .select({ role: userRoles.role, unitId: userRoles.unitId, committeeId: userRoles.committeeId })
      .from(userRoles)
      .where(eq(userRoles.userId, userId));
    if (!sameGrants(before, grants)) {
      await tx.delete(userRoles).where(eq(userRoles.userId, userId));
      if (grants.length) await tx.insert(userRoles).values(grants.map((g) => ({ userId, ...g })));
      await recordAudit(tx, { ...actor, action: "set_roles", entity: "user", entityId: userId, before: { roles: before }, after: { roles: grants } });
    }
    if (grants.length === 0) return { ok: false, reason: "unmapped" };
    return { ok: true, userId };
  });
}

async function emailTaken(db: Database, email: string, exceptUserId: number | null): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(2);
  return rows.some((r) => r.id !== exceptUserId);
}

/** Some providers send no e-mail claim: a stable, undeliverable address keeps users.email unique. */
function syntheticEmail(identity: ExternalIdentity): string {
  const digest = crypto.createHash("sha256").update(`${identity.issuer}\n${identity.subject}`).digest("hex").slice(0, 16);
  return `sso-${digest}@${new URL(identity.issuer).hostname}.invalid`;
}
