// Single sign-on in Chromium on the small demo: the login page offers the municipality's login
// first; a Klynge Nord manager signs in at a real OpenID provider (oidc-provider on 127.0.0.1),
// sees Klynge Nord and not Klynge Vest, and logs out at both ends; a user without a mapped role
// gets the refusal page. Screenshots: sso-login, sso-refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMapping } from "../../db/commands/sso";
import { startLocalIdp, type LocalIdp } from "../../cli/demo-idp";
import { newPage, screenshot, startE2E, type E2EEnvironment } from "./harness";

let env: E2EEnvironment;
let idp: LocalIdp;

beforeAll(async () => {
  idp = await startLocalIdp([
    { sub: "nord", name: "Nora Nord", email: "nora.nord.sso@demo.kommune.dk", roles: ["Belastning.Leder.Nord"] },
    { sub: "ingen", name: "Ingen Rolle", email: "ingen.sso@demo.kommune.dk", roles: ["En.Anden.App"] },
  ]);
  env = await startE2E("sso", async (baseUrl) => {
    await idp.register({ clientId: "belastning", clientSecret: "e2e-client-secret", redirectUri: `${baseUrl}/auth/oidc/callback`, postLogoutRedirectUri: `${baseUrl}/login` });
    return { APP_URL: baseUrl, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: "belastning", OIDC_CLIENT_SECRET: "e2e-client-secret", OIDC_PROVIDER_NAME: "Aarhus Kommune (Entra ID)" };
  });
  // FC-KL05 is Klynge Nord in the demo organisation.
  await addMapping(env.database.db, { claimValue: "Belastning.Leder.Nord", role: "manager", unitCode: "FC-KL05" }, { actor: "test" });
}, 300_000);

afterAll(async () => {
  await env?.stop();
  await idp?.close();
});

describe("single sign-on journey", () => {
  it("signs a Klynge Nord manager in through the provider, shows only their subtree, logs out at both ends, and refuses an unmapped user", { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(env);
    try {
      await page.goto("/login");
      const sso = page.getByRole("link", { name: "Log ind med Aarhus Kommune (Entra ID)" });
      await sso.waitFor();
      await screenshot(page, "sso-login");
      await sso.click();
      await page.waitForURL((u) => u.origin === idp.issuer && u.pathname.startsWith("/interaction/"));
      await page.fill("input[name=login]", "nord");
      await page.fill("input[name=password]", "any");
      await Promise.all([page.waitForURL((u) => u.origin === env.baseUrl && !u.pathname.startsWith("/auth")), page.click("button[type=submit]")]);

      await page.goto("/organisation");
      const main = page.locator("main");
      await expect.poll(() => main.textContent()).toContain("Klynge Nord");
      expect(await main.textContent()).not.toContain("Klynge Vest");

      await Promise.all([page.waitForURL((u) => u.origin === idp.issuer), page.getByRole("button", { name: "Log ud" }).click()]);
      await Promise.all([page.waitForURL((u) => u.origin === env.baseUrl && u.pathname === "/login"), page.getByRole("button", { name: /sign me out/i }).click()]);
      const afterLogout = await page.request.get("/organisation", { maxRedirects: 0 });
      expect(afterLogout.headers().location).toMatch(/^\/login/);

      await page.getByRole("link", { name: "Log ind med Aarhus Kommune (Entra ID)" }).click();
      // The provider's session ended too: it asks who is signing in again.
      await page.waitForURL((u) => u.origin === idp.issuer && u.pathname.startsWith("/interaction/"));
      await page.fill("input[name=login]", "ingen");
      await page.fill("input[name=password]", "any");
      await Promise.all([page.waitForURL((u) => u.pathname === "/auth/refused"), page.click("button[type=submit]")]);
      await expect.poll(() => page.locator("main").textContent()).toContain("du har ikke en rolle i Belastning");
      await screenshot(page, "sso-refused");
    } finally {
      await context.close();
    }
  });
});
