// OIO Basic Privilege Profile (OIO-BPP), as KOMBIT's Context Handler sends it: base64 XML in the
// attribute dk:gov:saml:attribute:Privileges_intermediate, one PrivilegeGroup per CVR scope, each
// with Privilege URIs (http://<domain>/roles/usersystemrole/<role>/1) and optional Constraints
// (organisation units) that limit every privilege of the group.
import { XMLParser } from "fast-xml-parser";
import type { Entitlement } from "../../../domain/sso-claims";

export const PRIVILEGES_ATTRIBUTE = "dk:gov:saml:attribute:Privileges_intermediate";
const CVR_SCOPE = "urn:dk:gov:saml:cvrNumberIdentifier:";

export interface PrivilegeGroup {
  /** The CVR number of the group's scope, or null for another kind of scope. */
  cvr: string | null;
  privileges: string[];
  constraints: { name: string; values: string[] }[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  isArray: (name) => name === "PrivilegeGroup" || name === "Privilege" || name === "Constraint",
});

const text = (node: unknown): string => (typeof node === "string" ? node : node && typeof node === "object" && "#text" in node ? String((node as { "#text": unknown })["#text"]) : "").trim();

/** Parses the decoded PrivilegeList XML; throws on anything that is not one. */
export function parsePrivilegeList(xml: string): PrivilegeGroup[] {
  const doc = parser.parse(xml) as { PrivilegeList?: { PrivilegeGroup?: unknown[] } | "" };
  if (doc.PrivilegeList === undefined) throw new Error("not an OIO-BPP PrivilegeList");
  const groups = (typeof doc.PrivilegeList === "object" ? doc.PrivilegeList.PrivilegeGroup : undefined) ?? [];
  return groups.map((raw) => {
    const group = raw as { "@Scope"?: string; Privilege?: unknown[]; Constraint?: unknown[] };
    const scope = group["@Scope"] ?? "";
    return {
      cvr: scope.startsWith(CVR_SCOPE) ? scope.slice(CVR_SCOPE.length) : null,
      privileges: (group.Privilege ?? []).map(text).filter(Boolean),
      constraints: (group.Constraint ?? []).map((c) => ({
        name: String((c as { "@Name"?: string })["@Name"] ?? ""),
        values: text(c).split(",").map((v) => v.trim()).filter(Boolean),
      })),
    };
  });
}

/** The attribute value (base64 of the XML, as KOMBIT sends it) decoded. */
export function decodePrivileges(attribute: string): PrivilegeGroup[] {
  const xml = Buffer.from(attribute.replace(/\s+/g, ""), "base64").toString("utf8");
  return parsePrivilegeList(xml);
}

/**
 * Privileges as entitlements for the mapping. Only groups scoped to the municipality's CVR count
 * when one is configured (a user can hold privileges for several organisations). A constraint
 * naming organisation units ("…/orgenhed/…", or any name ending in "orgunit") limits the group.
 */
export function entitlementsFromPrivileges(groups: readonly PrivilegeGroup[], cvr?: string): Entitlement[] {
  const out: Entitlement[] = [];
  for (const group of groups) {
    if (cvr && group.cvr !== cvr) continue;
    const unitCodes = group.constraints
      .filter((c) => /orgenhed|orgunit/i.test(c.name))
      .flatMap((c) => c.values);
    for (const privilege of group.privileges) out.push({ value: privilege, unitCodes: [...new Set(unitCodes)] });
  }
  return out;
}
