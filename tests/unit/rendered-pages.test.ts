// The rendered-page cache's pure parts (app/lib/rendered-pages.server.ts): the gzip assembled per
// response around a fresh nonce is the identity page, compressed; the cache keeps one data version
// and stays within its bounds.
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { RenderedPages, gzipPage, identityPage } from "../../app/lib/rendered-pages.server";

const RECIPE = { guards: [{ capability: "view_load" as const }], nameRead: null };

function entryOf(html: string, nonce: string) {
  const pages = new RenderedPages();
  pages.set(1, "k", html, nonce, RECIPE);
  return pages.get(1, "k")!;
}

describe("a kept page sent with a new nonce", () => {
  it("gunzips to the identity page, nonce in every place, whatever the text around it", () => {
    const old = "b2xkLW5vbmNlLXZhbHVlLTE=";
    const html = `${old}<html lang="da"><script nonce="${old}">x</script>Æblegrød ✓ ${"figurer ".repeat(5000)}<script nonce="${old}"></script>${old}`;
    const entry = entryOf(html, old);
    for (const nonce of ["bmV3LW5vbmNlLXZhbHVlLTI=", ""]) {
      const identity = identityPage(entry, nonce);
      expect(identity.toString("utf8")).toBe(html.split(old).join(nonce));
      const gz = gzipPage(entry, nonce);
      expect(zlib.gunzipSync(gz).equals(identity)).toBe(true);
      expect(gz.length).toBeLessThan(identity.length / 5);
    }
  });
});

describe("RenderedPages", () => {
  it("forgets every page when the data version moves and keeps no page of an older one", () => {
    const pages = new RenderedPages();
    pages.set(2, "a", "<p>a</p>", undefined, RECIPE);
    expect(pages.get(2, "a")).toBeDefined();
    expect(pages.get(3, "a")).toBeUndefined();
    pages.set(2, "b", "<p>b</p>", undefined, RECIPE);
    expect(pages.get(2, "b")).toBeUndefined();
    expect(pages.size).toBe(0);
  });

  it("drops the least recently used beyond its entries or characters", () => {
    const pages = new RenderedPages(2, 100);
    pages.set(1, "a", "a".repeat(40), undefined, RECIPE);
    pages.set(1, "b", "b".repeat(40), undefined, RECIPE);
    pages.get(1, "a");
    pages.set(1, "c", "c".repeat(40), undefined, RECIPE);
    expect(pages.get(1, "b")).toBeUndefined();
    expect(pages.get(1, "a")).toBeDefined();
    pages.set(1, "d", "d".repeat(90), undefined, RECIPE);
    expect(pages.size).toBe(1);
    expect(pages.get(1, "d")).toBeDefined();
  });
});
