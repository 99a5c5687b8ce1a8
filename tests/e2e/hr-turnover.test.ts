// HR's journey (issue 8): Familiecentret, calendar year 2024, figures on the page, the departures
// behind the count, and the XLSX download opened and compared with the page.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS } from "../../demo";
import { login, newPage, screenshot, startE2E, type E2EEnvironment } from "./harness";

let e2e: E2EEnvironment;

beforeAll(async () => {
  e2e = await startE2E("hr");
}, 240_000);

afterAll(async () => {
  await e2e?.stop();
});

/** '275,07 (267,43)' → 275.07: the page's figure, without the year-earlier one in brackets. */
function danishNumber(text: string): number {
  const first = /^-?[\d.]+(,\d+)?/.exec(text.trim())?.[0] ?? "";
  return Number(first.replace(/\./g, "").replace(",", "."));
}

describe("HR turnover journey", () => {
  it("shows Familiecentret's 2024 figures, drills into departures and exports the same numbers to Excel", async () => {
    const hr = DEMO_LOGINS.find((l) => l.role === "hr")!;
    const { context, page } = await newPage(e2e);
    await login(page, hr.email, hr.password);

    await page.goto("/turnover");
    const unitValue = await page.locator('select[name="unit"] option', { hasText: "Familiecentret" }).first().getAttribute("value");
    await page.selectOption('select[name="unit"]', unitValue!);
    await page.selectOption('select[name="p"]', "year");
    await page.fill('input[name="year"]', "2024");
    await Promise.all([page.waitForURL(/year=2024/), page.getByRole("button", { name: "Vis" }).click()]);
    expect(page.url()).toContain(`unit=${unitValue}`);
    // The URL changes before React has painted the new page.
    await page.locator("h1", { hasText: "Familiecentret" }).waitFor();
    await screenshot(page, "hr-turnover-familiecentret-2024");

    const cells = page.locator("table.turnover-table tr.root-row td");
    const avgHeadcount = danishNumber(await cells.nth(0).innerText());
    const departures = danishNumber(await cells.nth(1).innerText());
    const turnoverPct = danishNumber(await cells.nth(2).innerText());
    expect(avgHeadcount).toBeGreaterThan(0);
    expect(departures).toBeGreaterThan(0);
    // The page's own figures agree with METRICS.md's definition, to the page's rounding.
    expect(turnoverPct).toBeCloseTo((departures / avgHeadcount) * 100, 0);

    await cells.nth(1).getByRole("link").click();
    await page.waitForURL(/\/turnover\/departures/);
    await page.locator("table.departures-table tbody tr").first().waitFor();
    expect(await page.locator("table.departures-table tbody tr").count()).toBe(departures);
    await screenshot(page, "hr-turnover-departures");
    await page.goBack();
    await page.waitForURL(/year=2024/);
    await page.locator("table.turnover-table").waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      // The first XLSX link is the table's; the second is the municipal-statistics variant.
      page.getByRole("link", { name: /XLSX/ }).first().click(),
    ]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xlsx-")), "turnover.xlsx");
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 13)).toEqual([
      "unit_code", "unit_name", "period_from", "period_to", "avg_headcount", "departures", "turnover_pct",
      "manager_avg_headcount", "manager_departures", "manager_turnover_pct", "voluntary_departures", "internal_transfers_out", "hires",
    ]);
    let fcRow: unknown[] | undefined;
    sheet.eachRow((row, index) => {
      const values = (row.values as unknown[]).slice(1);
      if (index > 1 && values[0] === "FC") fcRow = values;
    });
    expect(fcRow, "the export has a row for Familiecentret").toBeDefined();
    // The period as date cells, which exceljs reads as UTC midnights.
    expect(fcRow![2]).toEqual(new Date("2024-01-01T00:00:00.000Z"));
    expect(fcRow![3]).toEqual(new Date("2024-12-31T00:00:00.000Z"));
    expect(fcRow![4]).toBe(avgHeadcount);
    expect(fcRow![5]).toBe(departures);
    expect(fcRow![6]).toBe(turnoverPct);
    await context.close();
  }, 120_000);
});
