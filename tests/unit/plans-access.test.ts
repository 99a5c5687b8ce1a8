// Who may move and document an item: the plan's editors, the item's owner, and for verification
// only the committee (review_plans). Principals are built the way the guard builds them.
import { describe, expect, it } from "vitest";
import { can, resolveScopes, type Principal } from "../../domain/access";
import { mayMoveItem, mayUpdateItem, type PlanAccess } from "../../app/lib/plans.server";

// Units: 1 cluster with teams 2 and 3; 4 another cluster. The plan belongs to the cluster (unit 1).
const closure = [
  { ancestorId: 1, descendantId: 1 }, { ancestorId: 1, descendantId: 2 }, { ancestorId: 1, descendantId: 3 },
  { ancestorId: 2, descendantId: 2 }, { ancestorId: 4, descendantId: 4 },
];

function principal(id: number, grants: { role: "manager" | "med" | "director"; unitId: number | null; committeeId: number | null }[]): Principal {
  const user = { id, email: `${id}@x.dk`, displayName: `U${id}`, language: "da" as const, employeeId: null };
  return { user, ...resolveScopes({ grants, committeeUnits: [{ committeeId: 10, unitId: 1 }], closure }) };
}

/** As requirePlanAccess derives it for a plan of the unit. */
function access(p: Principal, unitId = 1): PlanAccess {
  return { principal: p, planId: 7, unitId, canEdit: can(p, "edit_plans", unitId), canReview: can(p, "review_plans", unitId) };
}

const teamManager = principal(1, [{ role: "manager", unitId: 2, committeeId: null }]);
const medMember = principal(2, [{ role: "med", unitId: null, committeeId: 10 }]);
const clusterManager = principal(3, [{ role: "manager", unitId: 1, committeeId: null }]);
const director = principal(4, [{ role: "director", unitId: null, committeeId: null }]);

describe("item rights on a cluster's plan", () => {
  it("lets a team manager move and document the items they own, and nothing else", () => {
    const a = access(teamManager);
    expect(a.canEdit).toBe(false);
    expect(mayUpdateItem(a, { ownerUserId: 1 })).toBe(true);
    expect(mayMoveItem(a, { ownerUserId: 1 }, "in_progress")).toBe(true);
    expect(mayMoveItem(a, { ownerUserId: 1 }, "done")).toBe(true);
    expect(mayUpdateItem(a, { ownerUserId: 99 })).toBe(false);
    expect(mayMoveItem(a, { ownerUserId: 99 }, "done")).toBe(false);
  });

  it("keeps verifying for the committee and cancelling for the plan's editors, even from the owner", () => {
    const a = access(teamManager);
    expect(mayMoveItem(a, { ownerUserId: 1 }, "verified")).toBe(false);
    expect(mayMoveItem(a, { ownerUserId: 1 }, "cancelled")).toBe(false);
    const m = access(medMember);
    expect(m.canEdit && m.canReview).toBe(true);
    expect(mayMoveItem(m, { ownerUserId: 99 }, "verified")).toBe(true);
    expect(mayMoveItem(m, { ownerUserId: null }, "cancelled")).toBe(true);
  });

  it("lets the cluster's manager edit the plan but not verify items", () => {
    const a = access(clusterManager);
    expect(a.canEdit).toBe(true);
    expect(mayMoveItem(a, { ownerUserId: null }, "done")).toBe(true);
    expect(mayMoveItem(a, { ownerUserId: null }, "verified")).toBe(false);
  });

  it("gives the director, who reads every plan, no right to change one", () => {
    const a = access(director);
    expect(a.canEdit || a.canReview).toBe(false);
    expect(mayUpdateItem(a, { ownerUserId: null })).toBe(false);
  });

  it("gives the committee no rights on a plan of a unit it does not cover", () => {
    const a = access(medMember, 4);
    expect(a.canEdit || a.canReview).toBe(false);
    expect(mayMoveItem(a, { ownerUserId: null }, "verified")).toBe(false);
  });
});
