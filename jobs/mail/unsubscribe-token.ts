// Signed unsubscribe links: work without signing in, name one user and one kind, and cannot be
// forged or moved to another user or kind. Keyed by SESSION_SECRET (the first signs, all verify).
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../../env";
import type { MailKind } from "./kinds";

const DEV_SECRET = "dev-only-secret-not-for-production";

export function mailSecrets(): string[] {
  const raw = env().SESSION_SECRET;
  const list = raw ? raw.split(",").map((s) => s.trim()).filter(Boolean) : [];
  return list.length ? list : [DEV_SECRET];
}

function sign(secret: string, userId: number, kind: MailKind): string {
  // A purpose prefix, so this MAC can never stand in for another use of the same secret.
  return createHmac("sha256", secret).update(`mail-unsubscribe:${userId}:${kind}`).digest("base64url");
}

export function unsubscribeToken(userId: number, kind: MailKind, secrets: string[] = mailSecrets()): string {
  return sign(secrets[0], userId, kind);
}

export function verifyUnsubscribeToken(userId: number, kind: MailKind, token: string, secrets: string[] = mailSecrets()): boolean {
  const given = Buffer.from(token);
  return secrets.some((secret) => {
    const expected = Buffer.from(sign(secret, userId, kind));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

export function unsubscribeUrl(appUrl: string, userId: number, kind: MailKind, secrets?: string[]): string {
  const params = new URLSearchParams({ u: String(userId), k: kind, t: unsubscribeToken(userId, kind, secrets) });
  return `${appUrl.replace(/\/$/, "")}/unsubscribe?${params.toString()}`;
}
