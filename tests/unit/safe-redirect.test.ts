// Redirect targets after login and after choosing a language (issue #13): only a path on this
// site. A browser drops tabs and newlines from a URL, so "/\t/evil.example" is "//evil.example".
import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/lib/auth.server";

const request = new Request("https://belastning.kommune.dk/login");

describe("safe redirects", () => {
  it.each([
    "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "/\u00a0/evil.example", "/\u2028/evil.example",
    "//evil.example", "/\\evil.example", "/\\\\evil.example", "https://evil.example/", "evil.example", "javascript:alert(1)",
    "/team\nSet-Cookie: x=1", "/\u0000/evil.example", "", null, 42,
  ])("refuses %j and falls back to the front page", (target) => {
    expect(safeRedirect(target, "/", request)).toBe("/");
  });

  it.each([
    ["/team?unit=7", "/team?unit=7"],
    ["/plans/12#items", "/plans/12#items"],
    ["/wellbeing?unit=3&x=%2F%2Fevil", "/wellbeing?unit=3&x=%2F%2Fevil"],
    ["/a/../organisation", "/organisation"],
  ])("keeps the same-site path %j as %j", (target, expected) => {
    expect(safeRedirect(target, "/", request)).toBe(expected);
  });

  it("resolves against the site's own origin without a request too", () => {
    expect(safeRedirect("/team")).toBe("/team");
    expect(safeRedirect("/\t/evil.example")).toBe("/");
  });
});
