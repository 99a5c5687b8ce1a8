// Whole rendered pages kept per web process in front of Remix (docs/decisions/0019): a hit answers
// GET /team and GET /teams without running the loaders or React. What every request still does,
// hit or miss: the session lookup and the user's grants (getOptionalPrincipal), the route's guard
// (the capabilities the loader checked, asked again of this request's principal), and the audit
// of shown names (recordNameRead). Anything else — signed out, refused, an address a loader
// logs per request, a page that sets a cookie — goes to Remix as if there were no cache.
//
// The key is everything the HTML depends on besides the page data: the address (path and query),
// the user (the header shows their name and e-mail, the page their own action items), the
// grants (every capability's scope: the permission flags), the language, the unread count of the
// header, and the business day; the page data version is the cache's generation (a write to any
// table the pages read empties it, as db/infra/page-cache.ts does for the data). This module is
// imported by server.ts only: the Remix build has its own copy of every app module, so the
// loaders and entry.server.tsx reach it through the load context (RenderedPageSlot).
import { createHash } from "node:crypto";
import zlib from "node:zlib";
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from "express";
import type { Database } from "../../db/client";
import { readViewer, type Viewer } from "../../db/infra/viewer";
import { principalFromGrants } from "../../db/principal";
import { recordNameReads, type NameRead } from "../../db/privacy/name-reads";
import type { NameReadKind } from "../../db/privacy/kinds";
import { can, type Capability, type Principal } from "../../domain/access";
import { businessDate } from "../../env";
import { getLang } from "./lang.server";
import { getSession, sessionTimeouts } from "./session.server";

/** What a hit must do again, as the loader that rendered the page did it. */
export interface PageRecipe {
  /** Each capability the loader required (on the unit, when given): all are asked again on a hit. */
  guards: { capability: Capability; unitId?: number | null }[];
  /** The name read the loader logged, logged again for every hit (null: the page shows no names). */
  nameRead: { kind: NameReadKind; unitId: number | null; subjects: number } | null;
}

/**
 * Handed to Remix in the load context on a miss. The loader calls `allow` when its page may be
 * kept (and with what a hit must redo); entry.server.tsx calls `keep` with the whole HTML.
 */
export interface RenderedPageSlot {
  /** The principal this request's cache key was made from: the loaders use it rather than read it again. */
  principal: Promise<Principal | null>;
  allow(recipe: PageRecipe): void;
  keep(html: string, nonce: string | undefined, headers: Headers): void;
}

/** Paths whose pages are kept (their loaders call slot.allow). */
export const CACHED_PATHS = new Set(["/team", "/teams"]);
/** Query parameters that never come from the cache: Remix's data requests, and the caseworker detail (a name read per request). */
const UNCACHED_PARAMS = ["_data", "caseworker"];

/** Bounds per process: entries and characters of HTML, least recently used dropped first. */
export const RENDERED_PAGE_ENTRIES = 1000;
export const RENDERED_PAGE_CHARS = 64 * 1024 * 1024;
const MAX_PAGE_CHARS = 2 * 1024 * 1024;

interface Entry {
  /** The HTML cut at the nonce it was rendered with (UTF-8): joined with a fresh one per response. */
  parts: Buffer[];
  /** Each part deflated on its own, ending byte-aligned (a sync flush): see gzipPage. */
  deflated: Buffer[];
  chars: number;
  recipe: PageRecipe;
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
/** The last block: empty, stored, final. */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

/** The page for this response: the parts joined with its nonce. */
export function identityPage(entry: Pick<Entry, "parts">, nonce: string): Buffer {
  const n = Buffer.from(nonce);
  return Buffer.concat(entry.parts.flatMap((part, i) => (i === 0 ? [part] : [n, part])));
}

/**
 * The same page gzipped without compressing it again: one gzip member whose deflate stream is
 * the parts' deflated blocks with the nonce between them as a stored block (each part's deflate
 * ends byte-aligned by its sync flush, where a stored block may start), an empty final block,
 * and the CRC-32 and length of this response's bytes. The nonce differs per response; the rest
 * is compressed once, when the page is kept.
 */
export function gzipPage(entry: Pick<Entry, "parts" | "deflated">, nonce: string): Buffer {
  const n = Buffer.from(nonce);
  const stored = Buffer.alloc(5);
  stored.writeUInt8(0x00, 0);
  stored.writeUInt16LE(n.length, 1);
  stored.writeUInt16LE(~n.length & 0xffff, 3);
  const chunks: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  entry.parts.forEach((part, i) => {
    if (i > 0) {
      chunks.push(stored, n);
      crc = crc32(n, crc);
      size += n.length;
    }
    chunks.push(entry.deflated[i]);
    crc = crc32(part, crc);
    size += part.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  chunks.push(FINAL_BLOCK, trailer);
  return Buffer.concat(chunks);
}

/** zlib.crc32 gives 0, not the running value, for an empty buffer (zlib's "no buffer: initial value"). */
function crc32(data: Buffer, crc: number): number {
  return data.length === 0 ? crc : zlib.crc32(data, crc);
}

function deflatePart(part: Buffer): Buffer {
  return zlib.deflateRawSync(part, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

/** Pages of one data version at a time, bounded by entries and characters. */
export class RenderedPages {
  private version = -Infinity;
  private chars = 0;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = RENDERED_PAGE_ENTRIES, private readonly maxChars = RENDERED_PAGE_CHARS) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry for `key` at `version`; a newer version empties the cache first. */
  get(version: number, key: string): Entry | undefined {
    this.advance(version);
    if (version !== this.version) return undefined;
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(version: number, key: string, html: string, nonce: string | undefined, recipe: PageRecipe): void {
    this.advance(version);
    // A page of an older version may already be stale: not kept under a key nobody reads again.
    if (version !== this.version || html.length > MAX_PAGE_CHARS) return;
    const old = this.entries.get(key);
    if (old) {
      this.chars -= old.chars;
      this.entries.delete(key);
    }
    const parts = (nonce ? html.split(nonce) : [html]).map((p) => Buffer.from(p));
    this.entries.set(key, { parts, deflated: parts.map(deflatePart), chars: html.length, recipe });
    this.chars += html.length;
    while (this.entries.size > this.maxEntries || this.chars > this.maxChars) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.entries.delete(oldestKey);
      this.chars -= oldest.chars;
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  private advance(version: number): void {
    if (version > this.version) {
      this.clear();
      this.version = version;
    }
  }
}

/**
 * The grants as read (roles with their units and committees, the committees' roots): with the
 * unit tree, which the data version covers, they decide every capability's scope.
 */
export function grantsFingerprint(viewer: Pick<Viewer, "grants" | "committeeUnits">): string {
  return JSON.stringify([viewer.grants, viewer.committeeUnits]);
}

/** The cache key of a page for this viewer (the data version is the cache's generation, not in the key). */
export function renderedPageKey(parts: { pathAndQuery: string; viewer: Viewer; lang: string; day: string }): string {
  const { user, unread } = parts.viewer;
  return createHash("sha256")
    .update(JSON.stringify([parts.pathAndQuery, user.id, user.displayName, user.email, user.language, user.employeeId, parts.lang, unread, parts.day]))
    .update("\n")
    .update(grantsFingerprint(parts.viewer))
    .digest("base64url");
}

/**
 * Principals by grants and data version: resolving the scopes reads the unit tree below the
 * grants' roots, which only a write under a new data version changes.
 */
class Principals {
  private version = -Infinity;
  private readonly byGrants = new Map<string, Promise<Principal>>();

  get(db: Database, viewer: Viewer): Promise<Principal> {
    if (viewer.version > this.version) {
      this.byGrants.clear();
      this.version = viewer.version;
    }
    const key = JSON.stringify([viewer.user, grantsFingerprint(viewer)]);
    if (viewer.version < this.version) return principalFromGrants(db, viewer.user, viewer.grants, viewer.committeeUnits);
    let principal = this.byGrants.get(key);
    if (!principal) {
      principal = principalFromGrants(db, viewer.user, viewer.grants, viewer.committeeUnits);
      this.byGrants.set(key, principal);
      principal.catch(() => this.byGrants.delete(key));
      if (this.byGrants.size > RENDERED_PAGE_ENTRIES) this.byGrants.delete(this.byGrants.keys().next().value!);
    }
    return principal;
  }
}

/**
 * The name-read log of hits, written before each page is sent, as the loader writes it: a read
 * that arrives while a write is under way waits for the next one, which takes every read waiting
 * (one statement and one commit for all of them instead of one each).
 */
class NameReadLog {
  private waiting: { read: NameRead; done: (error?: unknown) => void }[] = [];
  private writing = false;

  record(db: Database, read: NameRead): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ read, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.writing) void this.write(db);
    });
  }

  private async write(db: Database): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await recordNameReads(db, batch.map((w) => w.read));
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.done(error ?? new Error("name read not logged"));
      }
    }
    this.writing = false;
  }
}

/** businessDate(), read at most once a second (it parses the environment each time). */
let day = { at: "", value: "" };
function today(): string {
  const at = `${Math.floor(Date.now() / 1000)} ${process.env.APP_TODAY ?? ""}`;
  if (at !== day.at) day = { at, value: businessDate() };
  return day.value;
}

/** Whether this request may be answered from (or fill) the cache at all. */
export function cacheableRequest(req: ExpressRequest): boolean {
  if (req.method !== "GET" || !CACHED_PATHS.has(req.path)) return false;
  const query = new URL(req.originalUrl, "http://page.invalid").searchParams;
  return !UNCACHED_PARAMS.some((p) => query.has(p));
}

/**
 * Express middleware in front of the Remix handler. A hit is sent here; a miss (or anything the
 * cache does not answer) goes on to Remix with `res.locals.renderedPageSlot` for it to fill.
 */
export function serveRenderedPages(getDb: () => Database, pages = new RenderedPages()) {
  const principals = new Principals();
  const nameReads = new NameReadLog();
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction): Promise<void> => {
    if (!cacheableRequest(req)) return next();
    try {
      const db = getDb();
      const url = new URL(req.originalUrl, "http://page.invalid");
      // Only the cookie header is read (session, language), as the loaders read it.
      const request = new Request(url, { headers: { cookie: req.get("cookie") ?? "" } });
      const sid = (await getSession(request)).get("sid");
      const viewer = typeof sid === "string" ? await readViewer(db, sid, sessionTimeouts()) : null;
      // Signed out (or the session ended): Remix sends the login redirect, exactly as without the cache.
      if (!viewer) return next();
      const principalRead = principals.get(db, viewer);
      const [principal, lang] = await Promise.all([principalRead, getLang(request, viewer.user.language)]);
      const { version } = viewer;
      const key = renderedPageKey({ pathAndQuery: `${url.pathname}${url.search}`, viewer, lang, day: today() });
      const entry = pages.get(version, key);
      // The guard, asked of this request's principal: a refusal is Remix's own answer (403).
      if (entry && entry.recipe.guards.every((g) => can(principal, g.capability, g.unitId))) {
        if (entry.recipe.nameRead) await nameReads.record(db, { userId: principal.user.id, ...entry.recipe.nameRead });
        const nonce = (res.locals.cspNonce as string | undefined) ?? "";
        // Compressed here, not by the compression middleware (which leaves an encoded body alone).
        const gzip = req.acceptsEncodings("gzip", "identity") === "gzip";
        const body = gzip ? gzipPage(entry, nonce) : identityPage(entry, nonce);
        res.status(200).type("html").set("X-Page-Cache", "hit").vary("Accept-Encoding");
        if (gzip) res.set("Content-Encoding", "gzip");
        res.set("Content-Length", String(body.length)).end(body);
        return;
      }
      let recipe: PageRecipe | null = null;
      const slot: RenderedPageSlot = {
        principal: principalRead,
        allow(r) {
          recipe = r;
        },
        keep(html, nonce, headers) {
          // A response that sets a cookie is never kept (nor its cookie sent to someone else).
          if (!recipe || headers.has("set-cookie")) return;
          pages.set(version, key, html, nonce, recipe);
        },
      };
      res.locals.renderedPageSlot = slot;
      next();
    } catch (error) {
      next(error);
    }
  };
}
