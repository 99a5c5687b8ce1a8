// Journeys on the small demo (today fixed by the harness): an administrator lowers a team's
// threshold and the team's status changes once the recompute has run; a team manager follows a
// wellbeing trend, downloads the figures and starts an action plan from a dimension; the MED
// committee sees on its meeting view whether each plan's unit is improving since the plan started.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { runOpenRequestsInline } from "../../jobs/inline";
import { E2E_TODAY, login, newPage, screenshot, startE2E, type E2EEnvironment } from "./harness";

const PASSWORD = "Relationel-Velfaerd-2025";
const TIMEOUT = 120_000;
let env: E2EEnvironment;

beforeAll(async () => {
  env = await startE2E("settings_wb");
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

async function latestStatus(unitId: number): Promise<string> {
  const [row] = await queryRows<{ status: string }>(env.database.db, sql`
    select status from unit_week_status where unit_id = ${unitId} order by week_start desc limit 1`);
  return row!.status;
}

describe("an administrator changes a threshold", () => {
  it("sets it on a team, sees where each value comes from, and the team's status changes after the recompute", async () => {
    const [team] = await queryRows<{ id: number }>(env.database.db, sql`select id from units where name = 'Team Risskov'`);
    const before = await latestStatus(team!.id);
    expect(before).not.toBe("red");
    const { context, page } = await newPage(env);
    try {
      await login(page, "admin@demo.kommune.dk", PASSWORD);
      await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Indstillinger" }).click();
      await page.getByRole("heading", { name: "Tærskler pr. enhed" }).waitFor();
      // The unit picker is a plain GET form: choosing the team is the same as opening its address.
      await page.locator("#thresholds select[name=unit]").selectOption(String(team!.id));
      await Promise.all([page.waitForURL(new RegExp(`unit=${team!.id}`)), page.locator("#thresholds").getByRole("button", { name: "Vis" }).click()]);
      const row = page.locator("#thresholds tbody tr").filter({ hasText: "Sager pr. årsværk" });
      // Nothing set on the team: it inherits the default.
      expect(await row.locator("td").nth(2).textContent()).toBe("produktets standard");
      await page.getByLabel("Sager pr. årsværk").fill("5");
      await Promise.all([page.waitForURL(/gemt=thresholds/), page.getByRole("button", { name: "Gem tærskler" }).click()]);
      // The URL changes before the page re-renders with it; on a loaded machine the notice comes later.
      const notice = page.getByRole("status").filter({ hasText: "Genberegning bestilt" });
      await notice.waitFor();
      expect(await notice.count()).toBe(1);
      expect(await row.locator("td").nth(1).textContent()).toBe("5,0");
      expect(await row.locator("td").nth(2).textContent()).toBe("sat på enheden");
      await screenshot(page, "settings-threshold-saved");

      // Audited, and a recompute request is waiting; the job runtime runs it like an import's.
      const [audit] = await queryRows<{ after: Record<string, unknown> }>(env.database.db, sql`
        select after from audit_log where entity = 'unit_settings' and entity_id = ${String(team!.id)} order by id desc limit 1`);
      expect(audit!.after.casesPerFte).toBe(5);
      const pending = await queryRows<{ source: string }>(env.database.db, sql`select source from recompute_requests where status = 'pending'`);
      expect(pending.map((r) => r.source)).toEqual(["settings:thresholds"]);
      expect(await latestStatus(team!.id)).toBe(before);
      const ran = await runOpenRequestsInline(env.database.db, E2E_TODAY);
      expect(ran.every((r) => r.summary !== null)).toBe(true);
      expect(await latestStatus(team!.id)).toBe("red");

      await page.goto(`/team?unit=${team!.id}`);
      expect(await page.locator("section[aria-labelledby=this-week] .status").first().textContent()).toContain("Rød");
      await screenshot(page, "settings-team-after-recompute");

      // An invalid value is refused with the field marked, and nothing changes.
      await page.goto(`/admin/settings?unit=${team!.id}`);
      await page.getByLabel("Sager pr. årsværk").fill("-3");
      await page.getByRole("button", { name: "Gem tærskler" }).click();
      await page.getByRole("alert").waitFor();
      expect(await page.getByLabel("Sager pr. årsværk").getAttribute("aria-invalid")).toBe("true");
      expect(await queryRows(env.database.db, sql`select 1 from recompute_requests where status = 'pending'`)).toHaveLength(0);
    } finally {
      await context.close();
    }
  }, TIMEOUT);
});

describe("a team manager's wellbeing", () => {
  it("follows a dimension across rounds, downloads the figures and starts a plan from it", async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "teamleder.vest@demo.kommune.dk", PASSWORD);
      await page.goto("/wellbeing");
      await page.getByRole("heading", { name: "Udvikling pr. dimension" }).waitFor();
      const card = page.locator("article.trend-card").filter({ has: page.getByRole("heading", { name: /^Rolleklarhed/ }) });
      // The numbers are on the server: one row per round plus the change; the chart draws after hydration.
      const rounds = await page.locator("table.side-by-side thead tr").first().locator("th[scope=colgroup]").count();
      expect(rounds).toBeGreaterThanOrEqual(4);
      expect(await card.locator("tbody tr").count()).toBe(rounds + 1);
      expect(await card.locator("tbody tr").first().locator("td").first().textContent()).toMatch(/^\d+,\d$|færre end 5 svar|skjult/);
      await card.locator(".chart-area svg.recharts-surface").first().waitFor();
      expect(await card.locator("[role=img]").getAttribute("aria-label")).toMatch(/^Rolleklarhed for Team Hasle ved hver måling: /);
      // The heatmap reads every cell in words and symbols beside the colour.
      const heat = page.locator("table.wb-heatmap");
      expect(await heat.locator("tbody tr").count()).toBeGreaterThanOrEqual(2);
      await screenshot(page, "wellbeing-manager");

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV" }).click()]);
      expect(download.suggestedFilename()).toBe("trivsel_FC-KL03-T1.csv");
      const csv = await (await download.createReadStream()).toArray();
      const text = Buffer.concat(csv).toString("utf8");
      expect(text.split(/\r?\n/)[0]).toContain("unit_code");
      expect(text).toContain("FC-KL03-T1");

      await Promise.all([page.waitForURL(/\/plans\/new/), card.getByRole("link", { name: "Opret handleplan om Rolleklarhed" }).click()]);
      expect(await page.getByLabel("Anledning").inputValue()).toBe("survey");
      expect(await page.getByLabel("Titel").inputValue()).toMatch(/^Trivselsmåling \d{4}-(foraar|efteraar), rolleklarhed: Team Hasle$/);
      expect(await page.getByLabel("Uklare og modstridende krav").isChecked()).toBe(true);
      expect(await page.getByLabel("Beskrivelse og baggrund").inputValue()).toMatch(/^Resultater fra trivselsmålingen [^\n]+\n– Rolleklarhed: /);
      await screenshot(page, "wellbeing-plan-prefilled");
      await Promise.all([page.waitForURL(/\/plans\/\d+/), page.getByRole("button", { name: "Opret handleplan" }).click()]);
      await page.getByRole("heading", { level: 1, name: /rolleklarhed: Team Hasle/ }).waitFor();
    } finally {
      await context.close();
    }
  }, TIMEOUT);
});

describe("the MED committee's meeting", () => {
  it("shows for each plan whether its unit is improving since the plan started", async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "med@demo.kommune.dk", PASSWORD);
      await page.goto("/plans/meeting");
      const plan = page.locator("section.meeting-plan").filter({ hasText: "Handleplan efter trivselsmålingen" }).first();
      const progress = plan.locator("dd.plan-progress");
      expect(await progress.textContent()).toMatch(/^(↑ )?(I bedring|Forværret|Uændret) \(Efterår \d{4} → (Forår|Efterår) \d{4}\): \d+ dimensioner? bedre, \d+ dårligere, \d+ uændret/);
      await screenshot(page, "wellbeing-meeting-progress");
    } finally {
      await context.close();
    }
  }, TIMEOUT);
});
