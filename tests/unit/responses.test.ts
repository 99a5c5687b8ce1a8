// Thrown answers of loaders and actions: the status the caller asked for, a Danish plain-text body.
import { describe, expect, it } from "vitest";
import { badRequest, invariantResponse, notFound, textResponse } from "../../app/lib/responses.server";

function thrown(fn: () => void): Response {
  try {
    fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("nothing thrown");
}

describe("invariantResponse", () => {
  it("returns quietly when the condition holds", () => {
    expect(() => invariantResponse({ id: 1 }, "Ikke fundet", { status: 404 })).not.toThrow();
  });

  it("throws 400 with a Danish sentence by default", async () => {
    const res = thrown(() => invariantResponse(false));
    expect(res.status).toBe(400);
    expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe("Ugyldig forespørgsel.");
  });

  it("throws the given status and message", async () => {
    const res = thrown(() => invariantResponse(null, "Mailen findes ikke", { status: 404 }));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("Mailen findes ikke");
  });
});

describe("notFound, badRequest, textResponse", () => {
  it("answer 404 and 400 in Danish plain text", async () => {
    const nf = notFound();
    expect([nf.status, await nf.text(), nf.headers.get("Content-Type")]).toEqual([404, "Siden findes ikke.", "text/plain; charset=utf-8"]);
    expect(await notFound("Filen findes ikke.").text()).toBe("Filen findes ikke.");
    const br = badRequest("Ugyldigt filter");
    expect([br.status, await br.text()]).toEqual([400, "Ugyldigt filter"]);
  });

  it("keeps extra headers beside the plain-text type", () => {
    const res = textResponse("Ingen adgang", 403, { headers: { "Cache-Control": "no-store" } });
    expect(res.status).toBe(403);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
  });
});
