// Journeys through the action plans on the small demo (today fixed at 2025-06-16 by the harness):
// the MED member prepares the meeting, records a review, verifies an item and prints the report back
// to AT; a team manager moves their own item and is refused on plans that are not theirs to edit.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Locator } from "playwright-core";
import { queryRows } from "../../db/client";
import { extractText, getDocumentProxy } from "unpdf";
import { login, newPage, screenshot, startE2E, SCREENSHOT_DIR, type E2EEnvironment } from "./harness";

const AT_PLAN = "Påbud om uklare og modstridende krav – Klynge Vest";
const DOEGN_PLAN = "Påbud om arbejdsmængde og tidspres med høje følelsesmæssige krav – Døgnafdelingen";
const PASSWORD = "Relationel-Velfaerd-2025";
/** A journey clicks through several pages on a machine shared with other test runs. */
const JOURNEY_TIMEOUT = 120_000;

let env: E2EEnvironment;

beforeAll(async () => {
  env = await startE2E("plans");
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

/** The demo manager's item due this week, in progress. */
const OWN_ITEM = "Opgavefordeling efter kompleksitet: sager om tabt arbejdsfortjeneste kun til medarbejdere med kompetence";

/** Titles are unique in the demo; the id is needed only to address the plan in a raw POST. */
async function planIdByTitle(title: string): Promise<number> {
  const rows = await queryRows<{ id: number }>(env.database.db, sql`select id from action_plans where title = ${title}`);
  return rows[0]!.id;
}

/** Opens an item's tools (a <details>): set, not toggled, so a second call never closes it. */
async function openTools(row: Locator): Promise<void> {
  await row.locator("details").evaluate((d) => { (d as HTMLDetailsElement).open = true; });
}

describe("MED member at the monthly meeting", () => {
  it("opens the meeting view, records a review, verifies an item and prints the report back", async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "med@demo.kommune.dk", PASSWORD);
      await page.goto("/plans");
      await page.getByLabel("Mødevisning for udvalg").selectOption({ label: "MED-udvalg Familiecentret" });
      await Promise.all([page.waitForURL(/\/plans\/meeting\?committee=/), page.getByRole("button", { name: "Vis møde" }).click()]);
      await page.getByRole("heading", { name: "Handleplaner til mødet i MED-udvalg Familiecentret" }).waitFor();
      const meetingPlan = page.locator("section.meeting-plan", { hasText: AT_PLAN });
      // The Klynge Vest plan's deadline lies three weeks ahead of the demo day (the story's 15
      // October seen from 22 September), here 9 July 2025: 23 days after 16 June 2025.
      expect(await meetingPlan.textContent()).toContain("23 dage tilbage");
      await screenshot(page, "plans-meeting-view");

      await Promise.all([page.waitForURL(/\/plans\/\d+$/), meetingPlan.getByRole("link", { name: AT_PLAN }).click()]);
      const reviewForm = page.getByRole("form", { name: "Registrér behandling" });
      await reviewForm.getByLabel("Deltagere").fill("Centerchef, klyngeleder, arbejdsmiljørepræsentant, TR");
      await reviewForm.getByLabel("Beslutninger").fill("Rollebeskrivelserne er taget i brug. Workshop om arbejdsgange holdes i august.");
      await reviewForm.getByLabel("Næste behandling").fill("2025-08-20");
      await reviewForm.getByRole("button", { name: "Gem behandling" }).click();
      const reviews = page.locator("#reviews table");
      await reviews.getByText("Workshop om arbejdsgange holdes i august.").waitFor();
      expect(await reviews.textContent()).toContain("20.8.2025");

      const row = page.locator("tr.item-row", { hasText: "Fælles arbejdsgang for modtagelse" });
      expect(await row.locator(".status").textContent()).toBe("Udført");
      await openTools(row);
      await row.getByLabel("Ny status").selectOption("verified");
      await row.getByRole("button", { name: "Skift status" }).click();
      await row.locator(".status", { hasText: "Virkning bekræftet" }).waitFor();
      expect(await row.textContent()).toMatch(/bekræftet af .+ 16\.6\.2025/);
      await page.locator(".timeline").getByText("»Fælles arbejdsgang for modtagelse og fordeling af sager«: Udført → Virkning bekræftet").waitFor();
      // Postponing an item keeps the old due date in the timeline (the overdue case-stop agreement).
      const postponed = page.locator("tr.item-row", { hasText: "Aftale om sagsstop" });
      await openTools(postponed);
      const edit = postponed.getByRole("form", { name: /Ret indsats/ });
      await edit.getByLabel("Frist").fill("2025-09-15");
      await edit.getByRole("button", { name: "Gem indsats" }).click();
      await page.locator(".timeline").getByText("frist 25.5.2025 → 15.9.2025").waitFor();
      await screenshot(page, "plans-plan-after-review");

      await page.goto("/plans/meeting");
      const after = page.locator("section.meeting-plan", { hasText: AT_PLAN });
      expect(await after.textContent()).toContain("Sidst behandlet16.6.2025");

      await page.goto("/plans");
      await Promise.all([page.waitForURL(/\/plans\/\d+$/), page.getByRole("link", { name: AT_PLAN }).click()]);
      await Promise.all([page.waitForURL(/\/report$/), page.getByRole("link", { name: "Tilbagemelding til AT" }).click()]);
      const report = page.locator("article.report");
      await report.getByRole("heading", { name: "Tilbagemelding til Arbejdstilsynet" }).waitFor();
      const text = (await report.textContent()) ?? "";
      expect(text).toContain("AT-2025-14872");
      expect(text).toContain("Virkning bekræftet");
      // Sign-offs are recorded in the product (the journey below signs); none yet.
      expect(text).toMatch(/For ledelsen\s*Ikke underskrevet/);
      expect(text).toMatch(/De ansatte er orienteret\s*Ikke bekræftet/);
      await page.emulateMedia({ media: "print" });
      // The application's header and the page's buttons are not part of the printed document.
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "Udskriv", exact: true }).isVisible()).toBe(false);
      await screenshot(page, "plans-report-print");
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
      fs.writeFileSync(path.join(SCREENSHOT_DIR, "plans-report.pdf"), pdf);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

      await page.emulateMedia({ media: "screen" });
      const download = await page.request.get(page.url() + ".html");
      expect(download.status()).toBe(200);
      expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="tilbagemelding-handleplan-(\d+)-2025-06-16\.html"; filename\*=UTF-8''tilbagemelding-handleplan-\1-2025-06-16\.html$/);
      expect(await download.text()).toContain("Tilbagemelding til Arbejdstilsynet");
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);
});

describe("team manager with items in the cluster's plan", () => {
  it("moves their own item to done and adds evidence, without the plan's editing forms", async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "teamleder.vest@demo.kommune.dk", PASSWORD);
      await page.goto("/plans");
      const mine = page.locator("section", { hasText: "Mine åbne indsatser" });
      await Promise.all([page.waitForURL(/\/plans\/\d+/), mine.getByRole("link", { name: OWN_ITEM }).click()]);
      // A team manager edits no plan of the cluster above: no forms for focus points, items or reviews.
      expect(await page.getByRole("form", { name: "Tilføj fokuspunkt" }).count()).toBe(0);
      expect(await page.getByRole("form", { name: "Registrér behandling" }).count()).toBe(0);

      const row = page.locator("tr.item-row", { hasText: OWN_ITEM });
      await openTools(row);
      const moves = await row.getByLabel("Ny status").locator("option").allTextContents();
      expect(moves).toEqual(["Udført"]); // in progress → done; cancelling is the plan editors' decision
      await row.getByRole("button", { name: "Skift status" }).click();
      await row.locator(".status", { hasText: "Udført" }).waitFor();
      await openTools(row);
      await row.getByLabel("Hvad er gjort / dokumentation").fill("Alle fire nye medarbejdere har fået en makker; aftalt på teammødet.");
      await row.getByRole("button", { name: "Tilføj dokumentation" }).click();
      await row.getByText("Alle fire nye medarbejdere har fået en makker").waitFor();
      // Another manager's item in the same plan offers nothing to change.
      const other = page.locator("tr.item-row", { hasText: "Fælles arbejdsgang for modtagelse" });
      expect(await other.locator("details").count()).toBe(0);
      await screenshot(page, "plans-manager-own-item");
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);

  it("is refused (403) when writing to a plan of another unit", async () => {
    const { context, page } = await newPage(env);
    try {
      await login(page, "teamleder.vest@demo.kommune.dk", PASSWORD);
      const atPlan = await planIdByTitle(AT_PLAN);
      const doegnPlan = await planIdByTitle(DOEGN_PLAN);
      const origin = env.baseUrl;
      // The cluster's plan: visible through the manager's own items, but not theirs to edit.
      const addFocus = await page.request.post(`/plans/${atPlan}`, { form: { intent: "add_focus_point", title: "Nyt fokuspunkt" }, headers: { Origin: origin } });
      expect(addFocus.status()).toBe(403);
      // Døgnafdelingen's plan: another unit altogether, not even visible.
      const review = await page.request.post(`/plans/${doegnPlan}`, { form: { intent: "review", committeeId: "1", reviewDate: "2025-06-16", decisions: "x" }, headers: { Origin: origin } });
      expect(review.status()).toBe(403);
      const response = await page.goto(`/plans/${doegnPlan}`);
      expect(response?.status()).toBe(403);
      await page.getByRole("heading", { name: "Ingen adgang" }).waitFor();
      await screenshot(page, "plans-manager-other-unit-403");
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);
});

describe("a plan from a risk-radar signal", () => {
  it("starts prefilled with the signal's themes and evidence", async () => {
    // The demo's loaded teams raise the workload signal (METRICS.md risk radar); take the latest one.
    const [signal] = await queryRows<{ unitId: number; unitName: string }>(env.database.db, sql`
      select r.unit_id as "unitId", u.name as "unitName" from risk_signals r join units u on u.id = r.unit_id
      where r.signal = 'workload_emotional' order by r.as_of_week desc, r.unit_id limit 1`);
    expect(signal).toBeDefined();
    const { context, page } = await newPage(env);
    try {
      await login(page, "admin@demo.kommune.dk", PASSWORD);
      await page.goto(`/plans/new?unit=${signal!.unitId}&signal=workload_emotional`);
      expect(await page.getByLabel("Titel").inputValue()).toBe(`Arbejdsmængde og tidspres med høje følelsesmæssige krav: ${signal!.unitName}`);
      expect(await page.getByLabel("Anledning").inputValue()).toBe("risk_signal");
      expect(await page.getByLabel("Beskrivelse og baggrund").inputValue()).toMatch(/Sager pr\. årsværk over grænsen i \d af \d uger/);
      expect(await page.getByRole("checkbox", { name: "Arbejdsmængde og tidspres" }).isChecked()).toBe(true);
      expect(await page.getByRole("checkbox", { name: "Høje følelsesmæssige krav" }).isChecked()).toBe(true);
      await screenshot(page, "plans-new-from-signal");
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);
});

describe("forms without JavaScript", () => {
  it("creates an AT plan, shows errors by the field, then adds a focus point and an item", async () => {
    const context = await env.browser.newContext({ baseURL: env.baseUrl, locale: "da-DK", javaScriptEnabled: false, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    try {
      await login(page, "med@demo.kommune.dk", PASSWORD);
      await page.goto("/plans/new");
      await page.getByLabel("Enhed").selectOption({ label: "Familiecentret" });
      await page.getByLabel("Titel").fill("Strakspåbud: vold og trusler i modtagelsen");
      // A decision before the visit, and no reaction: refused, with the reasons by the fields.
      await page.getByLabel("Besøgsdato").fill("2025-06-10");
      await page.getByLabel("Afgørelsesdato").fill("2025-06-01");
      await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Opret handleplan" }).click()]);
      await page.getByText("Afgørelsen kan ikke ligge før besøget.").waitFor();
      expect(await page.locator("#atReaction-error").textContent()).toBe("Skal udfyldes.");
      await screenshot(page, "plans-new-errors-nojs");
      // The form keeps what was typed.
      expect(await page.getByLabel("Titel").inputValue()).toBe("Strakspåbud: vold og trusler i modtagelsen");

      await page.getByLabel("Reaktion").selectOption("strakspaabud");
      await page.getByLabel("Afgørelsesdato").fill("2025-06-12");
      await page.getByLabel("Arbejdsrelateret vold").check();
      await Promise.all([page.waitForURL(/\/plans\/\d+$/), page.getByRole("button", { name: "Opret handleplan" }).click()]);
      await page.getByRole("heading", { name: "Strakspåbud: vold og trusler i modtagelsen" }).waitFor();
      expect(await page.locator(".plan-facts").textContent()).toContain("Arbejdsrelateret vold");

      const addFocus = page.getByRole("form", { name: "Tilføj fokuspunkt" });
      await addFocus.getByLabel("Fokuspunkt").fill("Sikker indretning af modtagelsen");
      await Promise.all([page.waitForLoadState("load"), addFocus.getByRole("button", { name: "Tilføj fokuspunkt" }).click()]);
      const focus = page.locator("section.focus-point", { hasText: "Sikker indretning af modtagelsen" });
      await focus.waitFor();
      // Without JavaScript the <details> opens natively.
      await focus.locator("summary", { hasText: "Tilføj indsats" }).click();
      const addItem = focus.getByRole("form", { name: /Tilføj indsats/ });
      await addItem.getByLabel("Hvad gøres").fill("Alarmknapper i samtalerummene");
      await addItem.getByLabel("… eller navngiven person").fill("Driftsleder Jensen");
      await addItem.getByLabel("Frist").fill("2025-06-20");
      await Promise.all([page.waitForLoadState("load"), addItem.getByRole("button", { name: "Tilføj" }).click()]);
      const row = page.locator("tr.item-row", { hasText: "Alarmknapper i samtalerummene" });
      expect(await row.textContent()).toContain("Driftsleder Jensen");
      expect(await row.textContent()).toContain("frist inden 14 dage"); // 20 June is 4 days after 16 June
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);
});

describe("evidence and sign-offs of the report back", () => {
  const ITEM = "Rollebeskrivelse for myndighedsrådgivere og tovholdere i klyngen";

  it("a MED member attaches a file without JavaScript, both sign, and the PDF shows the signatures", async () => {
    const atPlan = await planIdByTitle(AT_PLAN);
    const [leader] = await queryRows<{ name: string }>(env.database.db, sql`select display_name as name from users where email = 'klyngeleder.vest@demo.kommune.dk'`);
    const noJs = await env.browser.newContext({ baseURL: env.baseUrl, locale: "da-DK", javaScriptEnabled: false, viewport: { width: 1366, height: 900 } });
    const med = await noJs.newPage();
    const { context: leaderContext, page: lead } = await newPage(env);
    try {
      // The MED member attaches a photo of the new role board: a plain multipart form, no script.
      await login(med, "med@demo.kommune.dk", PASSWORD);
      await med.goto(`/plans/${atPlan}`);
      const photo = await med.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
      const row = med.locator("tr.item-row", { hasText: ITEM });
      await row.locator("summary").click();
      await row.getByLabel("Fil (PDF, billede, Word, Excel eller PowerPoint)").setInputFiles({ name: "Rolletavle på væggen.png", mimeType: "image/png", buffer: photo });
      await Promise.all([med.waitForURL(/evidence=added/), row.getByRole("button", { name: "Vedhæft", exact: true }).click()]);
      await med.getByRole("status").getByText("Filen er vedhæftet.").waitFor();
      const link = med.locator("tr.item-row", { hasText: ITEM }).getByRole("link", { name: "Rolletavle på væggen.png" });
      expect(await link.locator("xpath=..").textContent()).toContain("Maria Lund, 16.6.2025");
      // A text file renamed .png is refused with a reason.
      await med.locator("tr.item-row", { hasText: ITEM }).locator("summary").click();
      await med.locator("tr.item-row", { hasText: ITEM }).getByLabel("Fil (PDF, billede, Word, Excel eller PowerPoint)").setInputFiles({ name: "falsk.png", mimeType: "image/png", buffer: Buffer.from("ikke et billede") });
      await Promise.all([med.waitForURL(/evidenceError=content_mismatch/), med.locator("tr.item-row", { hasText: ITEM }).getByRole("button", { name: "Vedhæft", exact: true }).click()]);
      await med.getByRole("alert").getByText("Filens indhold passer ikke til dens filtype.").waitFor();
      await med.locator("tr.item-row", { hasText: ITEM }).scrollIntoViewIfNeeded();
      await screenshot(med, "plans-evidence-attached");
      const file = await med.request.get(await link.getAttribute("href") ?? "");
      expect(file.headers()["content-disposition"]).toBe("attachment; filename=\"Rolletavle paa vaeggen.png\"; filename*=UTF-8''Rolletavle%20p%C3%A5%20v%C3%A6ggen.png");
      expect(file.headers()["x-content-type-options"]).toBe("nosniff");
      expect(Buffer.from(await file.body()).equals(photo)).toBe(true);

      // The safety representative signs and confirms that the employees were informed.
      await med.goto(`/plans/${atPlan}/report`);
      expect(await med.locator("article.report").textContent()).toContain("Bilag: Rolletavle på væggen.png");
      await Promise.all([med.waitForURL(/\/report/), med.getByRole("button", { name: "Underskriv som arbejdsmiljørepræsentant" }).click()]);
      const informed = med.getByRole("form", { name: "Bekræft at de ansatte er orienteret" });
      await informed.getByLabel("Orienteret den").fill("2025-06-13");
      await Promise.all([med.waitForURL(/\/report/), informed.getByRole("button").click()]);
      // The same person cannot also sign for management, and the filing waits for management.
      expect(await med.getByRole("button", { name: "Underskriv for ledelsen" }).count()).toBe(0);
      expect(await med.locator("#signoffs").textContent()).toContain("Tilbagemeldingen kan først registreres som sendt");

      // The cluster leader signs for management and records the filing in OnlineAt.
      await login(lead, "klyngeleder.vest@demo.kommune.dk", PASSWORD);
      await lead.goto(`/plans/${atPlan}/report`);
      await lead.getByRole("button", { name: "Underskriv for ledelsen" }).click();
      await lead.locator("#signoffs").getByText(`Underskrevet af ${leader!.name}`).waitFor();
      const sent = lead.getByRole("form", { name: /Registrér at tilbagemeldingen er sendt/ });
      await sent.getByLabel("Sendt den").fill("2025-06-16");
      await sent.getByRole("button").click();
      await lead.locator("#signoffs").getByText("Sendt 16.6.2025").waitFor();
      const signoffs = (await lead.locator("#signoffs").textContent()) ?? "";
      expect(signoffs).toContain("Underskrevet af Maria Lund");
      expect(signoffs).toContain("Bekræftet af Maria Lund, orienteret 13.6.2025");
      await lead.locator("#signoffs").scrollIntoViewIfNeeded();
      await screenshot(lead, "plans-report-signed");

      const [download] = await Promise.all([lead.waitForEvent("download"), lead.getByRole("link", { name: "Hent som PDF" }).click()]);
      expect(download.suggestedFilename()).toBe(`tilbagemelding-handleplan-${atPlan}-2025-06-16.pdf`);
      const pdfPath = path.join(SCREENSHOT_DIR, "plans-report-signed.pdf");
      await download.saveAs(pdfPath);
      const pdf = await getDocumentProxy(new Uint8Array(fs.readFileSync(pdfPath)));
      const { text } = await extractText(pdf, { mergePages: true });
      const flat = text.replace(/\s+/g, " ");
      expect(flat).toContain("Tilbagemelding til Arbejdstilsynet");
      expect(flat).toContain(`For ledelsen ${leader!.name}, 16.6.2025 kl.`);
      expect(flat).toContain("Arbejdsmiljørepræsentant Maria Lund, 16.6.2025 kl.");
      expect(flat).toContain("de ansatte blev orienteret 13.6.2025");
      expect(flat).toContain("16.6.2025 via OnlineAt");
      expect(flat).toContain("Bilag: Rolletavle på væggen.png (16.6.2025, Maria Lund)");
      expect(flat).toMatch(/Side 1 af \d/);

      // The plan's timeline shows the upload, both signatures, the confirmation and the filing.
      await lead.goto(`/plans/${atPlan}`);
      const timeline = (await lead.locator(".timeline").textContent()) ?? "";
      for (const line of ["Fil vedhæftet", "underskrevet for ledelsen", "underskrevet af arbejdsmiljørepræsentanten", "Bekræftet at de ansatte er orienteret (13.6.2025)", "sendt til Arbejdstilsynet (OnlineAt) 16.6.2025"]) {
        expect(timeline).toContain(line);
      }
      await screenshot(lead, "plans-plan-signed-timeline");
    } finally {
      await noJs.close();
      await leaderContext.close();
    }
  }, JOURNEY_TIMEOUT);
});
