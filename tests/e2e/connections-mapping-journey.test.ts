// The administrator's connectors journey (issue 15): the connections page, then a case system's
// own CSV whose header does not match the units kind: /imports rejects it and points to the
// mapping page, where its columns are mapped to the fields, the mapping saved under a name and the
// file imported. Then "Synkronisér nu" with JavaScript off: POST → redirect → the run's state.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { DEMO_LOGINS } from "../../demo";
import { queryRows } from "../../db/client";
import { SCREENSHOT_DIR, login, newPage, screenshot, startE2E, type E2EEnvironment } from "./harness";

let e2e: E2EEnvironment;
let dir: string;
let parentCode = "";

beforeAll(async () => {
  e2e = await startE2E("con");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-con-"));
}, 240_000);

afterAll(async () => {
  await e2e?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const admin = () => DEMO_LOGINS.find((l) => l.role === "admin")!;

describe("administrator: connections and a CSV by column mapping", () => {
  it("opens the connections page, maps a foreign CSV's columns, saves the mapping and imports", async () => {
    [{ code: parentCode }] = await queryRows<{ code: string }>(e2e.database.db, sql`select code from units where parent_id is null order by code limit 1`);
    const file = path.join(dir, "enheder-fra-sagssystem.csv");
    fs.writeFileSync(file, `Enhedsnr;Enhedsnavn;Overordnet enhed;Niveau\nE2E-TEAM;Team Journey;${parentCode};team\n`);
    const { context, page } = await newPage(e2e);
    page.setDefaultTimeout(15_000);
    await login(page, admin().email, admin().password);

    await page.goto("/admin/connections");
    await page.getByRole("heading", { level: 1, name: "Forbindelser" }).waitFor();
    await screenshot(page, "connections-admin-page");

    await page.goto("/imports");
    await page.selectOption('select[name="kind"]', "units");
    await page.setInputFiles('input[type="file"][name="file"]', file);
    await Promise.all([page.waitForURL(/show=\d+/), page.getByRole("button", { name: "Importér" }).click()]);
    await page.locator('section[aria-labelledby="result"]').getByText("✗ Afvist").waitFor();
    await screenshot(page, "connections-import-header-mismatch");

    const toMapping = await page.getByRole("link", { name: /Tilknyt filens kolonner/ }).getAttribute("href");
    expect(toMapping).toBe("/imports/mapping?kind=units");
    await page.goto(toMapping!);
    expect(await page.locator("#m-kind").inputValue()).toBe("units");
    await page.setInputFiles("#m-file", file);
    await Promise.all([page.waitForURL(/token=[0-9a-f]{32}/), page.getByRole("button", { name: "Læs filen" }).click()]);
    await page.locator("#col_unit_code").waitFor();
    // The file's columns beside the kind's fields; chosen by the administrator.
    await page.selectOption("#col_unit_code", "Enhedsnr");
    await page.selectOption("#col_name", "Enhedsnavn");
    await page.selectOption("#col_parent_code", "Overordnet enhed");
    await page.selectOption("#col_kind", "Niveau");
    await page.fill("#m-name", "Sagssystemets enheder");
    await screenshot(page, "connections-mapping-form");
    await Promise.all([page.waitForURL(/\/imports\?show=\d+/), page.getByRole("button", { name: "Gem og importér" }).click()]);
    await page.locator('section[aria-labelledby="result"]').getByText("✓ Godkendt").waitFor();
    await screenshot(page, "connections-mapping-imported");

    const units = await queryRows<{ name: string; parent: string }>(e2e.database.db, sql`
      select u.name, p.code as parent from units u join units p on p.id = u.parent_id where u.code = 'E2E-TEAM'`);
    expect(units).toEqual([{ name: "Team Journey", parent: parentCode }]);
    const saved = await queryRows<{ name: string; kind: string }>(e2e.database.db, sql`select name, kind from column_mappings`);
    expect(saved).toEqual([{ name: "Sagssystemets enheder", kind: "units" }]);
    await context.close();
  }, 120_000);

  it("without JavaScript, Synkronisér nu answers at once with the run, which the page shows queued, running or done", async () => {
    const folder = path.join(dir, "mappe");
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "enheder.csv"), `Enhedsnr;Enhedsnavn;Overordnet enhed;Niveau\nE2E-TEAM;Team Journey (mappe);${parentCode};team\n`);
    await e2e.database.db.execute(sql`insert into connections (name, source, settings)
      values ('sagssystem', 'file', ${JSON.stringify({ kind: "units", folder, mapping: "Sagssystemets enheder" })}::jsonb)`);
    const context = await e2e.browser.newContext({ baseURL: e2e.baseUrl, locale: "da-DK", javaScriptEnabled: false, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(admin().email);
    await page.getByLabel("Adgangskode").fill(admin().password);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.locator("main button[type=submit]").click()]);
    await page.goto("/admin/connections");
    const row = page.locator("tr", { has: page.locator("code", { hasText: "sagssystem" }) });
    await Promise.all([page.waitForURL(/\/admin\/connections\?run=\d+/), row.getByRole("button", { name: "Synkronisér nu" }).click()]);
    const result = page.locator("#run-result").locator("..");
    await expect(result.innerText()).resolves.toMatch(/I kø|I gang|Indlæst/);
    // Reload without JavaScript until the run has ended, as a person would with the link.
    for (let i = 0; i < 40 && !/Indlæst|Uændret|Fejlet/.test(await result.innerText()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    expect(await result.innerText()).toMatch(/✓ Indlæst/);
    // axe needs scripts; the same page was checked with JavaScript in the journey above.
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "connections-sync-now-nojs.png"), fullPage: true });
    const [unit] = await queryRows<{ name: string }>(e2e.database.db, sql`select name from units where code = 'E2E-TEAM'`);
    expect(unit.name).toBe("Team Journey (mappe)");
    await context.close();
  }, 60_000);
});
