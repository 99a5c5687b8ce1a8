// SAML 2.0 service provider on @node-saml/node-saml (KOMBIT's Context Handler, ADFS): signed
// AuthnRequests, signed assertions with audience and time checks (node-saml), and what node-saml
// leaves to us: the Recipient of the subject confirmation and replay protection.
import { SAML, ValidateInResponseTo, type Profile } from "@node-saml/node-saml";
import type { Database } from "../../../db/client";
import { rememberAssertion, samlRequestCache } from "../../../db/infra/sso-stores";
import type { Entitlement, ExternalIdentity } from "../../../domain/sso-claims";
import type { SamlConfig } from "./config.server";
import { decodePrivileges, entitlementsFromPrivileges, PRIVILEGES_ATTRIBUTE } from "./oiobpp";

const REQUEST_MAX_AGE_MS = 10 * 60 * 1000;
const CLOCK_SKEW_MS = 30 * 1000;

export function samlClient(db: Database, config: SamlConfig): SAML {
  return new SAML({
    entryPoint: config.entryPoint,
    issuer: config.spEntityId,
    callbackUrl: config.acsUrl,
    audience: config.spEntityId,
    idpCert: config.idpCert,
    idpIssuer: config.idpIssuer,
    privateKey: config.spKey,
    publicCert: config.spCert,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
    // KOMBIT signs the assertion; ADFS signs the assertion by default too.
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.ifPresent,
    requestIdExpirationPeriodMs: REQUEST_MAX_AGE_MS,
    cacheProvider: samlRequestCache(db, REQUEST_MAX_AGE_MS),
  });
}

export class SamlRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SamlRefusal";
  }
}

type Node = { $?: Record<string, string>; _?: string; [child: string]: unknown };
const first = (node: unknown, key: string): Node | undefined => {
  const list = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? (list[0] as Node) : undefined;
};

/**
 * A validated assertion's facts: the subject confirmation must name our ACS as Recipient, and
 * its id must not have been used before (kept until NotOnOrAfter).
 */
export async function checkAssertion(db: Database, config: SamlConfig, profile: Profile): Promise<void> {
  const assertion = profile.getAssertion?.() as { Assertion?: Node } | undefined;
  const node = assertion?.Assertion;
  if (!node?.$?.ID) throw new SamlRefusal("assertion without ID");
  const confirmation = first(first(first(node, "Subject"), "SubjectConfirmation"), "SubjectConfirmationData");
  const recipient = confirmation?.$?.Recipient;
  if (recipient !== config.acsUrl) throw new SamlRefusal(`wrong Recipient: ${recipient ?? "none"}`);
  const notOnOrAfter = confirmation?.$?.NotOnOrAfter ?? first(node, "Conditions")?.$?.NotOnOrAfter;
  const expires = notOnOrAfter ? new Date(Date.parse(notOnOrAfter) + CLOCK_SKEW_MS) : new Date(Date.now() + 60 * 60 * 1000);
  if (!(await rememberAssertion(db, node.$.ID, profile.issuer, expires))) throw new SamlRefusal("assertion replayed");
}

const NAME_ATTRIBUTES = ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "urn:oid:2.5.4.3", "dk:gov:saml:attribute:CommonName", "displayName"];
const EMAIL_ATTRIBUTES = ["email", "mail", "urn:oid:0.9.2342.19200300.100.1.3", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"];
/** ADFS sends roles or group names as claims; they map like OIDC claim values. */
const ROLE_ATTRIBUTES = ["http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", "roles", "groups"];

const attr = (profile: Profile, names: string[]): string | null => {
  for (const name of names) {
    const v = profile[name];
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === "string" && s.trim()) return s.trim();
  }
  return null;
};

export function identityFromProfile(profile: Profile): ExternalIdentity {
  const email = attr(profile, EMAIL_ATTRIBUTES);
  return {
    issuer: profile.issuer,
    subject: profile.nameID,
    email: email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email.toLowerCase() : null,
    displayName: attr(profile, NAME_ATTRIBUTES),
  };
}

/** OIO-BPP privileges (KOMBIT) and role claims (ADFS), as entitlements for the mapping. */
export function entitlementsFromProfile(profile: Profile, cvr: string | undefined): Entitlement[] {
  const out: Entitlement[] = [];
  const privileges = profile[PRIVILEGES_ATTRIBUTE];
  const encoded = Array.isArray(privileges) ? privileges : privileges ? [privileges] : [];
  for (const value of encoded) {
    if (typeof value !== "string") continue;
    try {
      out.push(...entitlementsFromPrivileges(decodePrivileges(value), cvr));
    } catch {
      throw new SamlRefusal("unreadable OIO-BPP privileges");
    }
  }
  for (const name of ROLE_ATTRIBUTES) {
    const v = profile[name];
    for (const value of Array.isArray(v) ? v : v ? [v] : []) {
      if (typeof value === "string" && value.trim()) out.push({ value: value.trim(), unitCodes: [] });
    }
  }
  return out;
}
