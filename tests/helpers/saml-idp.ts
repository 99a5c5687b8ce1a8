// A SAML identity provider in the test: a key pair and self-signed certificate made on the spot
// (openssl), and responses with assertions signed by xml-crypto (node-saml's own signing library),
// shaped like KOMBIT's Context Handler sends them (OIO-BPP privileges, bearer confirmation).
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SignedXml } from "xml-crypto";

export interface KeyPair { key: string; cert: string }

export function selfSignedKeyPair(commonName: string): KeyPair {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "saml-"));
  try {
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyFile = path.join(dir, "key.pem");
    fs.writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
    execFileSync("openssl", ["req", "-x509", "-new", "-key", keyFile, "-days", "2", "-subj", `/CN=${commonName}`, "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    return { key: fs.readFileSync(keyFile, "utf8"), cert: fs.readFileSync(path.join(dir, "cert.pem"), "utf8") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface PrivilegeGroupSpec { cvr: string; privileges: string[]; orgUnits?: string[] }

export function privilegesAttribute(groups: PrivilegeGroupSpec[]): string {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile">${groups
    .map((g) => `<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${g.cvr}">${g.privileges.map((p) => `<Privilege>${p}</Privilege>`).join("")}${
      g.orgUnits?.length ? `<Constraint Name="http://sts.kombit.dk/constraints/orgenhed/1">${g.orgUnits.join(",")}</Constraint>` : ""
    }</PrivilegeGroup>`)
    .join("")}</bpp:PrivilegeList>`;
  return Buffer.from(xml, "utf8").toString("base64");
}

export interface AssertionSpec {
  issuer: string;
  audience: string;
  recipient: string;
  nameId: string;
  attributes: Record<string, string>;
  inResponseTo?: string;
  /** Seconds from now; negative for an assertion already expired. */
  validForSeconds?: number;
  id?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A base64 SAMLResponse whose assertion is signed with the given key. */
export function signedResponse(spec: AssertionSpec, signer: KeyPair): string {
  const now = new Date();
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
  const until = iso(new Date(now.getTime() + (spec.validForSeconds ?? 300) * 1000));
  const before = iso(new Date(now.getTime() - 5 * 60 * 1000));
  const issued = iso(spec.validForSeconds !== undefined && spec.validForSeconds < 0 ? new Date(now.getTime() - 10 * 60 * 1000) : now);
  const id = spec.id ?? `_${crypto.randomUUID()}`;
  const irt = spec.inResponseTo ? ` InResponseTo="${esc(spec.inResponseTo)}"` : "";
  const attributes = Object.entries(spec.attributes)
    .map(([name, value]) => `<saml:Attribute Name="${esc(name)}"><saml:AttributeValue>${esc(value)}</saml:AttributeValue></saml:Attribute>`)
    .join("");
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${issued}">` +
    `<saml:Issuer>${esc(spec.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName">${esc(spec.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="${esc(spec.recipient)}"${irt}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${before}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${esc(spec.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${id}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:X509</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
  const signer_ = new SignedXml({
    privateKey: signer.key,
    publicCert: signer.cert,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer_.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
  });
  signer_.computeSignature(assertion, { location: { reference: "//*[local-name(.)='Issuer']", action: "after" } });
  const response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${crypto.randomUUID()}" Version="2.0" IssueInstant="${issued}" Destination="${esc(spec.recipient)}"${irt}>` +
    `<saml:Issuer>${esc(spec.issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    signer_.getSignedXml() +
    `</samlp:Response>`;
  return Buffer.from(response, "utf8").toString("base64");
}
