// Action plans on real Postgres: writes with their audit rows, the presenters, the meeting view and
// the daily notification job, all with a fixed "today".
//
// Organisation (tests/integration/auth-fixtures.ts): ORG → CA (TA1, TA2), CB (TB1).
// MED-A covers CA's subtree, MED-B covers TB1. The plan is an AT notice to cluster CA.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { createUser } from "../../db/commands/users";
import { queryRows } from "../../db/client";
import { addEvidence, addFocusPoint, addItem, changeItemStatus, createPlan, recordReview, updateItem, updatePlanStatus } from "../../db/commands/plans";
import { InputError } from "../../db/commands/input-error";
import { getMeeting, getPlanDetail, listPlans, planIdsWithItemsOwnedBy } from "../../db/presenters/plan-views";
import { listNotifications, unreadCount } from "../../db/presenters/notifications";
import { markRead } from "../../db/commands/notifications";
import { runNotifications } from "../../jobs/notifications/run";
import { processNotifications } from "../../jobs/notifications/job";

let database: TestDatabase;
let org: OrgFixture;
const users: Record<"managerA1" | "managerB1" | "medA" | "medA2" | "medB", number> = {} as never;
let planId: number;
let fpRoles: number;
let itemLate: number; // due 2025-06-01: 15 days late on 2025-06-16
let itemSoon: number; // due 2025-06-20: 4 days ahead on 2025-06-16
let itemNamed: number; // owned by a named person without an account, due 2025-06-10

const TODAY = "2025-06-16";

beforeAll(async () => {
  database = await createTestDatabase("plans_q");
  const db = database.db;
  org = await buildOrg(db);
  users.managerA1 = (await createUser(db, { email: "a1@x.dk", displayName: "Leder A1", roles: [{ role: "manager", unitId: org.unit.TA1 }] })).id;
  users.managerB1 = (await createUser(db, { email: "b1@x.dk", displayName: "Leder B1", roles: [{ role: "manager", unitId: org.unit.TB1 }] })).id;
  users.medA = (await createUser(db, { email: "meda@x.dk", displayName: "MED A", roles: [{ role: "med", committeeId: org.committee.MED_A }] })).id;
  users.medA2 = (await createUser(db, { email: "meda2@x.dk", displayName: "MED A 2", roles: [{ role: "med", committeeId: org.committee.MED_A }] })).id;
  users.medB = (await createUser(db, { email: "medb@x.dk", displayName: "MED B", roles: [{ role: "med", committeeId: org.committee.MED_B }] })).id;

  const by = { userId: users.medA };
  planId = (await createPlan(db, {
    unitId: org.unit.CA, title: "Påbud: uklare og modstridende krav", sourceKind: "at_decision",
    atReference: "2025012345", atReaction: "paabud_med_frist", atVisitDate: "2025-04-10", atDecisionDate: "2025-04-24",
    atThemes: ["unclear_conflicting_demands"], deadline: "2025-09-01",
  }, by)).id;
  fpRoles = (await addFocusPoint(db, { planId, title: "Afklaring af roller og arbejdsgange" }, by)).id;
  itemLate = (await addItem(db, { focusPointId: fpRoles, title: "Rollebeskrivelser", ownerUserId: users.managerA1, dueDate: "2025-06-01" }, by)).id;
  itemSoon = (await addItem(db, { focusPointId: fpRoles, title: "Workshop om arbejdsgange", ownerUserId: users.managerA1, dueDate: "2025-06-20" }, by)).id;
  itemNamed = (await addItem(db, { focusPointId: fpRoles, title: "Dialog med AT", ownerName: "Centerchef Hansen", dueDate: "2025-06-10" }, by)).id;
});

afterAll(async () => {
  await database?.drop();
});

describe("writing plans", () => {
  it("gives a plan without a committee the nearest committee covering its unit", async () => {
    const [row] = await queryRows<{ committeeId: number }>(database.db, sql`select committee_id as "committeeId" from action_plans where id = ${planId}`);
    expect(row.committeeId).toBe(org.committee.MED_A);
  });

  it("refuses an AT plan without reaction and decision date, by field", async () => {
    await expect(createPlan(database.db, { unitId: org.unit.CA, title: "x", sourceKind: "at_decision" }, { actor: "test" }))
      .rejects.toMatchObject({ fieldErrors: { atReaction: "required", atDecisionDate: "required" } });
  });

  it("refuses a decision before the visit and a deadline before the decision", async () => {
    const error = await createPlan(database.db, {
      unitId: org.unit.CA, title: "x", sourceKind: "at_decision", atReaction: "strakspaabud",
      atVisitDate: "2025-04-10", atDecisionDate: "2025-04-01", deadline: "2025-03-01",
    }, { actor: "test" }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.fieldErrors).toMatchObject({ atDecisionDate: "before_visit" });
  });

  it("requires an owner, a user or a named person, for an item", async () => {
    await expect(addItem(database.db, { focusPointId: fpRoles, title: "Uden ejer" }, { actor: "test" }))
      .rejects.toMatchObject({ fieldErrors: { ownerName: "owner_required" } });
  });

  it("moves an item's due date and keeps the old one in the trail", async () => {
    const db = database.db;
    const id = (await addItem(db, { focusPointId: fpRoles, title: "Midlertidig", ownerName: "Koordinator", dueDate: "2025-07-01" }, { actor: "test" })).id;
    await expect(updateItem(db, { itemId: id, title: "Midlertidig", dueDate: "2025-08-01" }, { actor: "test" }))
      .rejects.toMatchObject({ fieldErrors: { ownerName: "owner_required" } });
    await updateItem(db, { itemId: id, title: "Midlertidig", ownerName: "Koordinator", dueDate: "2025-08-01" }, { userId: users.medA });
    const [audit] = await queryRows<{ before: { dueDate: string }; after: { dueDate: string } }>(db, sql`
      select before, after from audit_log where entity = 'action_item' and entity_id = ${String(id)} and action = 'update'`);
    expect([audit.before.dueDate, audit.after.dueDate]).toEqual(["2025-07-01", "2025-08-01"]);
    // Cancelled again so the figures below count the same four items as before.
    await changeItemStatus(db, { itemId: id, to: "cancelled", reason: "Slået sammen med rollebeskrivelsen" }, { userId: users.medA }, TODAY);
  });

  it("refuses a transition the status machine does not allow and leaves the item as it was", async () => {
    await expect(changeItemStatus(database.db, { itemId: itemSoon, to: "verified" }, { userId: users.medA }, TODAY))
      .rejects.toMatchObject({ fieldErrors: { to: "not_allowed" } });
    await expect(changeItemStatus(database.db, { itemId: itemSoon, to: "cancelled", reason: "" }, { userId: users.medA }, TODAY))
      .rejects.toMatchObject({ fieldErrors: { reason: "reason_required" } });
    const [row] = await queryRows<{ status: string }>(database.db, sql`select status from action_items where id = ${itemSoon}`);
    expect(row.status).toBe("planned");
  });
});

describe("a plan's page", () => {
  it("walks an item to verified, recording the done date, who verified and when, each step in the audit trail", async () => {
    const db = database.db;
    const extra = (await addItem(db, { focusPointId: fpRoles, title: "Sparringsgrupper", ownerUserId: users.managerA1, dueDate: "2025-05-15" }, { userId: users.medA })).id;
    await changeItemStatus(db, { itemId: extra, to: "in_progress" }, { userId: users.managerA1 }, "2025-05-01");
    await changeItemStatus(db, { itemId: extra, to: "done" }, { userId: users.managerA1 }, "2025-05-12");
    await addEvidence(db, { itemId: extra, notedOn: "2025-05-12", note: "Referat fra første sparringsmøde" }, { userId: users.managerA1 });
    await changeItemStatus(db, { itemId: extra, to: "verified" }, { userId: users.medA }, TODAY);

    const detail = (await getPlanDetail(db, planId, TODAY))!;
    const item = detail.focusPoints[0].items.find((i) => i.id === extra)!;
    expect(item.status).toBe("verified");
    expect(item.doneOn).toBe("2025-05-12");
    expect(item.verifiedByName).toBe("MED A");
    expect(item.verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(item.evidence.map((e) => e.note)).toEqual(["Referat fra første sparringsmøde"]);

    const statusChanges = detail.timeline.filter((t) => t.kind === "change" && t.change.entity === "action_item" && t.change.action === "status"
      && t.change.entityId === String(extra));
    expect(statusChanges.map((t) => t.kind === "change" && t.change.after?.status)).toEqual(["in_progress", "done", "verified"]);
    expect(detail.timeline.some((t) => t.kind === "change" && t.change.entity === "item_evidence" && t.change.subject === "Sparringsgrupper")).toBe(true);
  });

  it("shows overdue days, items due within 14 days, AT deadline and progress for a fixed today", async () => {
    const detail = (await getPlanDetail(database.db, planId, TODAY))!;
    const items = detail.focusPoints[0].items;
    expect(items.find((i) => i.id === itemLate)!.overdueDays).toBe(15); // 1 June → 16 June
    expect(items.find((i) => i.id === itemNamed)!.overdueDays).toBe(6);
    expect(items.find((i) => i.id === itemSoon)!.dueSoon).toBe(true);
    // 16 June → 1 September: 14 + 31 + 31 + 1 = 77 days
    expect(detail.plan.daysToDeadline).toBe(77);
    // 4 items: 1 verified of 4 → 25 %; 2 open items past their due date
    expect(detail.plan.progress).toMatchObject({ total: 4, verified: 1, overdue: 2, pct: 25 });
    expect(detail.plan.dueSoon).toBe(1);
  });
});

describe("who sees which plans", () => {
  it("lists a cluster's plan for its committee's scope and not for another cluster's manager", async () => {
    const db = database.db;
    const scopeA = new Set([org.unit.CA, org.unit.TA1, org.unit.TA2]);
    expect((await listPlans(db, scopeA, [], {}, TODAY)).map((p) => p.id)).toEqual([planId]);
    expect(await listPlans(db, new Set([org.unit.TB1]), [], {}, TODAY)).toEqual([]);
  });

  it("lets a team manager see a plan of the cluster above when they own an item in it", async () => {
    const db = database.db;
    const own = await planIdsWithItemsOwnedBy(db, users.managerA1);
    expect(own).toEqual([planId]);
    expect((await listPlans(db, new Set([org.unit.TA1]), own, {}, TODAY)).map((p) => p.id)).toEqual([planId]);
  });

  it("filters by unit subtree, status and source", async () => {
    const db = database.db;
    expect(await listPlans(db, "all", [], { unitId: org.unit.CB }, TODAY)).toEqual([]);
    expect((await listPlans(db, "all", [], { unitId: org.unit.ORG, source: "at_decision", status: "open" }, TODAY)).length).toBe(1);
    expect(await listPlans(db, "all", [], { source: "apv" }, TODAY)).toEqual([]);
  });
});

describe("the committee's meeting", () => {
  it("shows what changed since the latest review and the overdue items", async () => {
    const db = database.db;
    const before = (await getMeeting(db, org.committee.MED_A, "all", TODAY))!;
    expect(before.plans.map((p) => p.id)).toEqual([planId]);
    const plan = before.plans[0];
    expect(plan.overdueItems.map((i) => i.title).sort()).toEqual(["Dialog med AT", "Rollebeskrivelser"]);
    expect(plan.changes.length).toBeGreaterThan(5); // never reviewed: the whole history

    // A review dated tomorrow (Copenhagen) hides everything recorded up to and including that day.
    const [{ tomorrow }] = await queryRows<{ tomorrow: string }>(db, sql`
      select to_char((now() at time zone 'Europe/Copenhagen')::date + 1, 'YYYY-MM-DD') as tomorrow`);
    await recordReview(db, { planId, committeeId: org.committee.MED_A, reviewDate: tomorrow, decisions: "Fortsæt", nextReviewDate: null }, { userId: users.medA });
    const after = (await getMeeting(db, org.committee.MED_A, "all", TODAY))!;
    expect(after.plans[0].changes).toEqual([]);
    expect(after.plans[0].lastReview).toBe(tomorrow);
  });

  it("has no plans of units outside the committee", async () => {
    expect((await getMeeting(database.db, org.committee.MED_B, "all", TODAY))!.plans).toEqual([]);
  });

  it("refuses a next review date that is not after the review", async () => {
    await expect(recordReview(database.db, {
      planId, committeeId: org.committee.MED_A, reviewDate: "2025-06-16", nextReviewDate: "2025-06-16", decisions: "x",
    }, { userId: users.medA })).rejects.toMatchObject({ fieldErrors: { nextReviewDate: "not_after_review" } });
  });
});

describe("the daily notification job", () => {
  it("notifies owners and escalates to the plan's committee, and creates nothing new when run again", async () => {
    const db = database.db;
    // On 16 June: "Rollebeskrivelser" (due 1 June) is 15 days late → overdue to its owner + escalated to MED-A's two
    // members; "Dialog med AT" (due 10 June, named person) is 6 days late → no account to tell, not yet escalated;
    // "Workshop" (due 20 June) is 4 days ahead → due_soon to its owner.
    const first = await runNotifications(db, TODAY);
    expect(first.created).toEqual({ due_soon: 1, overdue: 1, escalated: 2 });
    const second = await runNotifications(db, TODAY);
    expect(second.created).toEqual({ due_soon: 0, overdue: 0, escalated: 0 });
    const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notifications`);
    expect(rows[0].n).toBe(4);
  });

  it("escalates the named person's item once it is 7 days late, the next day", async () => {
    const result = await processNotifications(database.db, { today: "2025-06-17" });
    // "Dialog med AT": 7 days late → escalated to both MED-A members; nothing else is new.
    expect(result.created).toEqual({ due_soon: 0, overdue: 0, escalated: 2 });
    expect(await listNotifications(database.db, users.medB)).toEqual([]);
  });

  it("lists a user's notifications and marks them read only for that user", async () => {
    const db = database.db;
    const mine = await listNotifications(db, users.managerA1);
    expect(mine.map((n) => n.kind).sort()).toEqual(["due_soon", "overdue"]);
    expect(await unreadCount(db, users.managerA1)).toBe(2);
    // Another user's id does not reach these rows.
    expect(await markRead(db, users.medB, mine[0].id)).toBe(0);
    expect(await markRead(db, users.managerA1, mine[0].id)).toBe(1);
    expect(await unreadCount(db, users.managerA1)).toBe(1);
    expect(await markRead(db, users.managerA1, "all")).toBe(1);
    expect(await unreadCount(db, users.managerA1)).toBe(0);
  });
});

describe("closing a plan", () => {
  it("records the report back and the appeal in the trail, hides the deadline countdown and silences notifications", async () => {
    const db = database.db;
    const other = (await createPlan(db, { unitId: org.unit.TB1, title: "APV 2025 Team B1", sourceKind: "apv", apvRound: "APV 2025", deadline: "2025-12-31" }, { actor: "test" })).id;
    const fp = (await addFocusPoint(db, { planId: other, title: "Støj" }, { actor: "test" })).id;
    await addItem(db, { focusPointId: fp, title: "Lydabsorbenter", ownerUserId: users.managerB1, dueDate: "2025-06-01" }, { actor: "test" });
    await updatePlanStatus(db, { planId: other, appealStatus: "none", reportedBackOn: "2025-06-10", status: "closed" }, { userId: users.managerB1 });

    const detail = (await getPlanDetail(db, other, TODAY))!;
    expect(detail.plan.status).toBe("closed");
    expect(detail.plan.daysToDeadline).toBeNull();
    const update = detail.timeline.find((t) => t.kind === "change" && t.change.action === "update");
    expect(update?.kind === "change" && update.change.after).toEqual({ appealStatus: "none", reportedBackOn: "2025-06-10", status: "closed" });
    // The item is 15 days late, but its plan is closed: nobody is told, not even its committee.
    await runNotifications(db, "2025-06-16");
    const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notifications where plan_id = ${other}`);
    expect(rows[0].n).toBe(0);
  });
});
