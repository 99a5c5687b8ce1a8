// The demo runs on embedded PGlite: the plan writes, presenters and the notification job must give
// the same answers there as on Postgres (one connection, PGlite's own date and timestamp parsing).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPglite } from "../../db/client";
import { migrateConnection } from "../../db/migrate";
import { createUser } from "../../db/commands/users";
import { addEvidence, addFocusPoint, addItem, changeItemStatus, createPlan, recordReview } from "../../db/commands/plans";
import { getMeeting, getPlanDetail, listPlans } from "../../db/presenters/plan-views";
import { listNotifications } from "../../db/presenters/notifications";
import { runNotifications } from "../../jobs/notifications/run";
import { buildOrg, type OrgFixture } from "./auth-fixtures";

let lite: ReturnType<typeof connectPglite>;
let org: OrgFixture;

beforeAll(async () => {
  lite = connectPglite(undefined); // in memory
  await migrateConnection(lite);
  org = await buildOrg(lite.db);
});

afterAll(async () => {
  await lite?.close();
});

describe("action plans on PGlite", () => {
  it("writes a plan with its trail and reads it back with dates as 'YYYY-MM-DD' strings", async () => {
    const db = lite.db;
    const med = (await createUser(db, { email: "med@x.dk", displayName: "MED", roles: [{ role: "med", committeeId: org.committee.MED_A }] })).id;
    const owner = (await createUser(db, { email: "o@x.dk", displayName: "Ejer", roles: [{ role: "manager", unitId: org.unit.TA1 }] })).id;
    const by = { userId: med };
    const planId = (await createPlan(db, {
      unitId: org.unit.CA, title: "Påbud", sourceKind: "at_decision", atReaction: "paabud_med_frist",
      atVisitDate: "2025-04-10", atDecisionDate: "2025-04-24", deadline: "2025-09-01",
    }, by)).id;
    const fp = (await addFocusPoint(db, { planId, title: "Roller" }, by)).id;
    const item = (await addItem(db, { focusPointId: fp, title: "Rollebeskrivelse", ownerUserId: owner, dueDate: "2025-06-01" }, by)).id;
    await changeItemStatus(db, { itemId: item, to: "in_progress" }, { userId: owner }, "2025-05-01");
    await addEvidence(db, { itemId: item, notedOn: "2025-05-20", note: "Udkast drøftet" }, { userId: owner });
    await recordReview(db, { planId, committeeId: org.committee.MED_A, reviewDate: "2025-06-12", decisions: "Fortsæt" }, by);

    const detail = (await getPlanDetail(db, planId, "2025-06-16"))!;
    expect(detail.plan.atDecisionDate).toBe("2025-04-24");
    expect(detail.plan.daysToDeadline).toBe(77); // 14 + 31 + 31 + 1
    expect(detail.focusPoints[0].items[0]).toMatchObject({ dueDate: "2025-06-01", overdueDays: 15, status: "in_progress" });
    expect(detail.focusPoints[0].items[0].evidence[0].notedOn).toBe("2025-05-20");
    expect(detail.reviews[0].reviewDate).toBe("2025-06-12");
    expect(detail.timeline.filter((t) => t.kind === "change").map((t) => t.kind === "change" && `${t.change.entity}:${t.change.action}`)).toEqual([
      "action_plan:create", "focus_point:create", "action_item:create", "action_item:status", "item_evidence:create",
    ]);
    expect((await listPlans(db, "all", [], {}, "2025-06-16"))[0].lastReview).toBe("2025-06-12");
    expect((await getMeeting(db, org.committee.MED_A, "all", "2025-06-16"))!.plans[0].overdueItems.map((i) => i.id)).toEqual([item]);

    // 15 days late: the owner is told it is overdue and both rules fire once, however often the job runs.
    expect((await runNotifications(db, "2025-06-16")).created).toEqual({ due_soon: 0, overdue: 1, escalated: 1 });
    expect((await runNotifications(db, "2025-06-16")).created).toEqual({ due_soon: 0, overdue: 0, escalated: 0 });
    expect((await listNotifications(db, owner)).map((n) => n.kind)).toEqual(["overdue"]);
  });
});
