// axe-core (WCAG 2.1 A and AA rules) inside a journey's page: injected from the installed package,
// run on the page as it stands, and any serious or critical violation fails the journey with the
// rule, the page and the offending elements, so no page can regress unnoticed.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE_PATH = require.resolve("axe-core/axe.min.js");
const WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FAILING_IMPACTS = new Set(["serious", "critical"]);

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

type AxeWindow = { axe?: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };

async function runAxe(page: Page): Promise<AxeFinding[] | null> {
  if (!(await page.evaluate(() => typeof (window as unknown as AxeWindow).axe === "object"))) {
    await page.addScriptTag({ path: AXE_SOURCE_PATH });
  }
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as AxeWindow).axe;
    // A context with JavaScript switched off never runs the injected script.
    if (!axe) return null;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  }, WCAG_21_AA_TAGS);
}

/**
 * A page of a journey without JavaScript is checked as it stands: its HTML (scripts removed, so
 * nothing hydrates or changes it) is served at the same address to a JavaScript-enabled copy of
 * the context, with the same cookies, where axe can run.
 */
async function axeOnCopy(page: Page): Promise<AxeFinding[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error("axe: the page has no browser to copy it into");
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  const context = await browser.newContext({
    storageState: await page.context().storageState(), bypassCSP: true, viewport: page.viewportSize() ?? undefined,
  });
  try {
    const copy = await context.newPage();
    const url = page.url();
    await copy.route((u) => u.href === url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
    await copy.goto(url);
    const findings = await runAxe(copy);
    if (!findings) throw new Error("axe did not load in the JavaScript-enabled copy");
    return findings;
  } finally {
    await context.close();
  }
}

/** Every violation of the WCAG 2.1 A/AA rules on the page, whatever its impact. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  return (await runAxe(page)) ?? axeOnCopy(page);
}

/** Fails with a readable list when the page has any serious or critical violation. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  const failing = (await axeViolations(page)).filter((v) => FAILING_IMPACTS.has(v.impact));
  if (failing.length === 0) return;
  const lines = failing.map((v) => `  ${v.impact} ${v.rule}: ${v.help}\n    ${v.targets.join("\n    ")}`);
  throw new Error(`axe found ${failing.length} serious or critical WCAG 2.1 AA violation(s) on ${label}:\n${lines.join("\n")}`);
}

/** True when the page itself scrolls sideways (tables may scroll inside their own region). */
export async function pageScrollsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** The outermost elements that stick out to the right of the viewport (outside any scroll box). */
export async function elementsOutsideViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const insideScrollBox = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return true;
      }
      return false;
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`;
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (el.getBoundingClientRect().right <= width + 1 || insideScrollBox(el)) continue;
      const parent = el.parentElement;
      if (parent && parent.getBoundingClientRect().right > width + 1 && !insideScrollBox(parent) && parent !== document.body) continue;
      out.push(`${describe(el)} (${Math.round(el.getBoundingClientRect().right)} px)`);
      if (out.length >= 5) break;
    }
    return out;
  });
}
