// A page route's error panel (app/components/RouteErrorBoundary.tsx): a heading and text by
// status, the status in words, a link back, no internals; Danish by default, English available.
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { RouteErrorView } from "../../app/components/RouteErrorBoundary";

const render = (status: number, lang: "da" | "en" = "da") => renderToString(<RouteErrorView status={status} lang={lang} />);

describe("the route error panel", () => {
  it("says 'Ingen adgang' for 403", () => {
    const html = render(403);
    expect(html).toMatch(/<h1 id="route-error-title">Ingen adgang<\/h1>/);
    expect(html).toContain("Du har ikke adgang til denne side eller enhed.");
    expect(html).toContain("Fejlkode: 403");
  });

  it("says 'Siden findes ikke' for 404 and 'Ugyldig forespørgsel' for 400", () => {
    expect(render(404)).toMatch(/<h1[^>]*>Siden findes ikke<\/h1>/);
    expect(render(400)).toMatch(/<h1[^>]*>Ugyldig forespørgsel<\/h1>/);
    expect(render(400)).toContain("Tjek de indtastede værdier.");
  });

  it("answers every server error with the generic 500 text and no internals", () => {
    for (const status of [500, 502, 503]) {
      const html = render(status);
      expect(html).toMatch(/<h1[^>]*>Der opstod en fejl<\/h1>/);
      expect(html).toContain("Noget gik galt hos os. Prøv igen om lidt.");
      expect(html).not.toMatch(/stack|Error:|at \w+ \(/);
    }
    expect(render(418)).toMatch(/<h1[^>]*>Ugyldig forespørgsel<\/h1>/);
  });

  it("is a labelled region with a heading and a link back to the front page", () => {
    const html = render(404);
    expect(html).toMatch(/^<section class="error-page route-error" aria-labelledby="route-error-title">/);
    expect(html).toContain('<a href="/">Til forsiden</a>');
  });

  it("speaks English when the page does", () => {
    const html = render(403, "en");
    expect(html).toMatch(/<h1[^>]*>Access denied<\/h1>/);
    expect(html).toContain("Error code: 403");
    expect(html).toContain('<a href="/">Go to the front page</a>');
    expect(render(404, "en")).toContain("Page not found");
  });
});
