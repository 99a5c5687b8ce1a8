// Journeys through the dashboards on the small demo (today fixed at 2025-06-16 by the harness):
// the team manager's Monday, and the director's drill-down from the heatmap to a team and on to
// the risk radar; then (issue 16a) the roll-up and the all-teams view, the manager's caseworkers,
// the item status select and the pages' downloads. Screenshots of every page land in tests/e2e/screenshots/.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { login, newPage, screenshot, SCREENSHOT_DIR, startE2E, type E2EEnvironment } from "./harness";

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

// ── Issue 16a: roll-up status, the all-teams view, the manager's caseworkers, the item status
// select, and a download from each of those pages. Assertions read what the page shows (which
// team is red comes from the demo), so they hold whichever teams the demo makes red.

/** Clicks a download link and returns the file's text (CSV) or size (XLSX). */
async function download(page: Page, linkName: string, name: string): Promise<{ text: string; file: string; filename: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName }).first().click()]);
  const target = path.join(SCREENSHOT_DIR, `${name}-${file.suggestedFilename()}`);
  await file.saveAs(target);
  return { text: fs.readFileSync(target, "utf8"), file: target, filename: file.suggestedFilename() };
}

const CSV = "CSV (Excel, dansk)";
const XLSX = "Excel-projektmappe (XLSX)";

describe("director: a parent never reads better than its worst team", () => {
  it("names the red teams in a parent's cell, finds them red in the all-teams view, and exports both", { timeout: 180_000 }, async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "direktoer@demo.kommune.dk", PASSWORD);
      await page.goto("/organisation");
      // Drill into the first centre whose latest cell names red teams below it.
      const parents = page.locator("table.heatmap tbody tr:not(.total)");
      const labels = await parents.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td.cell .visually-hidden")].at(-1)?.textContent ?? ""));
      const named = labels.map((l) => /røde: ([^)]*)\)/.exec(l)).find(Boolean);
      expect(named, labels.join("\n")).toBeTruthy();
      const redTeams = named![1].replace(/ og \d+ flere$/, "").split(", ");
      // The same text is on hover/focus (a tooltip) and the counts are a column of their own.
      const cell = parents.locator("td.cell").last();
      await cell.focus();
      expect(await page.locator("td.cell:focus .cell-tip").isVisible()).toBe(true);
      expect(await page.locator("table.heatmap tbody td.small").first().textContent()).toMatch(/\d+ røde?t?, \d+ gule?t? af \d+ teams?/);
      await screenshot(page, "overview-heatmap-rollup");

      const heatmap = await download(page, CSV, "overview-heatmap");
      expect(heatmap.filename).toMatch(/^heatmap_.*\.csv$/);
      expect(heatmap.text.split("\r\n")[0]).toBe("\uFEFFunit_code;unit_name;unit_kind;week;rollup_status;red_teams;amber_teams;teams_with_status;own_status;own_weeks_over_of_last_6;own_over");
      expect(heatmap.text).toMatch(/;red;[1-9]\d*;/);

      await page.getByRole("link", { name: "Alle teams →" }).click();
      await page.waitForURL(/\/teams/);
      await page.locator("select[name=status]").selectOption("red");
      await Promise.all([page.waitForURL(/status=red/), page.getByRole("button", { name: "Vis" }).click()]);
      await page.waitForFunction(() => [...document.querySelectorAll("table.all-teams tbody td:nth-of-type(1)")].every((td) => td.textContent?.includes("Rød")));
      const shown = await page.locator("table.all-teams tbody th a").allTextContents();
      for (const team of redTeams) expect(shown).toContain(team);
      for (const status of await page.locator("table.all-teams tbody td:nth-of-type(1)").allTextContents()) expect(status).toContain("Rød");

      // Sorting is a link per column: cases per FTE, highest first, empty figures last.
      await page.goto("/teams");
      await Promise.all([page.waitForURL(/sort=casesPerFte/), page.getByRole("link", { name: "Sager pr. årsværk" }).click()]);
      await page.locator("th[aria-sort=descending]", { hasText: "Sager pr. årsværk" }).waitFor();
      const figures = (await page.locator("table.all-teams tbody td:nth-of-type(3)").allTextContents())
        .filter((v) => v !== "–").map((v) => Number(v.replace(",", ".")));
      expect(figures).toEqual([...figures].sort((a, b) => b - a));
      await screenshot(page, "overview-all-teams");

      const teams = await download(page, CSV, "overview-teams");
      const lines = teams.text.trimEnd().split("\r\n");
      expect(lines[0]).toContain("unit_code;unit_name;parent_name;centre_name;week;status;weeks_over_of_last_6;cases_per_fte");
      expect(lines.length - 1).toBe(await page.locator("table.all-teams tbody tr").count());
      const xlsx = await download(page, XLSX, "overview-teams");
      expect(fs.readFileSync(xlsx.file).subarray(0, 2).toString("latin1")).toBe("PK");
    } finally {
      await context.close();
    }
  });
});

describe("manager: an overloaded caseworker and the cases without competence", () => {
  it("flags a caseworker over the pro-rata limits, lists the mismatched cases, and exports the team's load and the plans", { timeout: 180_000 }, async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "teamleder.vest@demo.kommune.dk", PASSWORD);
      await page.waitForSelector("section[aria-labelledby=this-week]");
      // This week is the last complete week; the week in progress is apart, "so far".
      const thisWeek = await page.locator("#this-week").textContent();
      const soFar = page.locator("#so-far");
      if (await soFar.count()) expect(await soFar.textContent()).not.toBe(thisWeek);

      const caseworkers = page.locator("section[aria-labelledby=caseworkers]");
      const over = caseworkers.locator("tbody tr.over-row");
      expect(await over.count()).toBeGreaterThan(0);
      expect(await over.first().textContent()).toContain("over grænsen");
      const mismatched = caseworkers.locator("table[aria-labelledby=mismatched] tbody tr");
      expect(await mismatched.count()).toBeGreaterThan(0);
      expect(await mismatched.first().locator("th").textContent()).toMatch(/\S/);
      expect(await mismatched.first().locator("td").last().textContent()).toMatch(/\d{1,2}\.\d{1,2}\.\d{4}/);
      await caseworkers.screenshot({ path: path.join(SCREENSHOT_DIR, "overview-manager-caseworkers.png") });

      const load = await download(page, CSV, "overview-load");
      const rows = load.text.trimEnd().split("\r\n");
      expect(rows[0]).toBe("\uFEFFunit_code;unit_name;week;open_cases;caseworker_fte;cases_per_fte;weighted_load_per_fte;emotional_share_pct;mismatched_cases;new_cases;closed_cases");
      expect(rows).toHaveLength(27);

      await page.goto("/plans");
      const plans = await download(page, CSV, "overview-plans");
      expect(plans.text.split("\r\n")[0]).toContain("plan_id;plan_title;unit_name;source;plan_status;at_deadline;focus_point;item_id;item_title");
      expect(plans.text.trimEnd().split("\r\n").length).toBeGreaterThan(1);
    } finally {
      await context.close();
    }
  });

  it("shows the next move, not Annulleret, in an item's status select after changing its status", { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "admin@demo.kommune.dk", PASSWORD);
      await page.goto("/plans");
      await page.locator("main table tbody tr td a").first().click();
      await page.waitForURL(/\/plans\/\d+/);
      // A planned item: its moves are I gang / Annulleret; after I gang they are Udført / Annulleret.
      const form = page.locator("form:has(input[name=intent][value=status]):has(select[name=to] option[value=in_progress])").first();
      const itemId = await form.locator("input[name=itemId]").getAttribute("value");
      await form.locator("xpath=ancestor::details").evaluate((d) => ((d as HTMLDetailsElement).open = true));
      await form.locator("select[name=to]").selectOption("in_progress");
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), form.getByRole("button").click()]);
      const after = page.locator(`form:has(input[name=intent][value=status]):has(input[name=itemId][value="${itemId}"]) select[name=to]`);
      await page.waitForFunction((id) => !document.querySelector(`form:has(input[name=itemId][value="${id}"]) select[name=to] option[value=in_progress]`), itemId);
      expect(await after.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.value)).not.toBe("cancelled");
      expect(await after.inputValue()).toBe((await after.locator("option").first().getAttribute("value"))!);
    } finally {
      await context.close();
    }
  });
});

describe("HR: departures as a file", () => {
  it("downloads the departures list the page shows, without names HR may not see", { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "hr@demo.kommune.dk", PASSWORD);
      await page.goto("/turnover");
      await page.locator("table.turnover-table tbody tr").first().locator("td a").first().click();
      await page.waitForURL(/\/turnover\/departures/);
      await page.locator("table.departures-table").waitFor();
      const count = await page.locator("table.departures-table tbody tr").count();
      const departures = await download(page, CSV, "overview-departures");
      const lines = departures.text.trimEnd().split("\r\n");
      expect(lines[0]).toBe("\uFEFFlast_day;unit_code;unit_name;role;kind;voluntary;end_reason;employee_id;display_name");
      expect(lines).toHaveLength(count + 1);
      // HR reads no names: the last two cells are empty on every row.
      for (const line of lines.slice(1)) expect(line.endsWith(";;")).toBe(true);
    } finally {
      await context.close();
    }
  });
});
