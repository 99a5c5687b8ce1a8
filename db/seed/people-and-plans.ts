// Committees, the demo users and the action plans, written in one transaction with an audit row
// for every record and every status move, dated on the day of the story it tells (AT asks for
// documentation of what was done and when; the plan timeline and the meeting view read that trail).
import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { recordAudit } from "../audit";
import { createUser } from "../commands/users";
import {
  actionItems, actionPlans, committeeReviews, committeeUnits, committees, focusPoints, itemEvidence, units,
} from "../schema";
import { DEMO_LOGINS } from "./logins";
import { AT_CLUSTER_CODE } from "./organisation";
import { COMMITTEES, buildPlanSpecs, itemHistory, itemStateOn, planCreatedOn, type CommitteeKey, type Owner } from "./plan-specs";
import type { DemoData } from "./generate";

const ACTOR = { actor: "seed" };

/** A story day as a moment: mid-morning in Copenhagen, so it shows on that day in every view. */
const at = (day: string) => new Date(`${day}T09:00:00Z`);

export async function seedPeopleAndPlans(tx: Database, data: DemoData): Promise<{ users: number; plans: number; items: number }> {
  const today = data.today;
  const unitRows = await tx.select({ id: units.id, code: units.code }).from(units);
  const unitId = new Map(unitRows.map((u) => [u.code, u.id]));
  const idOf = (code: string) => {
    const id = unitId.get(code);
    if (id === undefined) throw new Error(`Demo seed: unit ${code} was not imported`);
    return id;
  };

  const committeeId = new Map<CommitteeKey, number>();
  for (const c of COMMITTEES) {
    if (!unitId.has(c.unitCode)) continue;
    const [row] = await tx.insert(committees).values({ name: c.name, kind: c.kind }).returning({ id: committees.id });
    await tx.insert(committeeUnits).values({ committeeId: row!.id, unitId: idOf(c.unitCode) });
    await recordAudit(tx, { ...ACTOR, action: "create", entity: "committee", entityId: row!.id, unitId: idOf(c.unitCode), after: { name: c.name, kind: c.kind, units: [c.unitCode] } });
    committeeId.set(c.key, row!.id);
  }

  const grants: Record<string, { role: (typeof DEMO_LOGINS)[number]["role"]; unitId?: number; committeeId?: number }> = {
    admin: { role: "admin" },
    hr: { role: "hr" },
    director: { role: "director" },
    med: { role: "med", committeeId: committeeId.get("fc-med")! },
  };
  const managerUnits = [data.roster.atTeamCode, data.roster.otherClusterCode, AT_CLUSTER_CODE];
  const managerPeople = [data.roster.atTeamManager, data.roster.otherClusterLeader, data.roster.atClusterLeader];
  const userIds: number[] = [];
  let managerIndex = 0;
  for (const login of DEMO_LOGINS) {
    const isManager = login.role === "manager";
    const person = isManager ? managerPeople[managerIndex] : null;
    const grant = isManager ? { role: "manager" as const, unitId: idOf(managerUnits[managerIndex]!) } : grants[login.role]!;
    if (isManager) managerIndex++;
    const { id } = await createUser(tx, {
      email: login.email,
      displayName: person?.name ?? login.displayName,
      password: login.password,
      roles: [grant],
      employeeId: person?.id ?? null,
    }, ACTOR);
    userIds.push(id);
  }
  const userFor = (key: "med" | "atManager" | "admin") =>
    userIds[DEMO_LOGINS.findIndex((l) => (key === "atManager" ? l.role === "manager" : l.role === key))]!;
  const owner = (o: Owner) => ("user" in o ? { ownerUserId: userFor(o.user), ownerName: null } : { ownerUserId: null, ownerName: o.name });

  const specs = data.plans;
  let plans = 0;
  let items = 0;
  for (const spec of specs) {
    if (planCreatedOn(spec) > today || !unitId.has(spec.unitCode) || !committeeId.has(spec.committee)) continue;
    const source = spec.source;
    const planUnit = idOf(spec.unitCode);
    const createdOn = planCreatedOn(spec);
    const med = userFor("med");
    const reportedBackOn = source.kind === "at_decision" && source.reportedBackOn && source.reportedBackOn <= today ? source.reportedBackOn : null;
    const values = {
      unitId: planUnit,
      committeeId: committeeId.get(spec.committee)!,
      title: spec.title,
      description: spec.description,
      sourceKind: source.kind,
      createdBy: med,
      ...(source.kind === "at_decision"
        ? {
            atReference: source.reference, atReaction: "paabud_med_frist" as const, atVisitDate: source.visit,
            atDecisionDate: source.decision, atThemes: source.themes, deadline: source.deadline,
          }
        : { surveyRound: source.round }),
    };
    const [plan] = await tx.insert(actionPlans)
      .values({ ...values, reportedBackOn, createdAt: at(createdOn), updatedAt: at(reportedBackOn ?? createdOn) })
      .returning({ id: actionPlans.id });
    const planId = plan!.id;
    await recordAudit(tx, { ...ACTOR, userId: med, at: at(createdOn), action: "create", entity: "action_plan", entityId: planId, unitId: planUnit, after: values });
    const closedOn = spec.closedOn && spec.closedOn <= today ? spec.closedOn : null;
    if (closedOn) {
      await tx.update(actionPlans).set({ status: "closed", updatedAt: at(closedOn) }).where(eq(actionPlans.id, planId));
      await recordAudit(tx, {
        ...ACTOR, userId: med, at: at(closedOn), action: "update", entity: "action_plan", entityId: planId, unitId: planUnit,
        before: { appealStatus: "none", reportedBackOn: null, status: "open" }, after: { appealStatus: "none", reportedBackOn: null, status: "closed" },
      });
    }
    if (reportedBackOn) {
      await recordAudit(tx, {
        ...ACTOR, userId: med, at: at(reportedBackOn), action: "update", entity: "action_plan", entityId: planId, unitId: planUnit,
        before: { appealStatus: "none", reportedBackOn: null, status: "open" }, after: { appealStatus: "none", reportedBackOn, status: "open" },
      });
    }
    plans++;
    for (const [position, point] of spec.focusPoints.entries()) {
      const fpValues = { planId, position: position + 1, title: point.title, description: point.description ?? null };
      const [fp] = await tx.insert(focusPoints).values(fpValues).returning({ id: focusPoints.id });
      await recordAudit(tx, { ...ACTOR, userId: med, at: at(createdOn), action: "create", entity: "focus_point", entityId: fp!.id, unitId: planUnit, after: fpValues });
      for (const item of point.items) {
        const state = itemStateOn(item, today);
        const who = "user" in item.owner ? userFor(item.owner.user) : med;
        const history = itemHistory(item, today);
        const created = {
          focusPointId: fp!.id, title: item.title, description: null, ...owner(item.owner), dueDate: item.due,
        };
        const [row] = await tx.insert(actionItems).values({
          ...created, status: state.status, cancelReason: state.status === "cancelled" ? item.cancelReason! : null,
          doneOn: state.doneOn, verifiedBy: state.verifiedOn ? med : null, verifiedAt: state.verifiedOn ? at(state.verifiedOn) : null,
          createdAt: at(createdOn), updatedAt: at(history.at(-1)?.day ?? createdOn),
        }).returning({ id: actionItems.id });
        const itemId = row!.id;
        await recordAudit(tx, {
          ...ACTOR, userId: med, at: at(createdOn), action: "create", entity: "action_item", entityId: itemId, unitId: planUnit,
          after: { ...created, planId, status: "planned" },
        });
        // The item's moves along the status machine, each on its own day, as the plans pages record them.
        let previous: { status: string; doneOn: string | null } = { status: "planned", doneOn: null };
        for (const step of history) {
          const doneOn = step.status === "done" || step.status === "verified" ? item.doneOn! : null;
          await recordAudit(tx, {
            ...ACTOR, userId: step.status === "verified" ? med : who, at: at(step.day), action: "status", entity: "action_item",
            entityId: itemId, unitId: planUnit, before: previous,
            after: {
              planId, status: step.status, doneOn,
              ...(step.status === "cancelled" ? { cancelReason: item.cancelReason } : {}),
              ...(step.status === "verified" ? { verifiedBy: med, verifiedOn: step.day } : {}),
            },
          });
          previous = { status: step.status, doneOn };
        }
        items++;
        if (item.evidence && state.doneOn) {
          const evidence = { itemId, notedOn: state.doneOn, note: item.evidence, createdBy: who };
          const [ev] = await tx.insert(itemEvidence).values({ ...evidence, createdAt: at(state.doneOn) }).returning({ id: itemEvidence.id });
          await recordAudit(tx, {
            ...ACTOR, userId: who, at: at(state.doneOn), action: "create", entity: "item_evidence", entityId: ev!.id, unitId: planUnit,
            after: { itemId, planId, notedOn: evidence.notedOn, note: evidence.note },
          });
        }
      }
    }
    for (const review of spec.reviews) {
      if (review.date > today) continue;
      const reviewValues = {
        planId, committeeId: committeeId.get(spec.committee)!, reviewDate: review.date, attendees: review.attendees,
        decisions: review.decisions, nextReviewDate: review.next ?? null, createdBy: med,
      };
      const [row] = await tx.insert(committeeReviews).values({ ...reviewValues, createdAt: at(review.date) }).returning({ id: committeeReviews.id });
      await recordAudit(tx, { ...ACTOR, userId: med, at: at(review.date), action: "create", entity: "committee_review", entityId: row!.id, unitId: planUnit, after: reviewValues });
    }
  }
  return { users: userIds.length, plans, items };
}

