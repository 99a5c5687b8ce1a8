// The common end of an SSO login, whichever protocol: entitlements → grants (mapping read now) →
// user (created just in time, refused when unmapped or deactivated) → the product session.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { Database } from "../../../db/client";
import { resolveGrants, signInExternal } from "../../../db/commands/sso";
import { createUserSession, safeRedirect } from "../auth.server";
import { getOptionalPrincipal } from "../guard.server";
import type { Entitlement, ExternalIdentity } from "../../../domain/sso-claims";

export const REFUSAL_REASONS = ["unmapped", "overage", "inactive", "email_taken", "failed", "unavailable"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const StartQuery = z.object({ redirectTo: z.string().max(500).optional() });

/**
 * The common start of an SSO login, whichever protocol: the same-site path to return to
 * (?redirectTo=, checked by safeRedirect); someone already signed in is sent straight there.
 */
export async function loginTarget(args: LoaderFunctionArgs): Promise<string> {
  const query = StartQuery.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  const redirectTo = safeRedirect(query.success ? query.data.redirectTo : undefined);
  if (await getOptionalPrincipal(args)) throw redirect(redirectTo);
  return redirectTo;
}

export function refusal(reason: RefusalReason, provider: "oidc" | "saml", headers?: HeadersInit): Response {
  return redirect(`/auth/refused?reason=${reason}&via=${provider}`, { headers });
}

export async function finishSsoLogin(
  db: Database,
  request: Request,
  provider: "oidc" | "saml",
  identity: ExternalIdentity,
  entitlements: readonly Entitlement[],
  redirectTo: string,
): Promise<{ response: Response; userId: number | null }> {
  const grants = await resolveGrants(db, entitlements);
  const result = await signInExternal(db, identity, grants);
  if (!result.ok) return { response: refusal(result.reason, provider), userId: null };
  return { response: await createUserSession(request, result.userId, safeRedirect(redirectTo)), userId: result.userId };
}
