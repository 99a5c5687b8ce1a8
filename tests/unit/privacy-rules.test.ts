import { describe, expect, it } from "vitest";
import {
  employeeIdDigest, isPseudonym, newPseudonymToken, nameReadLogCutoff, replaceableNames, retentionCutoff, wholeWordPattern,
} from "../../db/privacy/rules";

describe("retention cutoff", () => {
  it("is the day before the same date the set number of years ago", () => {
    expect(retentionCutoff("2026-12-02", 5)).toBe("2021-12-01");
    expect(retentionCutoff("2026-01-01", 1)).toBe("2024-12-31");
  });
  it("takes 1 March as the anniversary of 29 February in a year without one", () => {
    expect(retentionCutoff("2024-02-29", 1)).toBe("2023-02-28");
    expect(retentionCutoff("2024-02-29", 4)).toBe("2020-02-28");
  });
  it("keeps the name-read log for its days", () => {
    expect(nameReadLogCutoff("2026-12-02", 730)).toBe("2024-12-02");
  });
});

describe("tokens and digests", () => {
  it("gives each person a new random token that is never a CPR-like number", () => {
    const a = newPseudonymToken();
    expect(a).toMatch(/^anon-[0-9a-f]{16}$/);
    expect(newPseudonymToken()).not.toBe(a);
    expect(isPseudonym(a)).toBe(true);
    expect(isPseudonym("E100")).toBe(false);
  });
  it("hashes an old id with the key, so the same id is recognised and another key gives another digest", () => {
    expect(employeeIdDigest("E1", "k1")).toBe(employeeIdDigest("E1", "k1"));
    expect(employeeIdDigest("E1", "k1")).not.toBe(employeeIdDigest("E1", "k2"));
    expect(employeeIdDigest("E1", "k1")).not.toContain("E1");
  });
});

describe("name replacement", () => {
  it("matches whole words only and escapes regular-expression characters", () => {
    expect(wholeWordPattern("E1")).toBe("\\mE1\\M");
    expect(wholeWordPattern("a.b+c@x.dk")).toBe("\\ma\\.b\\+c@x\\.dk\\M");
    expect(wholeWordPattern("(Ole)")).toBe("\\(Ole\\)");
  });
  it("replaces long names first and leaves out names too short or unsafe to replace", () => {
    expect(replaceableNames(["Anna Berg", "Anna Berg Holm", "Bo", null, " ", 'A "x"', "Anna Berg"])).toEqual(["Anna Berg Holm", "Anna Berg"]);
  });
});
