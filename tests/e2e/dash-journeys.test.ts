// Journeys through the dashboards on the small demo (today fixed at 2025-06-16 by the harness):
// the team manager's Monday, and the director's drill-down from the heatmap to a team and on to
// the risk radar. Screenshots of every page land in tests/e2e/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { login, newPage, screenshot, startE2E, type E2EEnvironment } from "./harness";

const PASSWORD = "Relationel-Velfaerd-2025";
let env: E2EEnvironment;

/** Client-side navigation changes the URL as the loaders answer; wait for the page to show it. */
async function heading(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.querySelector("h1")?.textContent === t, text);
}

beforeAll(async () => {
  env = await startE2E("dash");
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

describe("team manager's Monday", () => {
  it("lands on the team, sees this week against the thresholds, opens a caseworker and sees a due item", { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "teamleder.vest@demo.kommune.dk", PASSWORD);
      await heading(page, "Mit team: Team Hasle");
      const thisWeek = page.locator("section[aria-labelledby=this-week]");
      expect(await thisWeek.getByText("Sager pr. årsværk", { exact: true }).count()).toBe(1);
      // Status is text and icon, never colour alone.
      expect(await thisWeek.locator(".status").first().textContent()).toMatch(/^[✓▲■–](Grøn|Gul|Rød|Ingen data)/);
      // The numbers behind the charts are rendered on the server: 26 weeks.
      expect(await page.locator(".trend-table tbody tr").count()).toBe(26);
      await page.waitForSelector(".chart-area svg");
      await screenshot(page, "dash-manager-team");

      const caseworkers = page.locator("section[aria-labelledby=caseworkers]");
      const first = caseworkers.locator("tbody tr th a").first();
      const name = (await first.textContent())!;
      await first.click();
      const history = page.locator("#caseworker-history");
      await history.waitFor();
      expect(await history.getByRole("heading", { level: 3 }).textContent()).toBe(`Historik for ${name}`);
      expect(await history.locator("tbody tr").count()).toBeGreaterThan(0);
      await screenshot(page, "dash-manager-caseworker");

      const items = page.locator("section[aria-labelledby=items] tbody tr");
      expect(await items.count()).toBeGreaterThan(0);
      // Every open item shows its due date in Danish format (d.m.yyyy).
      expect(await items.first().locator("td").nth(2).textContent()).toMatch(/\d{1,2}\.\d{1,2}\.\d{4}/);
    } finally {
      await context.close();
    }
  });
});

describe("director's drill-down", () => {
  it("goes from the heatmap through centre and cluster to a team, then to the risk radar", { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "direktoer@demo.kommune.dk", PASSWORD);
      await page.goto("/organisation");
      // The first screen skips the single-child levels (organisation → area) and compares centres.
      expect(await page.locator("table.heatmap tbody tr.total th").textContent()).toContain("Børn, Familier og Fællesskaber");
      expect(await page.locator("table.heatmap tbody tr").count()).toBeGreaterThan(1);
      // Each heatmap cell carries its status as a word for screen readers, not only as a colour.
      expect(await page.locator("table.heatmap td.cell .visually-hidden").first().textContent()).toMatch(/Grøn|Gul|Rød|Ingen data/);
      await screenshot(page, "dash-director-organisation");

      for (const unit of ["Familiecentret", "Klynge Vest"]) {
        await page.getByRole("link", { name: `Se underenheder: ${unit}` }).click();
        await heading(page, `Organisation: ${unit}`);
      }
      expect(await page.locator("table.heatmap tbody tr").count()).toBeGreaterThan(1);
      await screenshot(page, "dash-director-cluster");

      await page.getByRole("link", { name: "Se team: Team Hasle" }).click();
      await heading(page, "Mit team: Team Hasle");
      // A director sees the team's figures but not its caseworkers by name.
      expect(await page.locator("section[aria-labelledby=caseworkers]").count()).toBe(0);
      await screenshot(page, "dash-director-team");

      await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Risikoradar" }).click();
      await heading(page, "Risikoradar");
      const signals = page.locator("li.signal");
      expect(await signals.count()).toBeGreaterThan(0);
      expect(await signals.first().locator("ul li").count()).toBeGreaterThan(0);
      // Only those who may edit plans are offered one.
      expect(await page.getByRole("link", { name: "Opret handleplan" }).count()).toBe(0);
      await screenshot(page, "dash-director-risk");

      for (const [path, name] of [["/wellbeing", "wellbeing"], ["/rollout", "rollout"]] as const) {
        await page.goto(path);
        expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
        await screenshot(page, `dash-director-${name}`);
      }
    } finally {
      await context.close();
    }
  });

  it("shows the administrator the jobs that ran", { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "admin@demo.kommune.dk", PASSWORD);
      await page.goto("/admin/jobs");
      expect(await page.locator("section[aria-labelledby=last-runs] tbody tr").count()).toBeGreaterThan(0);
      await screenshot(page, "dash-admin-jobs");
    } finally {
      await context.close();
    }
  });
});
