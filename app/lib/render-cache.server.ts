// Rendered pages kept per web process (docs/decisions/0017). Rendering the team page costs
// 10–14 ms of CPU; its loaders, from the page-data cache, about 1 ms. A page is kept under a key
// made of everything the render reads: the URL, the status and every route's loader data (which
// already holds unit, day, permission flags, language and the figures of the data version). Same
// key, same HTML, except the CSP nonce, which is set per response. Loaders (session, guard) run
// on every request before this is consulted: a hit only skips React. The team page and the
// all-teams view are answered before Remix, loaders included, by rendered-pages.server.ts (0019).
import { createHash } from "node:crypto";

/** Pages kept per process, least recently used dropped first. */
export const RENDER_CACHE_ENTRIES = 500;
/** A page larger than this is not kept (characters of HTML). */
const MAX_PAGE_CHARS = 2_000_000;

interface Entry {
  html: string;
  nonce: string | undefined;
}

const pages = new Map<string, Entry>();

/**
 * The key of a render, or null when it must not be kept: not a GET, an error page, data still
 * streaming (deferred promises), or an action's result.
 */
export function renderKey(request: Request, status: number, context: {
  staticHandlerContext: { loaderData: unknown; actionData?: unknown; errors?: unknown };
}): string | null {
  if (request.method !== "GET" || status !== 200) return null;
  const { loaderData, actionData, errors } = context.staticHandlerContext;
  if (errors || actionData) return null;
  let data: string;
  try {
    data = JSON.stringify(loaderData, (_key, value: unknown) => {
      if (value instanceof Promise) throw new Deferred();
      return value;
    });
  } catch (error) {
    if (error instanceof Deferred) return null;
    throw error;
  }
  const url = new URL(request.url);
  return createHash("sha256").update(`${url.pathname}${url.search}\n${status}\n`).update(data).digest("base64url");
}

class Deferred extends Error {}

/** The kept page for `key` with `nonce` put in place of the one it was rendered with. */
export function cachedPage(key: string, nonce: string | undefined): string | null {
  const entry = pages.get(key);
  if (!entry) return null;
  pages.delete(key);
  pages.set(key, entry);
  if (entry.nonce === nonce || !entry.nonce) return entry.html;
  return entry.html.split(entry.nonce).join(nonce ?? "");
}

export function keepPage(key: string, html: string, nonce: string | undefined): void {
  if (html.length > MAX_PAGE_CHARS) return;
  pages.set(key, { html, nonce });
  while (pages.size > RENDER_CACHE_ENTRIES) pages.delete(pages.keys().next().value!);
}

export function clearRenderCache(): void {
  pages.clear();
}
