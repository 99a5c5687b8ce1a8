// The environment variables whose bad values used to be ignored or caught late (APP_TODAY,
// DEMO_SCALE, WORKER_*): env.ts refuses them at start, naming the variable and the value.
import { afterEach, describe, expect, it } from "vitest";
import { businessDate, clockNow, env, resetEnvCache } from "../../env";
import { todayInCopenhagen } from "../../domain/calendar";

const KEYS = ["APP_TODAY", "DEMO_SCALE", "WORKER_LOCK_DURATION_MS", "WORKER_STALLED_INTERVAL_MS", "WORKER_CONCURRENCY"] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

function setEnv(values: Partial<Record<(typeof KEYS)[number], string>>): void {
  for (const key of KEYS) delete process.env[key];
  Object.assign(process.env, values);
  resetEnvCache();
}

afterEach(() => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetEnvCache();
});

describe("APP_TODAY", () => {
  it("fixes the business date and the clock at noon UTC of that day", () => {
    setEnv({ APP_TODAY: "2025-03-15" });
    expect(businessDate()).toBe("2025-03-15");
    expect(clockNow().toISOString()).toBe("2025-03-15T12:00:00.000Z");
  });

  it("unset or empty, follows the real clock", () => {
    for (const value of [undefined, ""]) {
      setEnv(value === undefined ? {} : { APP_TODAY: value });
      const before = todayInCopenhagen(new Date());
      expect([before, todayInCopenhagen(new Date())]).toContain(businessDate());
      expect(env().APP_TODAY).toBeUndefined();
    }
  });

  it.each(["2025-02-30", "15-03-2025", "2025-3-15", "today"])("refuses %s at start and on the clock, naming the variable", (value) => {
    setEnv({ APP_TODAY: value });
    const message = new RegExp(`APP_TODAY: expected a calendar date YYYY-MM-DD \\(got "${value}"\\)`);
    expect(() => env()).toThrow(message);
    expect(() => clockNow()).toThrow(message);
    expect(() => businessDate()).toThrow(message);
  });
});

describe("DEMO_SCALE", () => {
  it("defaults to the full demo (also when empty) and accepts small", () => {
    setEnv({});
    expect(env().DEMO_SCALE).toBe("full");
    setEnv({ DEMO_SCALE: "" });
    expect(env().DEMO_SCALE).toBe("full");
    setEnv({ DEMO_SCALE: "small" });
    expect(env().DEMO_SCALE).toBe("small");
  });

  it("refuses anything else, naming the value", () => {
    setEnv({ DEMO_SCALE: "huge" });
    expect(() => env()).toThrow(/DEMO_SCALE: .*"huge"/);
  });
});

describe("WORKER_*", () => {
  it("defaults to BullMQ's 30 s lock and stall check, one job at a time", () => {
    setEnv({});
    expect(env()).toMatchObject({ WORKER_LOCK_DURATION_MS: 30_000, WORKER_STALLED_INTERVAL_MS: 30_000, WORKER_CONCURRENCY: 1 });
    setEnv({ WORKER_LOCK_DURATION_MS: "2000", WORKER_STALLED_INTERVAL_MS: "1000", WORKER_CONCURRENCY: "4" });
    expect(env()).toMatchObject({ WORKER_LOCK_DURATION_MS: 2000, WORKER_STALLED_INTERVAL_MS: 1000, WORKER_CONCURRENCY: 4 });
  });

  it.each([
    ["WORKER_LOCK_DURATION_MS", "30s"],
    ["WORKER_STALLED_INTERVAL_MS", "0"],
    ["WORKER_CONCURRENCY", "-1"],
    ["WORKER_CONCURRENCY", "1.5"],
  ] as const)("refuses %s=%s", (key, value) => {
    setEnv({ [key]: value });
    expect(() => env()).toThrow(new RegExp(`${key}: .*\\(got "${value}"\\)`));
  });
});

describe("the refusal message", () => {
  it("names a secret-like variable without echoing its value", () => {
    const savedKey = process.env.PSEUDONYMISATION_KEY;
    try {
      process.env.PSEUDONYMISATION_KEY = "too-short-1234";
      resetEnvCache();
      expect(() => env()).toThrow(/PSEUDONYMISATION_KEY: /);
      expect(() => env()).not.toThrow(/too-short-1234/);
    } finally {
      if (savedKey === undefined) delete process.env.PSEUDONYMISATION_KEY;
      else process.env.PSEUDONYMISATION_KEY = savedKey;
    }
  });
});
