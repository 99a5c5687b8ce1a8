// The SAML replay and pending-request stores and the OIDC ID tokens kept for RP-initiated logout, in
// Postgres so every server process agrees.
import crypto from "node:crypto";
import { eq, lt } from "drizzle-orm";
import type { Database } from "../client";
import { oidcLogins, samlAssertionsSeen, samlPendingRequests } from "../schema";

/** Records a SAML assertion id; false when it was seen before (a replay). Purges expired ids. */
export async function rememberAssertion(db: Database, assertionId: string, issuer: string, expiresAt: Date): Promise<boolean> {
  await db.delete(samlAssertionsSeen).where(lt(samlAssertionsSeen.expiresAt, new Date()));
  const inserted = await db
    .insert(samlAssertionsSeen)
    .values({ assertionId, issuer, expiresAt })
    .onConflictDoNothing()
    .returning({ id: samlAssertionsSeen.assertionId });
  return inserted.length === 1;
}

/** node-saml's CacheProvider (for InResponseTo), kept in Postgres so every server process agrees. */
export function samlRequestCache(db: Database, maxAgeMs: number) {
  const purge = () => db.delete(samlPendingRequests).where(lt(samlPendingRequests.createdAt, new Date(Date.now() - maxAgeMs)));
  return {
    async saveAsync(key: string, value: string) {
      await purge();
      const [row] = await db.insert(samlPendingRequests).values({ requestId: key, value }).onConflictDoNothing().returning();
      return row ? { value: row.value, createdAt: row.createdAt.getTime() } : null;
    },
    async getAsync(key: string) {
      const [row] = await db.select().from(samlPendingRequests).where(eq(samlPendingRequests.requestId, key)).limit(1);
      return row && row.createdAt.getTime() > Date.now() - maxAgeMs ? row.value : null;
    },
    async removeAsync(key: string | null) {
      if (key === null) return null;
      const [row] = await db.delete(samlPendingRequests).where(eq(samlPendingRequests.requestId, key)).returning();
      return row?.value ?? null;
    },
  };
}

const OIDC_LOGIN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Keeps the ID token of a login for logout; returns the handle the logout cookie carries. */
export async function saveOidcLogin(db: Database, userId: number, idToken: string): Promise<string> {
  await db.delete(oidcLogins).where(lt(oidcLogins.createdAt, new Date(Date.now() - OIDC_LOGIN_MAX_AGE_MS)));
  const id = crypto.randomBytes(24).toString("base64url");
  await db.insert(oidcLogins).values({ id, userId, idToken });
  return id;
}

/** The ID token of that login, removed as it is read (a logout happens once). */
export async function takeOidcLogin(db: Database, id: string): Promise<string | null> {
  const [row] = await db.delete(oidcLogins).where(eq(oidcLogins.id, id)).returning({ idToken: oidcLogins.idToken, createdAt: oidcLogins.createdAt });
  if (!row || row.createdAt.getTime() < Date.now() - OIDC_LOGIN_MAX_AGE_MS) return null;
  return row.idToken;
}
