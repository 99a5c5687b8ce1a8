// The in-process page cache: results kept under one data version at a time (db/infra/page-cache.ts).
import { describe, expect, it } from "vitest";
import { VersionedCache, deepFreeze } from "../../db/infra/page-cache";
import { teamPageKey } from "../../db/presenters/team";

/** A loader that counts its calls and answers with a fresh object naming the call. */
function counter() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    load: async () => ({ call: ++calls }),
  };
}

describe("VersionedCache", () => {
  it("answers a key again from memory while the version stays", async () => {
    const cache = new VersionedCache<{ call: number }>(10);
    const source = counter();
    const first = await cache.get(1, "team-4", source.load);
    const second = await cache.get(1, "team-4", source.load);
    expect(second).toBe(first);
    expect(source.calls).toBe(1);
  });

  it("loads every key again once a newer version is seen", async () => {
    const cache = new VersionedCache<{ call: number }>(10);
    const source = counter();
    await cache.get(1, "team-4", source.load);
    await cache.get(1, "team-5", source.load);
    expect(await cache.get(2, "team-4", source.load)).toEqual({ call: 3 });
    expect(cache.size).toBe(1);
    expect(await cache.get(2, "team-5", source.load)).toEqual({ call: 4 });
  });

  it("serves a request that read an older version without the cache and keeps nothing of it", async () => {
    const cache = new VersionedCache<{ call: number }>(10);
    const source = counter();
    const current = await cache.get(5, "team-4", source.load);
    expect(await cache.get(4, "team-4", source.load)).toEqual({ call: 2 });
    expect(await cache.get(5, "team-4", source.load)).toBe(current);
    expect(source.calls).toBe(2);
  });

  it("lets concurrent misses of one key share one load", async () => {
    const cache = new VersionedCache<{ call: number }>(10);
    const source = counter();
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.get(1, "team-4", source.load)));
    expect(source.calls).toBe(1);
    expect(new Set(results).size).toBe(1);
  });

  it("does not keep a failed load: the next request tries again", async () => {
    const cache = new VersionedCache<{ call: number }>(10);
    await expect(cache.get(1, "team-4", async () => { throw new Error("connection lost"); })).rejects.toThrow("connection lost");
    expect(cache.size).toBe(0);
    expect(await cache.get(1, "team-4", async () => ({ call: 7 }))).toEqual({ call: 7 });
  });

  it("drops the least recently used key beyond its bound", async () => {
    const cache = new VersionedCache<{ call: number }>(2);
    const source = counter();
    await cache.get(1, "a", source.load);
    await cache.get(1, "b", source.load);
    await cache.get(1, "a", source.load); // a is now more recent than b
    await cache.get(1, "c", source.load);
    expect(cache.size).toBe(2);
    await cache.get(1, "a", source.load);
    expect(source.calls).toBe(3);
    await cache.get(1, "b", source.load);
    expect(source.calls).toBe(4);
  });

  it("hands out frozen results, so one request cannot change what the next one is served", async () => {
    const cache = new VersionedCache<{ rows: { n: number }[] }>(10);
    const page = await cache.get(1, "team-4", async () => ({ rows: [{ n: 1 }] }));
    expect(() => page.rows.push({ n: 2 })).toThrow(TypeError);
    expect(() => { page.rows[0].n = 2; }).toThrow(TypeError);
  });
});

describe("deepFreeze", () => {
  it("freezes nested objects and arrays and leaves primitives alone", () => {
    const value = deepFreeze({ a: [{ b: 1 }], c: null, d: "x" });
    expect(Object.isFrozen(value.a[0])).toBe(true);
    expect(Object.isFrozen(value.a)).toBe(true);
  });
});

describe("teamPageKey", () => {
  const base = { unitId: 4, today: "2025-06-16", showCaseworkers: true, showNames: true };

  it("keeps the permission variants of one team apart", () => {
    const keys = new Set([
      teamPageKey(base),
      teamPageKey({ ...base, showCaseworkers: false }),
      teamPageKey({ ...base, showNames: false }),
      teamPageKey({ ...base, showCaseworkers: false, showNames: false }),
    ]);
    expect(keys.size).toBe(4);
  });

  it("differs by team, day and number of weeks, and reads the default of 26 weeks as 26", () => {
    const keys = new Set([
      teamPageKey(base), teamPageKey({ ...base, unitId: 5 }), teamPageKey({ ...base, today: "2025-06-17" }), teamPageKey({ ...base, weeks: 52 }),
    ]);
    expect(keys.size).toBe(4);
    expect(teamPageKey({ ...base, weeks: 26 })).toBe(teamPageKey(base));
  });
});
