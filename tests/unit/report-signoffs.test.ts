// The report back's version and its sign-offs: a change after signing voids the signatures; one
// person never signs as both; the filing waits for both signatures and the confirmation.
import { describe, expect, it } from "vitest";
import { reportVersion, stableJson } from "../../domain/report-version";
import { signoffProblem, signoffState, type SignerRights, type SignoffRecord } from "../../domain/signoffs";

const content = {
  plan: { id: 1, title: "Påbud", atThemes: ["workload_time_pressure"] },
  focusPoints: [{ id: 2, title: "Roller", items: [{ id: 3, status: "done", evidence: [], files: [{ id: 9, sha256: "ab" }] }] }],
  reviews: [],
};

function record(kind: SignoffRecord["kind"], userId: number, hash: string, signedAt: string, id = signedAt.length + userId): SignoffRecord {
  return { id, kind, userId, signerName: `U${userId}`, reportHash: hash, onDate: kind === "sent_to_at" || kind === "employees_informed" ? "2025-06-16" : null, signedAt };
}

const manager: SignerRights = { userId: 1, management: true, safetyRep: false, edit: true };
const rep: SignerRights = { userId: 2, management: false, safetyRep: true, edit: true };
const both: SignerRights = { userId: 3, management: true, safetyRep: true, edit: true };

describe("reportVersion", () => {
  it("does not depend on key order, and changes with any content", () => {
    const reordered = { reviews: [], focusPoints: content.focusPoints, plan: { atThemes: ["workload_time_pressure"], title: "Påbud", id: 1 } };
    expect(reportVersion(reordered)).toBe(reportVersion(content));
    const changed = structuredClone(content);
    changed.focusPoints[0].items[0].status = "verified";
    expect(reportVersion(changed)).not.toBe(reportVersion(content));
    expect(reportVersion(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes stable JSON without undefined fields", () => {
    expect(stableJson({ b: 1, a: [{ d: undefined, c: null }] })).toBe('{"a":[{"c":null}],"b":1}');
  });
});

describe("signoffState", () => {
  it("holds signatures given for the current version and voids those for an earlier one", () => {
    const state = signoffState([
      record("management", 1, "v1", "2025-06-10T09:00:00"),
      record("safety_rep", 2, "v2", "2025-06-11T09:00:00"),
      record("employees_informed", 2, "v2", "2025-06-11T09:05:00"),
    ], "v2");
    expect(state.management?.current).toBe(false);
    expect(state.safetyRep?.current).toBe(true);
    expect(state.voided.map((v) => v.kind)).toEqual(["management"]);
    expect(state.complete).toBe(false);
  });

  it("takes the latest record of a kind: a new signature for the new version replaces the void one", () => {
    const state = signoffState([
      record("management", 1, "v1", "2025-06-10T09:00:00"),
      record("management", 1, "v2", "2025-06-12T09:00:00"),
      record("safety_rep", 2, "v2", "2025-06-11T09:00:00"),
      record("employees_informed", 2, "v2", "2025-06-11T09:05:00"),
    ], "v2");
    expect(state.management?.signedAt).toBe("2025-06-12T09:00:00");
    expect(state.voided).toEqual([]);
    expect(state.complete).toBe(true);
  });
});

describe("signoffProblem", () => {
  const empty = signoffState([], "v1");

  it("lets a manager sign for management and a MED member as safety representative, not the other way round", () => {
    expect(signoffProblem("management", manager, empty)).toBeNull();
    expect(signoffProblem("safety_rep", manager, empty)).toBe("forbidden");
    expect(signoffProblem("safety_rep", rep, empty)).toBeNull();
    expect(signoffProblem("management", rep, empty)).toBe("forbidden");
    expect(signoffProblem("employees_informed", manager, empty)).toBe("forbidden");
  });

  it("refuses one person signing the same version as both", () => {
    const signed = signoffState([record("management", 3, "v1", "2025-06-10T09:00:00")], "v1");
    expect(signoffProblem("safety_rep", both, signed)).toBe("same_person");
    expect(signoffProblem("safety_rep", rep, signed)).toBeNull();
    // Once the management signature is void, it no longer blocks.
    expect(signoffProblem("safety_rep", both, signoffState([record("management", 3, "v1", "2025-06-10T09:00:00")], "v2"))).toBeNull();
  });

  it("does not sign a current signature again, but signs again after a change", () => {
    const signed = signoffState([record("management", 1, "v1", "2025-06-10T09:00:00")], "v1");
    expect(signoffProblem("management", manager, signed)).toBe("already_signed");
    expect(signoffProblem("management", manager, signoffState([record("management", 1, "v1", "2025-06-10T09:00:00")], "v2"))).toBeNull();
  });

  it("records the filing with AT only when both signed and the employees were informed", () => {
    const partial = signoffState([record("management", 1, "v1", "2025-06-10T09:00:00"), record("safety_rep", 2, "v1", "2025-06-10T10:00:00")], "v1");
    expect(signoffProblem("sent_to_at", manager, partial)).toBe("not_signed");
    const full = signoffState([...[record("management", 1, "v1", "2025-06-10T09:00:00"), record("safety_rep", 2, "v1", "2025-06-10T10:00:00")], record("employees_informed", 2, "v1", "2025-06-10T10:01:00")], "v1");
    expect(signoffProblem("sent_to_at", manager, full)).toBeNull();
    const filed = signoffState([...full.voided, full.management!, full.safetyRep!, full.employeesInformed!, record("sent_to_at", 1, "v1", "2025-06-10T11:00:00")], "v1");
    expect(signoffProblem("sent_to_at", manager, filed)).toBe("already_signed");
    expect(signoffProblem("sent_to_at", { ...manager, edit: false }, full)).toBe("forbidden");
  });
});
