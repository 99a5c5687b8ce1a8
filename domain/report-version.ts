// Which version of the report back a signature is for: a SHA-256 of the report's content in a
// stable form. The day it is printed and the sign-offs themselves are not content; everything AT
// reads about the plan (facts, focus points, items, evidence notes and files, reviews) is.
import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function reportVersion(content: { plan: unknown; focusPoints: unknown; reviews: unknown }): string {
  return createHash("sha256").update(stableJson({ plan: content.plan, focusPoints: content.focusPoints, reviews: content.reviews })).digest("hex");
}

/** The first 12 hex digits: what the page and the printed report show as the version. */
export function shortVersion(hash: string): string {
  return hash.slice(0, 12);
}
