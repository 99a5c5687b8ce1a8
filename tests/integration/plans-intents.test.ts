// The plan page's intent table (app/routes/plans.$id.server.ts): an unknown intent is a 400, a
// missing right or an item the user may not touch is a 403, a target of another plan is a field
// refusal, and an allowed intent runs its command and goes back to the changed part of the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPglite } from "../../db/client";
import { migrateConnection } from "../../db/migrate";
import { createUser } from "../../db/commands/users";
import { addFocusPoint, addItem, createPlan } from "../../db/commands/plans";
import { loadPrincipal } from "../../db/principal";
import { can } from "../../domain/access";
import type { PlanAccess } from "../../app/lib/plans.server";
import { runPlanIntent } from "../../app/routes/plans.$id.server";
import { buildOrg, type OrgFixture } from "./auth-fixtures";

let lite: ReturnType<typeof connectPglite>;
let org: OrgFixture;
let planA: number;
let ownItem: number;
let othersItem: number;
let itemOfPlanB: number;
let editor: number;
let owner: number;

async function accessOf(userId: number, planId: number, unitId: number): Promise<PlanAccess> {
  const principal = await loadPrincipal(lite.db, { id: userId, email: `${userId}@x.dk`, displayName: "U", language: "da", employeeId: null });
  return { principal, planId, unitId, canEdit: can(principal, "edit_plans", unitId), canReview: can(principal, "review_plans", unitId) };
}

async function thrownBy(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("nothing thrown");
}

beforeAll(async () => {
  lite = connectPglite(undefined);
  await migrateConnection(lite);
  org = await buildOrg(lite.db);
  const db = lite.db;
  editor = (await createUser(db, { email: "leder.a@x.dk", displayName: "Leder A", roles: [{ role: "manager", unitId: org.unit.CA }] })).id;
  owner = (await createUser(db, { email: "leder.a1@x.dk", displayName: "Leder A1", roles: [{ role: "manager", unitId: org.unit.TA1 }] })).id;
  const by = { userId: editor };
  planA = (await createPlan(db, { unitId: org.unit.CA, title: "Plan A", sourceKind: "other" }, by)).id;
  const fp = (await addFocusPoint(db, { planId: planA, title: "Roller" }, by)).id;
  ownItem = (await addItem(db, { focusPointId: fp, title: "Egen", ownerUserId: owner }, by)).id;
  othersItem = (await addItem(db, { focusPointId: fp, title: "Andens", ownerUserId: editor }, by)).id;
  const planB = (await createPlan(db, { unitId: org.unit.CA, title: "Plan B", sourceKind: "other" }, by)).id;
  const fpB = (await addFocusPoint(db, { planId: planB, title: "Andet" }, by)).id;
  itemOfPlanB = (await addItem(db, { focusPointId: fpB, title: "I plan B", ownerUserId: editor }, by)).id;
});

afterAll(async () => {
  await lite?.close();
});

describe("the plan intent table", () => {
  it("answers an unknown intent with 400", async () => {
    const access = await accessOf(editor, planA, org.unit.CA);
    expect((await thrownBy(runPlanIntent(lite.db, access, { intent: "drop_plan" }))).status).toBe(400);
    expect((await thrownBy(runPlanIntent(lite.db, access, { intent: "__proto__" }))).status).toBe(400);
  });

  it("answers 403 for an item the user may not touch, and for an intent without the right", async () => {
    const access = await accessOf(owner, planA, org.unit.CA);
    expect(access.canEdit).toBe(false);
    const other = await thrownBy(runPlanIntent(lite.db, access, { intent: "status", itemId: String(othersItem), to: "in_progress" }));
    expect(other.status).toBe(403);
    const evidence = await thrownBy(runPlanIntent(lite.db, access, { intent: "evidence", itemId: String(othersItem), notedOn: "2025-05-01", note: "x" }));
    expect(evidence.status).toBe(403);
    expect((await thrownBy(runPlanIntent(lite.db, access, { intent: "add_focus_point", title: "Nyt" }))).status).toBe(403);
  });

  it("refuses a target of another plan as a field error, not a change", async () => {
    const access = await accessOf(editor, planA, org.unit.CA);
    const result = await runPlanIntent(lite.db, access, { intent: "status", itemId: String(itemOfPlanB), to: "in_progress" });
    expect(result).not.toBeInstanceOf(Response);
    const refused = result as unknown as { data: { fieldErrors: Record<string, string>; targetId: string }; init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.fieldErrors).toEqual({ itemId: "not_in_plan" });
    expect(refused.data.targetId).toBe(String(itemOfPlanB));
    const notANumber = (await runPlanIntent(lite.db, access, { intent: "edit_item", itemId: "abc" })) as unknown as typeof refused;
    expect(notANumber.data.fieldErrors).toEqual({ itemId: "not_in_plan" });
  });

  it("runs an allowed intent and redirects to the changed part of the page", async () => {
    const ownerAccess = await accessOf(owner, planA, org.unit.CA);
    const moved = (await runPlanIntent(lite.db, ownerAccess, { intent: "status", itemId: String(ownItem), to: "in_progress" })) as Response;
    expect(moved.status).toBe(302);
    expect(moved.headers.get("Location")).toBe(`/plans/${planA}#item-${ownItem}`);
    const editorAccess = await accessOf(editor, planA, org.unit.CA);
    const added = (await runPlanIntent(lite.db, editorAccess, { intent: "add_focus_point", title: "Nyt fokus" })) as Response;
    expect(added.headers.get("Location")).toMatch(new RegExp(`^/plans/${planA}#fp-\\d+$`));
  });
});
