import "@remix-run/node";
import type { RenderedPageSlot } from "./lib/rendered-pages.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    /** The client's address as Express resolved it (trusting only a proxy on loopback). */
    clientIp?: string;
    /**
     * One new object per request: per-request memos (the guard's principal) are kept by it, so
     * the root loader and the page's loader read the session user and grants once between them.
     */
    requestMemo?: object;
    /**
     * On a miss of the rendered-page cache (server.ts, app/lib/rendered-pages.server.ts): the
     * principal the cache key was made from, and where the loader and entry.server.tsx hand the page.
     */
    renderedPageSlot?: RenderedPageSlot;
  }
}
