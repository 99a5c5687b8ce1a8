import { describe, expect, it } from "vitest";
import { mergeOs2mo, recordsOf, REGISTRATION_OVERLAP_MINUTES, registeredSince, storedState } from "../../connectors/os2mo/incremental";

const unit = (uuid: string, name: string) => ({ uuid, validities: [{ name }] });

describe("OS2mo incremental state", () => {
  it("reads everything without a usable stored state", () => {
    expect(registeredSince(storedState(null))).toBeNull();
    // A state from before incremental syncs (the adapter kept none) or a malformed one.
    expect(storedState({ fingerprint: "x" })).toBeNull();
    expect(storedState({ readAt: "yesterday", orgUnits: {}, engagements: {}, managers: {} })).toBeNull();
  });

  it("asks from the last successful read less the overlap", () => {
    const state = storedState({ readAt: "2024-12-01T02:00:00.000Z", orgUnits: {}, engagements: {}, managers: {} });
    expect(registeredSince(state)).toBe(new Date(Date.parse("2024-12-01T02:00:00.000Z") - REGISTRATION_OVERLAP_MINUTES * 60_000).toISOString());
  });

  it("replaces read objects by uuid and keeps the others", () => {
    const first = mergeOs2mo(null, { orgUnits: [unit("a", "A"), unit("b", "B")], engagements: [], managers: [] }, "2024-12-01T02:00:00.000Z");
    const second = mergeOs2mo(first, { orgUnits: [unit("b", "B2"), unit("c", "C")], engagements: [], managers: [] }, "2024-12-02T02:00:00.000Z");
    expect(recordsOf(second).orgUnits).toEqual([unit("a", "A"), unit("b", "B2"), unit("c", "C")]);
    expect(second.readAt).toBe("2024-12-02T02:00:00.000Z");
    // The earlier state is not changed by the merge (a failed sync keeps it).
    expect(recordsOf(first).orgUnits).toEqual([unit("a", "A"), unit("b", "B")]);
    expect(storedState(JSON.parse(JSON.stringify(second)))).toEqual(second);
  });

  it("a read object without a uuid is a bad record", () => {
    expect(() => mergeOs2mo(null, { orgUnits: [{ validities: [] }], engagements: [], managers: [] }, "2024-12-01T02:00:00.000Z")).toThrow(/no uuid/);
  });
});
