// Defence in depth in front of Remix (issue #13): writes from another site are refused by the
// browser's own Fetch Metadata and by an Origin check on scheme and host; the forwarded headers
// of a reverse proxy count only from the proxies configured in TRUSTED_PROXIES; a write whose body
// is not a form is a 400, never a 500 from deep inside an action.
import type { Express, NextFunction, Request, Response } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];
/** The SAML ACS is posted to by the identity provider's page: the signed assertion is its proof. */
const CROSS_SITE_POST_PATHS = new Set(["/auth/saml/acs"]);

/**
 * Express's "trust proxy" from TRUSTED_PROXIES: "none", "loopback" (a proxy on the same host, the
 * default, as the server binds to 127.0.0.1) or a comma-separated list of addresses and subnets.
 */
export function trustProxySetting(value: string): string | false {
  const v = value.trim();
  if (v === "" || v === "none") return false;
  return v;
}

/** The scheme and host the browser addressed: X-Forwarded-* only when Express trusts the hop. */
export function requestOrigin(req: Request): string | null {
  const trust = req.app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean;
  const forwarded = trust(req.socket.remoteAddress, 0) ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || req.get("host");
  if (!host) return null;
  // req.protocol honours X-Forwarded-Proto only from a trusted proxy, too.
  return `${req.protocol}://${host}`.toLowerCase();
}

type Refuse = (res: Response, status: 400 | 403) => void;

/**
 * Refuses a write that a browser says comes from another site (Sec-Fetch-Site: cross-site), or
 * whose Origin is "null", unparsable, or differs from this site in scheme or host.
 */
export function refuseCrossSite(refuse: Refuse) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method) || CROSS_SITE_POST_PATHS.has(req.path)) return next();
    if (req.get("sec-fetch-site") === "cross-site") return refuse(res, 403);
    const origin = req.get("origin");
    if (origin === undefined) return next();
    let theirs: string | null = null;
    try {
      theirs = origin === "null" ? null : new URL(origin).origin.toLowerCase();
    } catch {
      theirs = null;
    }
    if (theirs === null || theirs !== requestOrigin(req)) return refuse(res, 403);
    next();
  };
}

/** Every action here reads a form: any other body (JSON, text) is refused before it. */
export function requireFormBody(refuse: Refuse) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    const length = req.get("content-length");
    const hasBody = req.get("transfer-encoding") !== undefined || (length !== undefined && length !== "0");
    if (!hasBody) return next();
    const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!FORM_TYPES.includes(type)) return refuse(res, 400);
    next();
  };
}

/** Applies the proxy trust and the cross-site refusal (before the body limits). */
export function useRequestGuards(app: Express, trustedProxies: string, refuse: Refuse): void {
  app.set("trust proxy", trustProxySetting(trustedProxies));
  app.use(refuseCrossSite(refuse));
}

/** The upload path (the imports page and its single-fetch data URL). */
export function isUploadPath(path: string): boolean {
  return path === "/imports" || path.startsWith("/imports/") || path.startsWith("/imports.");
}

export interface OversizeUpload {
  cookie: string | undefined;
  kind: string | null;
  fileName: string | null;
  declared: number;
}

/** How much of a refused upload is read to find its kind and file name (the form lists them first). */
const PEEK_BYTES = 64 * 1024;
const PEEK_WAIT_MS = 2000;

/**
 * Before the body limit refuses an upload by its declared length, reads its first bytes for the
 * form's kind and file name and hands them to `record` (which leaves an import-history row when
 * the sender may import); the limit then answers 413 and closes the connection.
 */
export function recordOversizeUploads(limit: number, record: (upload: OversizeUpload) => Promise<unknown>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method) || !isUploadPath(req.path)) return next();
    const declared = Number(req.get("content-length"));
    if (!Number.isFinite(declared) || declared <= limit) return next();
    if (!(req.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // A sender that waits for an answer before sending its body gets one soon anyway.
    const timer = setTimeout(() => finish(), PEEK_WAIT_MS);
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", finish);
      req.pause();
      const head = Buffer.concat(chunks).toString("utf8");
      const kind = /name="kind"\r\n\r\n([^\r\n]{0,40})\r\n/.exec(head)?.[1] ?? null;
      const fileName = /name="file"; filename="([^"\r\n]{0,300})"/.exec(head)?.[1] ?? null;
      record({ cookie: req.get("cookie"), kind, fileName, declared })
        .catch((error: unknown) => console.error(error instanceof Error ? error.message : error))
        .finally(() => next());
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= PEEK_BYTES || /filename="[^"]*"/.test(chunk.toString("utf8"))) finish();
    };
    req.on("data", onData);
    req.on("end", finish);
  };
}
