// The request guards in front of Remix (request-guards.ts), on a real Express app on 127.0.0.1.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import express from "express";
import { requireFormBody, useRequestGuards } from "../../request-guards";

const servers: Server[] = [];

async function serve(trustedProxies: string): Promise<string> {
  const app = express();
  useRequestGuards(app, trustedProxies, (res, status) => void res.status(status).send(`refused ${status}`));
  app.use(requireFormBody((res, status) => void res.status(status).send(`refused ${status}`)));
  app.all("*", (req, res) => void res.send(`ok ${req.ip}`));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let none: string;
let loopback: string;
beforeAll(async () => {
  none = await serve("none");
  loopback = await serve("loopback");
});
afterAll(() => {
  for (const s of servers) s.close();
});

const post = (base: string, headers: Record<string, string>, body = "a=1") =>
  fetch(`${base}/x`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body });

describe("request guards", () => {
  it("refuse a write the browser marks cross-site, even with a matching Origin", async () => {
    expect((await post(none, { Origin: none, "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await post(none, { Origin: none, "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    expect((await fetch(`${none}/x`, { headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(200); // a link from elsewhere
  });

  it("compare the Origin's scheme as well as its host", async () => {
    expect((await post(none, { Origin: none.replace("http:", "https:") })).status).toBe(403);
    expect((await post(none, { Origin: none })).status).toBe(200);
  });

  it("trust X-Forwarded-Host, -Proto and -For only from a configured proxy", async () => {
    const spoof = { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", "X-Forwarded-For": "10.9.9.9" };
    // Nobody is trusted: the forwarded headers are the client's own claims and change nothing.
    expect((await post(none, spoof)).status).toBe(403);
    expect(await (await fetch(`${none}/x`, { headers: { "X-Forwarded-For": "10.9.9.9" } })).text()).toBe("ok 127.0.0.1");
    // A proxy on this host is trusted: it says what the browser addressed.
    expect((await post(loopback, spoof)).status).toBe(200);
    expect(await (await fetch(`${loopback}/x`, { headers: { "X-Forwarded-For": "10.9.9.9" } })).text()).toBe("ok 10.9.9.9");
  });

  it("answer a JSON or text body to a form action with 400", async () => {
    expect((await post(none, { Origin: none, "Content-Type": "application/json" }, '{"intent":"x"}')).status).toBe(400);
    expect((await post(none, { Origin: none, "Content-Type": "text/plain" }, "a=1")).status).toBe(400);
    expect((await post(none, { Origin: none })).status).toBe(200);
    expect((await fetch(`${none}/x`, { method: "POST", headers: { Origin: none } })).status).toBe(200); // no body at all
  });
});
