// Committees, the demo users and the action plans, written in one transaction with an audit row
// for every record (AT asks for documentation of what was done and when; the demo shows that trail).
import type { Database } from "../client";
import { recordAudit } from "../audit";
import { createUser } from "../queries/users";
import {
  actionItems, actionPlans, committeeReviews, committeeUnits, committees, focusPoints, itemEvidence, units,
} from "../schema";
import { DEMO_LOGINS } from "./logins";
import { COMMITTEES, buildPlanSpecs, itemStateOn, planCreatedOn, type CommitteeKey, type Owner } from "./plan-specs";
import type { DemoData } from "./generate";

const ACTOR = { actor: "seed" };

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
  const managerUnits = [data.roster.atTeamCode, data.roster.otherClusterCode];
  const managerPeople = [data.roster.atTeamManager, data.roster.otherClusterLeader];
  const userIds: number[] = [];
  let managerIndex = 0;
  for (const login of DEMO_LOGINS) {
    const isManager = login.role === "manager";
    const person = isManager ? managerPeople[managerIndex] : null;
    const grant = isManager ? { role: "manager" as const, unitId: idOf(managerUnits[managerIndex]!) } : grants[login.role]!;
    if (isManager) managerIndex++;
    const { id } = await createUser(tx, {
      email: login.email,
      displayName: person?.name ?? login.description.split(":")[0]!,
      password: login.password,
      roles: [grant],
      employeeId: person?.id ?? null,
    }, ACTOR);
    userIds.push(id);
  }
  const userFor = (key: "med" | "atManager" | "admin") =>
    userIds[DEMO_LOGINS.findIndex((l) => (key === "atManager" ? l.role === "manager" : l.role === key))]!;
  const owner = (o: Owner) => ("user" in o ? { ownerUserId: userFor(o.user), ownerName: null } : { ownerUserId: null, ownerName: o.name });

  const specs = buildPlanSpecs(today, {
    atClusterLeader: data.roster.atClusterLeader?.name ?? "Klyngeleder, Klynge Vest",
    doegnHead: data.roster.doegnHead?.name ?? "Afdelingsleder, Døgnafdelingen",
  });
  let plans = 0;
  let items = 0;
  for (const spec of specs) {
    if (planCreatedOn(spec) > today || !unitId.has(spec.unitCode) || !committeeId.has(spec.committee)) continue;
    const source = spec.source;
    const planUnit = idOf(spec.unitCode);
    const values = {
      unitId: planUnit,
      committeeId: committeeId.get(spec.committee)!,
      title: spec.title,
      description: spec.description,
      sourceKind: source.kind,
      createdBy: userFor("med"),
      createdAt: new Date(`${planCreatedOn(spec)}T09:00:00Z`),
      ...(source.kind === "at_decision"
        ? {
            atReference: source.reference, atReaction: "paabud_med_frist" as const, atVisitDate: source.visit,
            atDecisionDate: source.decision, atThemes: source.themes, deadline: source.deadline,
            reportedBackOn: source.reportedBackOn && source.reportedBackOn <= today ? source.reportedBackOn : null,
          }
        : { surveyRound: source.round }),
    };
    const [plan] = await tx.insert(actionPlans).values(values).returning({ id: actionPlans.id });
    await recordAudit(tx, { ...ACTOR, action: "create", entity: "action_plan", entityId: plan!.id, unitId: planUnit, after: values });
    plans++;
    for (const [position, point] of spec.focusPoints.entries()) {
      const [fp] = await tx.insert(focusPoints).values({ planId: plan!.id, position, title: point.title, description: point.description ?? null }).returning({ id: focusPoints.id });
      await recordAudit(tx, { ...ACTOR, action: "create", entity: "focus_point", entityId: fp!.id, unitId: planUnit, after: { planId: plan!.id, title: point.title } });
      for (const item of point.items) {
        const state = itemStateOn(item, today);
        const itemValues = {
          focusPointId: fp!.id, title: item.title, ...owner(item.owner), dueDate: item.due, status: state.status,
          cancelReason: state.status === "cancelled" ? item.cancelReason! : null, doneOn: state.doneOn,
          verifiedBy: state.verifiedOn ? userFor("med") : null,
          verifiedAt: state.verifiedOn ? new Date(`${state.verifiedOn}T12:00:00Z`) : null,
        };
        const [row] = await tx.insert(actionItems).values(itemValues).returning({ id: actionItems.id });
        await recordAudit(tx, { ...ACTOR, action: "create", entity: "action_item", entityId: row!.id, unitId: planUnit, after: itemValues });
        items++;
        if (item.evidence && state.doneOn) {
          const evidence = { itemId: row!.id, notedOn: state.doneOn, note: item.evidence, createdBy: userFor("med") };
          const [ev] = await tx.insert(itemEvidence).values(evidence).returning({ id: itemEvidence.id });
          await recordAudit(tx, { ...ACTOR, action: "create", entity: "item_evidence", entityId: ev!.id, unitId: planUnit, after: evidence });
        }
      }
    }
    for (const review of spec.reviews) {
      if (review.date > today) continue;
      const reviewValues = {
        planId: plan!.id, committeeId: committeeId.get(spec.committee)!, reviewDate: review.date, attendees: review.attendees,
        decisions: review.decisions, nextReviewDate: review.next ?? null, createdBy: userFor("med"),
      };
      const [row] = await tx.insert(committeeReviews).values(reviewValues).returning({ id: committeeReviews.id });
      await recordAudit(tx, { ...ACTOR, action: "create", entity: "committee_review", entityId: row!.id, unitId: planUnit, after: reviewValues });
    }
  }
  return { users: userIds.length, plans, items };
}

