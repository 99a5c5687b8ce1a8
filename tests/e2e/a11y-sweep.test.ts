// Accessibility sweep on the small demo: every page each demo role reaches from the main menu (and
// the detail pages one click below: a plan, its report, a user), checked by axe for WCAG 2.1 A/AA
// (serious or critical violations fail) and at 320 CSS px, where the page itself must not scroll
// sideways (WCAG 1.4.10 reflow; tables scroll inside their own focusable region instead).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_LOGINS } from "../../db/seed/logins";
import { login, newPage, screenshot, startE2E, type E2EEnvironment } from "./harness";
import { axeViolations, elementsOutsideViewport, pageScrollsHorizontally } from "./axe";

let env: E2EEnvironment;
/** Pages of this work looked at in screenshots (tests/e2e/screenshots/a11y-*.png). */
const SHOWN = new Set(["/tilgaengelighed", "/admin/privacy", "/admin/name-reads", `/admin/privacy?email=${encodeURIComponent("hr@demo.kommune.dk")}`]);

beforeAll(async () => {
  env = await startE2E("a11y");
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

/** Which error panels the sweep has already added (each is checked once, not per role). */
const errorPanels = { notFound: false, forbidden: false };

/** The menu's pages plus the first detail link of the pages that list things. */
async function pagesOf(page: Page): Promise<string[]> {
  // Signing in navigates on the client: the menu appears once the root loader has answered.
  await page.locator("nav.main-nav a").first().waitFor();
  const menu = await page.locator("nav.main-nav a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
  const pages = new Set<string>(["/notifications", "/tilgaengelighed", ...menu]);
  // Pages reached from a menu page rather than the menu itself.
  const below: Record<string, string[]> = {
    "/admin/privacy": ["/admin/name-reads", `/admin/privacy?email=${encodeURIComponent("hr@demo.kommune.dk")}`],
    "/admin/users": ["/admin/sso"],
  };
  for (const [menuPage, more] of Object.entries(below)) if (menu.includes(menuPage)) more.forEach((p) => pages.add(p));
  // A failing page is a route's error panel inside the layout, one shared component: a plan that
  // does not exist (404) once, the user administration (403) once, for the first role without it.
  if (!errorPanels.notFound) {
    pages.add("/plans/999999999");
    errorPanels.notFound = true;
  }
  if (!errorPanels.forbidden && !menu.includes("/admin/users")) {
    pages.add("/admin/users");
    errorPanels.forbidden = true;
  }
  for (const [list, pattern] of [["/plans", /^\/plans\/\d+$/], ["/admin/users", /^\/admin\/users\/\d+$/], ["/apv", /^\/apv\/\d+$/]] as const) {
    if (!menu.includes(list)) continue;
    await page.goto(list);
    const hrefs = await page.locator("main a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    const detail = hrefs.find((href) => pattern.test(href));
    if (detail) {
      pages.add(detail);
      if (list === "/plans") pages.add(`${detail}/report`);
    }
  }
  return [...pages];
}

describe("accessibility sweep", () => {
  it("finds no serious or critical axe violation and no sideways page scroll at 320 px, on every page of every demo role", { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    let checked = 0;
    const anonymous = await newPage(env);
    try {
      for (const path of ["/login", "/tilgaengelighed", "/auth/refused?reason=unmapped"]) {
        await anonymous.page.goto(path);
        checked++;
      }
    } finally {
      await anonymous.context.close();
    }
    for (const demo of DEMO_LOGINS) {
      const { context, page } = await newPage(env);
      try {
        await login(page, demo.email, demo.password);
        const paths = await pagesOf(page);
        // Every role has a menu of its own: at least one page beyond notifications and the statement.
        expect(paths.length, `${demo.email}: ${paths.join(" ")}`).toBeGreaterThan(2);
        for (const path of paths) {
          // The wide check: page.goto itself runs axe and throws on a failing violation.
          await page.setViewportSize({ width: 1366, height: 900 });
          await page.goto(path).catch((error: Error) => problems.push(`${demo.email} ${path}: ${error.message}`));
          if (SHOWN.has(path) && demo.role === "admin") await screenshot(page, `a11y-${path.replace(/\W+/g, "-").replace(/^-/, "")}`);
          await page.setViewportSize({ width: 320, height: 800 });
          if (path === "/team" && demo.email.startsWith("teamleder")) await page.screenshot({ path: `tests/e2e/screenshots/a11y-team-320px.png`, fullPage: true });
          if (await pageScrollsHorizontally(page)) {
            problems.push(`${demo.email} ${path}: the page scrolls sideways at 320 px: ${(await elementsOutsideViewport(page)).join(", ")}`);
          }
          const narrow = (await axeViolations(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
          for (const v of narrow) problems.push(`${demo.email} ${path} at 320 px: ${v.rule} ${v.targets.join(", ")}`);
          checked++;
        }
      } finally {
        await context.close();
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });
});
