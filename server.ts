// The web server: Express around the Remix build, with the security a municipality expects:
// security headers and an enforced CSP with a per-request nonce, a refusal of cross-origin writes
// (403 rather than the 500 Remix throws), request-body limits before any parsing, pages that leak
// nothing when something fails. Login rate limiting lives in the login action (app/lib/rate-limit.server.ts),
// which receives the client address through the load context.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import compression from "compression";
import helmet from "helmet";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { env } from "./env";
import { closeDb, getDb } from "./db/client";
import { startJobRuntime } from "./jobs/runtime";
import { recordOversizeUploads, requireFormBody, useRequestGuards } from "./request-guards";
import { recordOversizeUpload } from "./app/lib/imports.server";
import { serveRenderedPages, type RenderedPageSlot } from "./app/lib/rendered-pages.server";

const root = path.dirname(fileURLToPath(import.meta.url));

/** Ordinary forms are small; only the import pages take files (up to IMPORT_MAX_BYTES). */
export const FORM_MAX_BYTES = 1024 * 1024;
const UPLOAD_PATH_PREFIXES = ["/imports"];
/** Evidence uploads on a plan (EVIDENCE_MAX_BYTES), with room for the multipart envelope. */
const EVIDENCE_UPLOAD_PATH = /^\/plans\/\d+\/evidence$/;
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const PAGES = {
  400: ["Ugyldig forespørgsel", "Adressen eller forespørgslen kunne ikke forstås."],
  403: ["Ingen adgang", "Forespørgslen kom fra et andet websted og blev afvist."],
  411: ["Størrelsen mangler", "Forespørgslen skal oplyse sin størrelse (Content-Length)."],
  413: ["For stor forespørgsel", "Forespørgslen eller filen er større end tilladt"],
  500: ["Der opstod en fejl", "Noget gik galt hos os. Prøv igen om lidt."],
} as const;

/** A bare Danish page for answers given before Remix: no scripts, nothing about the internals. */
function sendPage(res: Response, status: keyof typeof PAGES, detail = ""): void {
  const [title, body] = PAGES[status];
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${title}</title></head>` +
        `<body><main><h1>${title}</h1><p>${body}${detail}</p><p><a href="/">Til forsiden</a></p></main></body></html>`,
    );
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Rejects over-large bodies from the declared length, before a byte of them is read. */
export function limitBodySize(importMaxBytes: number, evidenceMaxBytes: number = FORM_MAX_BYTES) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    const isUpload = UPLOAD_PATH_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`) || req.path.startsWith(`${prefix}.`));
    const isEvidence = EVIDENCE_UPLOAD_PATH.test(req.path);
    const limit = isUpload ? importMaxBytes : isEvidence ? evidenceMaxBytes + MULTIPART_OVERHEAD_BYTES : FORM_MAX_BYTES;
    const declared = req.get("content-length");
    // Without a length (chunked), the limit could only be enforced mid-stream inside Remix;
    // browsers always declare it for forms and files, so such requests are refused.
    if (declared === undefined) {
      if (req.get("transfer-encoding")) return sendPage(res, 411);
      return next();
    }
    const bytes = Number(declared);
    if (!Number.isFinite(bytes) || bytes < 0) return sendPage(res, 411);
    if (bytes > limit) {
      res.set("Connection", "close");
      return sendPage(res, 413, ` (højst ${formatMegabytes(limit)}).`);
    }
    next();
  };
}

function formatMegabytes(bytes: number): string {
  return `${new Intl.NumberFormat("da-DK", { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

async function loadBuild(dir: string): Promise<ServerBuild> {
  const file = path.join(dir, "index.js");
  if (!fs.existsSync(file)) throw new Error(`No server build at ${file}: run "npm run build" first.`);
  return (await import(pathToFileURL(file).href)) as ServerBuild;
}

export interface AppOptions {
  /** The Remix server build (default build/); a test can serve a private copy of it. */
  buildDir?: string;
  /** The browser assets of the same build (default public/build). */
  assetsDir?: string;
}

export async function createApp(options: AppOptions = {}): Promise<Express> {
  // Configuration errors (e.g. SESSION_SECRET unset in production) stop the start, not a request.
  const config = env();
  const build = await loadBuild(options.buildDir ?? path.join(root, "build"));
  const production = config.NODE_ENV === "production";
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          // recharts and React set style attributes; no inline <style> elements are rendered.
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'"],
          // Logout (a form) redirects to the OIDC provider's end_session_endpoint: allow its origin.
          "form-action": ["'self'", ...(config.OIDC_ISSUER ? [new URL(config.OIDC_ISSUER).origin] : [])],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'self'"],
          "object-src": ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "same-origin" },
      strictTransportSecurity: production,
    }),
  );
  app.use((_req, res, next) => {
    res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    next();
  });

  app.use("/build", express.static(options.assetsDir ?? path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  // Browsers ask for /favicon.ico whatever the page links; answer with the SVG icon.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

  // Everything past the static files is personal data: never kept by a browser or proxy cache.
  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });
  useRequestGuards(app, config.TRUSTED_PROXIES, (r, status) => sendPage(r, status));
  app.use(recordOversizeUploads(config.IMPORT_MAX_BYTES, (upload) => recordOversizeUpload(getDb(), upload)));
  app.use(limitBodySize(config.IMPORT_MAX_BYTES, config.EVIDENCE_MAX_BYTES));
  app.use(requireFormBody((r, status) => sendPage(r, status)));

  // The team page and the all-teams view from the rendered-page cache (docs/decisions/0019):
  // session, guard and name-read log on every request, Remix and React only on a miss.
  app.use(serveRenderedPages(getDb));

  app.all(
    "*",
    createRequestHandler({
      build,
      // Always production mode: development mode serialises error stacks into the page, and a
      // page must never show internals. Errors are still logged on the server.
      mode: "production",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string, clientIp: req.ip, requestMemo: {},
        renderedPageSlot: res.locals.renderedPageSlot as RenderedPageSlot | undefined,
      }),
    }),
  );

  // Express's default error handler prints the stack trace in development; never show it.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    // A malformed percent-encoding in the address is the client's mistake, not ours.
    if (error instanceof URIError) return sendPage(res, 400);
    console.error(error);
    sendPage(res, 500);
  });
  return app;
}

export async function startServer(): Promise<{ url: string; close(): Promise<void> }> {
  const app = await createApp();
  const { PORT, HOST } = env();
  return new Promise((resolve, reject) => {
    const server = app.listen(PORT, HOST, () => {
      resolve({
        url: `http://${HOST === "0.0.0.0" ? "localhost" : HOST}:${PORT}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
    server.once("error", reject);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  startServer()
    .then(async ({ url, close }) => {
      // Without REDIS_URL the jobs run in this process; with it, this process only dispatches
      // recompute requests and `npm run worker` processes do the work.
      const jobs = await startJobRuntime(getDb());
      console.log(`Listening on ${url} (jobs: ${jobs.mode})`);
      const shutdown = async () => {
        await close();
        await jobs.stop();
        await closeDb();
        process.exit(0);
      };
      process.once("SIGTERM", shutdown);
      process.once("SIGINT", shutdown);
    })
    .catch((error: unknown) => {
      // One readable message, no stack: this is what an operator sees when start-up fails.
      console.error(`Server not started: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
