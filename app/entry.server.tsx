import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./lib/nonce";
import { cachedPage, keepPage, renderKey } from "./lib/render-cache.server";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  // A page rendered before from the same loader data is sent again with this response's nonce
  // (app/lib/render-cache.server.ts); the loaders, session and guard have run already.
  // The whole page goes to the rendered-page cache in front of Remix too, when the request came
  // through it and the loader allowed it (server.ts, app/lib/rendered-pages.server.ts).
  const slot = loadContext.renderedPageSlot;
  const key = renderKey(request, responseStatusCode, remixContext);
  if (key) {
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    const hit = cachedPage(key, nonce);
    if (hit !== null) {
      slot?.keep(hit, nonce, responseHeaders);
      return new Response(hit, { headers: responseHeaders, status: responseStatusCode });
    }
    return renderWhole(remixContext, request.url, nonce).then(({ html, status }) => {
      if (status === 200) {
        keepPage(key, html, nonce);
        slot?.keep(html, nonce, responseHeaders);
      }
      return new Response(html, { headers: responseHeaders, status });
    });
  }
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/** The whole page as one string (nothing deferred streams later: renderKey let only such pages through). */
function renderWhole(remixContext: EntryContext, url: string, nonce: string | undefined): Promise<{ html: string; status: number }> {
  return new Promise((resolve, reject) => {
    let status = 200;
    const chunks: Buffer[] = [];
    const body = new PassThrough();
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.on("end", () => resolve({ html: Buffer.concat(chunks).toString("utf8"), status }));
    body.on("error", reject);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
