// The SSO administration page's reads: the claim mapping, and how many users sign in only through SSO.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { committees, ssoMappings, units, users } from "../schema";
import type { MappingRule } from "../../domain/sso-claims";

export interface MappingRow extends MappingRule {
  id: number;
  unitCode: string | null;
  unitName: string | null;
  committeeName: string | null;
}

export async function listMappings(db: Database): Promise<MappingRow[]> {
  return db
    .select({
      id: ssoMappings.id, claimValue: ssoMappings.claimValue, role: ssoMappings.role, unitId: ssoMappings.unitId,
      committeeId: ssoMappings.committeeId, unitCode: units.code, unitName: units.name, committeeName: committees.name,
    })
    .from(ssoMappings)
    .leftJoin(units, eq(units.id, ssoMappings.unitId))
    .leftJoin(committees, eq(committees.id, ssoMappings.committeeId))
    .orderBy(asc(ssoMappings.claimValue), asc(ssoMappings.role), asc(units.code));
}

/** Users who sign in only through SSO (no password), for the admin page's count. */
export async function ssoUserCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(and(sql`${users.externalIssuer} is not null`, isNull(users.passwordHash)));
  return row?.n ?? 0;
}
