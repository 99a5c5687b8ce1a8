// The demo's single sign-on (`npm run demo -- --sso`): one identity-provider user per demo login,
// whose token carries the claim value "belastning-demo:<login>", mapped to that login's grants as the
// seed made them; plus one user with no mapped role, to show the refusal page.
import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { addMapping } from "../commands/sso";
import { InputError } from "../commands/input-error";
import { userRoles, users } from "../schema";
import { DEMO_LOGINS } from "./logins";

export interface DemoIdpUser { sub: string; name: string; email: string; roles: string[] }

const localPart = (email: string) => email.slice(0, email.indexOf("@"));
export const demoClaim = (email: string) => `belastning-demo:${localPart(email)}`;

/** The provider's users. Their e-mail addresses differ from the password logins', so the SSO users are new, separate accounts. */
export function demoIdpUsers(): DemoIdpUser[] {
  return [
    ...DEMO_LOGINS.map((l) => ({ sub: localPart(l.email), name: `${l.displayName} (SSO)`, email: `${localPart(l.email)}.sso@demo.kommune.dk`, roles: [demoClaim(l.email)] })),
    { sub: "ingen.rolle", name: "Ingen Rolle", email: "ingen.rolle.sso@demo.kommune.dk", roles: ["en-anden-app"] },
  ];
}

/** Maps each demo login's claim value to the grants that login has; idempotent. */
export async function seedDemoSsoMappings(db: Database): Promise<number> {
  let added = 0;
  for (const login of DEMO_LOGINS) {
    const grants = await db
      .select({ role: userRoles.role, unitId: userRoles.unitId, committeeId: userRoles.committeeId })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(eq(users.email, login.email));
    for (const g of grants) {
      try {
        await addMapping(db, { claimValue: demoClaim(login.email), role: g.role, unitId: g.unitId ?? undefined, committeeId: g.committeeId ?? undefined }, { actor: "seed" });
        added++;
      } catch (error) {
        if (!(error instanceof InputError && error.fieldErrors.claimValue)) throw error;
      }
    }
  }
  return added;
}
