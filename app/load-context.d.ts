import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    /** The client's address as Express resolved it (trusting only a proxy on loopback). */
    clientIp?: string;
  }
}
