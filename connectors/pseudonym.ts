// Employee ids from CPR-keyed sources (KMD Opus, SD Løn): a keyed HMAC of the CPR number, so the
// same person gets the same id on every sync, and the CPR itself never passes the boundary.
import { createHmac } from "node:crypto";
import { ConnectorError } from "./contract";

const CPR_SHAPE = /^(\d{6})-?(\d{4})$/;

/** True when the text is shaped like a CPR number (DDMMYY-XXXX or 10 digits). */
export function looksLikeCpr(value: string): boolean {
  return CPR_SHAPE.test(value.trim());
}

/**
 * "p-" + 24 hex characters of HMAC-SHA256(secret, the 10 digits). Never 10 digits, so the
 * importer's CPR check cannot mistake it for one. The error for a malformed value names the
 * record, never the value.
 */
export function pseudonymise(cpr: string, secret: string, recordId: string): string {
  const match = CPR_SHAPE.exec(cpr.trim());
  if (!match) throw new ConnectorError("record", "the CPR field is not 10 digits", recordId);
  return `p-${createHmac("sha256", secret).update(match[1] + match[2]).digest("hex").slice(0, 24)}`;
}

export function requireSecret(secret: string | undefined): string {
  if (!secret || secret.length < 32) {
    throw new ConnectorError("config", "CONNECTOR_PSEUDONYM_SECRET must be set (at least 32 characters) for a CPR-keyed source");
  }
  return secret;
}
