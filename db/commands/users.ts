// User administration: accounts, their role grants and activation. Every write is validated here
// (not only in the form) because the demo seed and the CLI call these functions directly, and every
// write leaves an audit row in the same transaction. Password hashes never enter the audit trail.
// The administration pages' reads are db/presenters/users.ts.
import { endUserSessions } from "../infra/sessions";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../client";
import { recordAudit } from "../audit";
import { hashPassword } from "../passwords";
import { committees, employees, units, userRoles, users, USER_ROLES, type UserRole } from "../schema";
import type { Actor } from "./actor";
import { InputError } from "./input-error";

/** Roles that may hold an organisation-wide grant (no unit, no committee). */
export const ORG_WIDE_ROLES: readonly UserRole[] = ["admin", "hr", "director"];
export const PASSWORD_MIN_LENGTH = 12;

export const RoleGrantSchema = z.object({
  role: z.enum(USER_ROLES),
  unitId: z.number().int().positive().nullish(),
  committeeId: z.number().int().positive().nullish(),
});
export type RoleGrantInput = z.input<typeof RoleGrantSchema>;
export interface RoleGrant { role: UserRole; unitId: number | null; committeeId: number | null }

export const CreateUserSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  displayName: z.string().trim().min(1).max(200),
  /** Absent for users who will only sign in through an external identity provider. */
  password: z.string().min(PASSWORD_MIN_LENGTH).max(200).optional(),
  language: z.enum(["da", "en"]).default("da"),
  roles: z.array(RoleGrantSchema).max(50).default([]),
  employeeId: z.string().trim().min(1).max(100).nullish(),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

const SYSTEM: Actor = { actor: "system" };

/** The scope rule of a grant, without touching the database. Returns a reason, or null when valid. */
export function grantProblem(grant: RoleGrant): string | null {
  const orgWide = grant.unitId === null && grant.committeeId === null;
  if (grant.unitId !== null && grant.committeeId !== null) return "a grant is scoped to a unit or a committee, not both";
  switch (grant.role) {
    case "admin":
      // An administrator manages users, whose grants can reach anywhere: a partial admin is not a thing.
      return orgWide ? null : "administrator grants are organisation-wide";
    case "hr":
    case "director":
      return grant.committeeId === null ? null : `${grant.role} is scoped to a unit or the whole organisation, not a committee`;
    case "manager":
      return grant.unitId !== null ? null : "a manager needs a unit";
    case "med":
      return grant.committeeId !== null ? null : "a MED member needs a committee";
  }
}

function normaliseGrants(input: readonly RoleGrantInput[]): RoleGrant[] {
  const parsed = z.array(RoleGrantSchema).max(50).parse(input);
  const seen = new Set<string>();
  const grants: RoleGrant[] = [];
  for (const g of parsed) {
    const grant = { role: g.role, unitId: g.unitId ?? null, committeeId: g.committeeId ?? null };
    const key = `${grant.role}:${grant.unitId}:${grant.committeeId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    grants.push(grant);
  }
  return grants;
}

async function checkGrants(db: Database, grants: RoleGrant[]): Promise<void> {
  const errors: Record<string, string> = {};
  grants.forEach((g, i) => {
    const problem = grantProblem(g);
    if (problem) errors[`roles.${i}`] = problem;
  });
  const unitIds = [...new Set(grants.flatMap((g) => (g.unitId === null ? [] : [g.unitId])))];
  const committeeIds = [...new Set(grants.flatMap((g) => (g.committeeId === null ? [] : [g.committeeId])))];
  const foundUnits = unitIds.length ? await db.select({ id: units.id }).from(units).where(inArray(units.id, unitIds)) : [];
  const foundCommittees = committeeIds.length
    ? await db.select({ id: committees.id }).from(committees).where(inArray(committees.id, committeeIds))
    : [];
  const unitSet = new Set(foundUnits.map((u) => u.id));
  const committeeSet = new Set(foundCommittees.map((c) => c.id));
  grants.forEach((g, i) => {
    if (g.unitId !== null && !unitSet.has(g.unitId)) errors[`roles.${i}`] = "unknown unit";
    if (g.committeeId !== null && !committeeSet.has(g.committeeId)) errors[`roles.${i}`] = "unknown committee";
  });
  if (Object.keys(errors).length) throw new InputError(errors);
}

function zodToFieldErrors(error: z.ZodError): InputError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
  return new InputError(fieldErrors);
}

async function grantsOf(db: Database, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .select({ role: userRoles.role, unitId: userRoles.unitId, committeeId: userRoles.committeeId })
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .orderBy(asc(userRoles.id));
  return rows;
}

/** What the audit trail keeps of a user: everything an administrator can change, never the hash. */
async function snapshot(db: Database, userId: number) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return null;
  return {
    email: user.email,
    displayName: user.displayName,
    language: user.language,
    employeeId: user.employeeId,
    active: user.active,
    hasPassword: user.passwordHash !== null,
    roles: await grantsOf(db, userId),
  };
}

async function activeAdminCount(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${users.id})::int` })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.active, true), eq(userRoles.role, "admin")));
  return row?.n ?? 0;
}

/**
 * Runs a change and refuses it when it takes away the last active administrator: nobody could
 * manage users afterwards. (A database that never had one, e.g. during seeding, is left alone.)
 */
async function keepingAnAdmin(tx: Database, change: () => Promise<void>): Promise<void> {
  const before = await activeAdminCount(tx);
  await change();
  if (before > 0 && (await activeAdminCount(tx)) === 0) {
    throw new InputError({ roles: "at least one active administrator must remain" });
  }
}

async function requireUserRow(db: Database, userId: number) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new InputError({ user: "unknown user" });
  return user;
}

export async function createUser(db: Database, input: CreateUserInput, by: Actor = SYSTEM): Promise<{ id: number }> {
  const parsed = CreateUserSchema.safeParse(input);
  if (!parsed.success) throw zodToFieldErrors(parsed.error);
  const data = parsed.data;
  let grants: RoleGrant[];
  try {
    grants = normaliseGrants(data.roles);
  } catch (error) {
    if (error instanceof z.ZodError) throw zodToFieldErrors(error);
    throw error;
  }
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  return db.transaction(async (tx) => {
    await checkGrants(tx, grants);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email)).limit(1);
    if (taken) throw new InputError({ email: "a user with this e-mail already exists" });
    if (data.employeeId) {
      const [employee] = await tx.select({ id: employees.id }).from(employees).where(eq(employees.id, data.employeeId)).limit(1);
      if (!employee) throw new InputError({ employeeId: "unknown employee" });
    }
    const [created] = await tx
      .insert(users)
      .values({
        email: data.email,
        displayName: data.displayName,
        passwordHash,
        language: data.language,
        employeeId: data.employeeId ?? null,
      })
      .returning({ id: users.id });
    if (grants.length) await tx.insert(userRoles).values(grants.map((g) => ({ userId: created.id, ...g })));
    await recordAudit(tx, { ...by, action: "create", entity: "user", entityId: created.id, after: await snapshot(tx, created.id) });
    return { id: created.id };
  });
}

/** Replaces every grant of the user with the given ones. */
export async function setRoles(db: Database, userId: number, roles: readonly RoleGrantInput[], by: Actor = SYSTEM): Promise<void> {
  let grants: RoleGrant[];
  try {
    grants = normaliseGrants(roles);
  } catch (error) {
    if (error instanceof z.ZodError) throw zodToFieldErrors(error);
    throw error;
  }
  await db.transaction(async (tx) => {
    await requireUserRow(tx, userId);
    await checkGrants(tx, grants);
    const before = await snapshot(tx, userId);
    await keepingAnAdmin(tx, async () => {
      await tx.delete(userRoles).where(eq(userRoles.userId, userId));
      if (grants.length) await tx.insert(userRoles).values(grants.map((g) => ({ userId, ...g })));
    });
    const after = await snapshot(tx, userId);
    // What a session may see changed: the user signs in again under the new grants.
    if (JSON.stringify(before) !== JSON.stringify(after)) await endUserSessions(tx, userId, "roles");
    await recordAudit(tx, { ...by, action: "set_roles", entity: "user", entityId: userId, before, after });
  });
}

async function setActive(db: Database, userId: number, active: boolean, by: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await requireUserRow(tx, userId);
    if (user.active === active) return;
    const before = await snapshot(tx, userId);
    await keepingAnAdmin(tx, async () => {
      await tx.update(users).set({ active }).where(eq(users.id, userId));
    });
    // Reactivation must not bring an old cookie back to life.
    if (!active) await endUserSessions(tx, userId, "deactivated");
    await recordAudit(tx, {
      ...by, action: active ? "reactivate" : "deactivate", entity: "user", entityId: userId, before, after: await snapshot(tx, userId),
    });
  });
}

/** A deactivated user cannot sign in, and every session of theirs is ended. */
export function deactivate(db: Database, userId: number, by: Actor = SYSTEM): Promise<void> {
  return setActive(db, userId, false, by);
}

export function reactivate(db: Database, userId: number, by: Actor = SYSTEM): Promise<void> {
  return setActive(db, userId, true, by);
}

export async function setPassword(db: Database, userId: number, password: string, by: Actor = SYSTEM): Promise<void> {
  const parsed = z.string().min(PASSWORD_MIN_LENGTH).max(200).safeParse(password);
  if (!parsed.success) throw new InputError({ password: `at least ${PASSWORD_MIN_LENGTH} characters` });
  const passwordHash = await hashPassword(parsed.data);
  await db.transaction(async (tx) => {
    await requireUserRow(tx, userId);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    // A changed password is often a response to a stolen one: every open session ends.
    await endUserSessions(tx, userId, "password");
    // The trail records that the password changed, never anything derived from it.
    await recordAudit(tx, { ...by, action: "set_password", entity: "user", entityId: userId });
  });
}

export const ProfileSchema = z.object({
  displayName: z.string().trim().min(1).max(200),
  language: z.enum(["da", "en"]),
  employeeId: z.string().trim().max(100).nullish().transform((v) => (v ? v : null)),
});
export type ProfileInput = z.input<typeof ProfileSchema>;

/** Name, language and the link to the HR employee (how a manager's own items and team are found). */
export async function updateProfile(db: Database, userId: number, input: ProfileInput, by: Actor = SYSTEM): Promise<void> {
  const parsed = ProfileSchema.safeParse(input);
  if (!parsed.success) throw zodToFieldErrors(parsed.error);
  const data = parsed.data;
  await db.transaction(async (tx) => {
    await requireUserRow(tx, userId);
    if (data.employeeId) {
      const [employee] = await tx.select({ id: employees.id }).from(employees).where(eq(employees.id, data.employeeId)).limit(1);
      if (!employee) throw new InputError({ employeeId: "unknown employee" });
    }
    const before = await snapshot(tx, userId);
    await tx.update(users).set(data).where(eq(users.id, userId));
    await recordAudit(tx, { ...by, action: "update", entity: "user", entityId: userId, before, after: await snapshot(tx, userId) });
  });
}
