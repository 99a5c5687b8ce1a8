import "@remix-run/node";

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
  }
}
