// Presenter results kept in process memory under the page data version (migration 0011): every
// committed transaction that writes a table the cached pages read raises that one number, at
// commit, so reading it (one primary-key row) tells whether anything a page shows may have
// changed. A hit costs that lookup instead of the page's statement; a write is seen by the next
// request because the new number and the new rows become visible in the same commit.
//
// Keys hold what the presenter's result depends on (unit, day, and the permission flags that
// decide what it may contain), never who asked: callers authorise first and must put every
// permission-dependent input into the key.
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { preparedRows } from "./prepared";

export interface DataVersion {
  version: number;
  /**
   * False inside a transaction that has written something: its own uncommitted rows are visible
   * to it but the version has not moved yet (it moves at commit), so it must not read or fill the
   * cache.
   */
  cacheable: boolean;
}

/** The current page data version, and whether this connection's transaction may use the cache. */
export async function pageDataVersion(db: Database): Promise<DataVersion> {
  const [row] = await preparedRows<DataVersion>(db, "page_data_version", sql`
    select version::float8 as version, pg_current_xact_id_if_assigned() is null as cacheable
    from page_data_version where id = 1`);
  if (!row) throw new Error("page_data_version has no row: the migrations have not run");
  return row;
}

/** Objects handed to many requests at once: freezing makes a mutation fail loudly instead of leaking. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Results of one version at a time, least recently used dropped beyond `maxEntries`. Concurrent
 * misses of one key share one load, so the first requests after a write do not all run the
 * page's statement. A version older than the newest seen is served without the cache: its
 * result may already be stale, and storing it would put it under a key nobody reads again.
 */
export class VersionedCache<T> {
  private version = -Infinity;
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  async get(version: number, key: string, load: () => Promise<T>): Promise<T> {
    if (version < this.version) return load();
    if (version > this.version) {
      this.entries.clear();
      this.version = version;
    }
    const cached = this.entries.get(key);
    if (cached) {
      // Re-inserted: Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const loading = load().then(deepFreeze);
    this.entries.set(key, loading);
    loading.catch(() => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return loading;
  }
}

/**
 * The cache of one page: one VersionedCache per database handle, so a process that talks to two
 * databases (tests, the bench) never answers from one with the other's pages; their version
 * numbers say nothing about each other.
 */
export class PageCache<T> {
  private readonly byDb = new WeakMap<Database, VersionedCache<T>>();

  constructor(private readonly maxEntries: number) {}

  /** `load`'s result for `key`, from the cache when the data version allows it. */
  async get(db: Database, key: string, load: () => Promise<T>): Promise<T> {
    const { version, cacheable } = await pageDataVersion(db);
    if (!cacheable) return load();
    let cache = this.byDb.get(db);
    if (!cache) {
      cache = new VersionedCache<T>(this.maxEntries);
      this.byDb.set(db, cache);
    }
    return cache.get(version, key, load);
  }
}
