// SAML 2.0 end to end over HTTP: the real server as service provider, assertions signed in the test
// with a key pair made for it and posted to the ACS as KOMBIT's Context Handler would. OIO-BPP
// privileges map through the same mapping as OIDC; forged, mis-addressed, expired and replayed
// assertions are refused.
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { addMapping } from "../../db/commands/sso";
import { userRoles, users } from "../../db/schema";
import { CookieBrowser, freePort } from "../helpers/cookie-browser";
import { privilegesAttribute, selfSignedKeyPair, signedResponse, type AssertionSpec, type KeyPair } from "../helpers/saml-idp";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { startServer, type RunningServer } from "../helpers/auth-server";

const CVR = "29189846";
const IDP_ISSUER = "https://saml.test-kombit.dk/runtime";
const LEADER = "http://belastning.dk/roles/usersystemrole/leder/1";
const DIRECTOR = "http://belastning.dk/roles/usersystemrole/direktion/1";
const PRIVILEGES = "dk:gov:saml:attribute:Privileges_intermediate";

let server: RunningServer;
let idp: KeyPair;
let forger: KeyPair;
let org: OrgFixture;
let appUrl: string;
const db = (): Database => server.db.db;

beforeAll(async () => {
  idp = selfSignedKeyPair("test-kombit-idp");
  forger = selfSignedKeyPair("someone-else");
  const sp = selfSignedKeyPair("belastning-sp");
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  server = await startServer("sso_saml", {
    APP_URL: appUrl, SAML_ENTRY_POINT: "https://saml.test-kombit.dk/runtime/saml2/issue.idp", SAML_IDP_CERT: idp.cert,
    SAML_IDP_ISSUER: IDP_ISSUER, SAML_SP_KEY: sp.key, SAML_SP_CERT: sp.cert, SAML_CVR: CVR, SAML_PROVIDER_NAME: "KOMBIT",
  }, port);
  org = await buildOrg(db());
  await addMapping(db(), { claimValue: LEADER, role: "manager" }, { actor: "test" });
  await addMapping(db(), { claimValue: DIRECTOR, role: "director" }, { actor: "test" });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const entityId = () => `${appUrl}/auth/saml/metadata`;
const acs = () => `${appUrl}/auth/saml/acs`;

function assertion(overrides: Partial<AssertionSpec> & { privileges?: Parameters<typeof privilegesAttribute>[0] } = {}): AssertionSpec {
  const { privileges, ...rest } = overrides;
  return {
    issuer: IDP_ISSUER, audience: entityId(), recipient: acs(),
    nameId: "C=DK,O=29189846,CN=Nora Nord,Serial=CVR:29189846-RID:1234",
    attributes: {
      email: "nora.saml@k.dk", "urn:oid:2.5.4.3": "Nora Nord",
      [PRIVILEGES]: privilegesAttribute(privileges ?? [{ cvr: CVR, privileges: [LEADER], orgUnits: ["CA"] }]),
    },
    ...rest,
  };
}

/** Posts a SAMLResponse to the ACS from the IdP's site (a cross-site form post, as in a browser). */
function post(browser: CookieBrowser, samlResponse: string, relayState = "/organisation"): Promise<Response> {
  return browser.post(acs(), { SAMLResponse: samlResponse, RelayState: relayState }, "https://saml.test-kombit.dk");
}

const refusedReason = (response: Response) => {
  const location = response.headers.get("location") ?? "";
  return location.startsWith("/auth/refused") ? new URL(location, appUrl).searchParams.get("reason") : `not refused: ${response.status} ${location}`;
};

describe("SAML login", () => {
  it("serves SP metadata with the entity id, the ACS and the signing certificate", async () => {
    const response = await fetch(`${appUrl}/auth/saml/metadata`);
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain(`entityID="${entityId()}"`);
    expect(xml).toContain(`Location="${acs()}"`);
    expect(xml).toContain("<ds:X509Certificate>");
  });

  it("sends a signed AuthnRequest and accepts the answer to it; the OIO-BPP constraint gives the unit scope", async () => {
    const browser = new CookieBrowser();
    const start = await browser.request(`${appUrl}/auth/saml/login?redirectTo=/organisation`);
    expect(start.status).toBe(302);
    const target = new URL(start.headers.get("location")!);
    expect(target.origin).toBe("https://saml.test-kombit.dk");
    expect(target.searchParams.get("Signature")).toBeTruthy();
    expect(target.searchParams.get("SigAlg")).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    const request = zlib.inflateRawSync(Buffer.from(target.searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
    const requestId = /ID="([^"]+)"/.exec(request)![1]!;

    const done = await post(browser, signedResponse(assertion({ inResponseTo: requestId }), idp));
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/organisation");
    const [user] = await db().select().from(users).where(eq(users.externalSubject, "C=DK,O=29189846,CN=Nora Nord,Serial=CVR:29189846-RID:1234"));
    expect(user).toMatchObject({ externalIssuer: IDP_ISSUER, email: "nora.saml@k.dk", displayName: "Nora Nord" });
    expect(await db().select({ role: userRoles.role, unitId: userRoles.unitId }).from(userRoles).where(eq(userRoles.userId, user!.id))).toEqual([{ role: "manager", unitId: org.unit.CA }]);
    expect((await browser.request(`${appUrl}/organisation?unit=${org.unit.TA1}`)).status).toBe(200);
    expect((await browser.request(`${appUrl}/organisation?unit=${org.unit.CB}`)).status).toBe(403);
  });

  it("refuses an answer to a request this service never sent", async () => {
    expect(refusedReason(await post(new CookieBrowser(), signedResponse(assertion({ inResponseTo: "_never-sent" }), idp)))).toBe("failed");
  });

  it("counts only privileges scoped to the municipality's CVR", async () => {
    const response = await post(new CookieBrowser(), signedResponse(assertion({
      nameId: "C=DK,O=11111111,CN=Anden,Serial=RID:9",
      privileges: [{ cvr: "11111111", privileges: [DIRECTOR] }],
    }), idp));
    expect(refusedReason(response)).toBe("unmapped");
    expect(await queryRows(db(), sql`select id from users where external_subject like '%RID:9'`)).toEqual([]);
  });

  it("refuses a forged signature", async () => {
    expect(refusedReason(await post(new CookieBrowser(), signedResponse(assertion({ nameId: "forged" }), forger)))).toBe("failed");
  });

  it("refuses an assertion altered after signing", async () => {
    const xml = Buffer.from(signedResponse(assertion({ nameId: "altered" }), idp), "base64").toString("utf8");
    const altered = xml.replace(privilegesAttribute([{ cvr: CVR, privileges: [LEADER], orgUnits: ["CA"] }]), privilegesAttribute([{ cvr: CVR, privileges: [DIRECTOR] }]));
    expect(altered).not.toBe(xml);
    expect(refusedReason(await post(new CookieBrowser(), Buffer.from(altered).toString("base64")))).toBe("failed");
  });

  it("refuses an assertion for another audience", async () => {
    expect(refusedReason(await post(new CookieBrowser(), signedResponse(assertion({ audience: "https://other-sp.dk" }), idp)))).toBe("failed");
  });

  it("refuses an assertion addressed to another recipient", async () => {
    expect(refusedReason(await post(new CookieBrowser(), signedResponse(assertion({ recipient: "https://other-sp.dk/acs" }), idp)))).toBe("failed");
  });

  it("refuses an expired assertion", async () => {
    expect(refusedReason(await post(new CookieBrowser(), signedResponse(assertion({ validForSeconds: -120 }), idp)))).toBe("failed");
  });

  it("refuses a replayed assertion", async () => {
    const base = assertion({ nameId: "C=DK,O=29189846,CN=Dir,Serial=RID:77", privileges: [{ cvr: CVR, privileges: [DIRECTOR] }] });
    const response = signedResponse({ ...base, attributes: { ...base.attributes, email: "direktor@k.dk" } }, idp);
    const first = await post(new CookieBrowser(), response);
    expect(first.headers.get("location")).toBe("/organisation");
    expect(refusedReason(await post(new CookieBrowser(), response))).toBe("failed");
    expect(await queryRows(db(), sql`select count(*)::int as n from saml_assertions_seen`)).not.toEqual([{ n: 0 }]);
  });
});
