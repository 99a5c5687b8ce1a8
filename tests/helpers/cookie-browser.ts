// A minimal browser for HTTP-level login tests: one cookie jar per host (name=value; deletion by
// Max-Age=0 or an expiry in the past), redirects followed by hand so a test can stop, inspect or
// tamper with any hop (the redirect to the provider, the callback with its state).
import net from "node:net";

export class CookieBrowser {
  private jar = new Map<string, Map<string, string>>();

  cookieHeader(url: string): string {
    const cookies = this.jar.get(new URL(url).host) ?? new Map();
    return [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(url: string, name: string): boolean {
    return this.jar.get(new URL(url).host)?.has(name) ?? false;
  }

  private store(url: string, response: Response): void {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    this.jar.set(host, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.split("=").map((s) => s.trim().toLowerCase());
        return (k === "max-age" && Number(v) <= 0) || (k === "expires" && v !== undefined && Date.parse(v) < Date.parse("2000-01-01"));
      });
      if (expired || value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
  }

  /** One request, no redirect following. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set("Cookie", cookie);
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(url, response);
    return response;
  }

  async post(url: string, fields: Record<string, string>, origin = new URL(url).origin): Promise<Response> {
    return this.request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: new URLSearchParams(fields),
    });
  }

  /** Follows redirects (GET) until a non-redirect answer or `stop` says so; returns the last URL and response. */
  async follow(url: string, stop: (url: URL) => boolean = () => false): Promise<{ url: string; response: Response }> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      const response = await this.request(current);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      const next = new URL(location, current).href;
      if (stop(new URL(next))) return { url: next, response };
      current = next;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}
