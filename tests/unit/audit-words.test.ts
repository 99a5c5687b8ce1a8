import { describe, expect, it } from "vitest";
import { AUDIT_WORDING, describeAudit, entityLabel, isWorded, type AuditFacts } from "../../domain/audit-words";

const facts = (over: Partial<AuditFacts>): AuditFacts => ({
  action: "create", entity: "action_plan", entityId: "7", who: "Maria Lund", before: null, after: null, subject: null, plan: null, ...over,
});

describe("audit events in words", () => {
  it("says who approved which item in which plan, in Danish and English", () => {
    const f = facts({ action: "status", entity: "action_item", subject: "Fast sparring", plan: "Påbud: uklare krav", before: { status: "done" }, after: { status: "verified", planId: 3 } });
    expect(describeAudit(f, "da")).toBe("Maria Lund godkendte indsatsen »Fast sparring« (virkningen bekræftet) i handleplanen »Påbud: uklare krav«");
    expect(describeAudit(f, "en")).toBe("Maria Lund approved the action item “Fast sparring” (verified effective) in the action plan “Påbud: uklare krav”");
  });

  it("gives the reason of a cancellation and the old and new date of a moved due date", () => {
    expect(describeAudit(facts({ action: "status", entity: "action_item", subject: "Workshop", after: { status: "cancelled", cancelReason: "Erstattet af sparring" } }), "da"))
      .toBe("Maria Lund annullerede indsatsen »Workshop« (begrundelse: Erstattet af sparring)");
    expect(describeAudit(facts({ action: "update", entity: "action_item", subject: "Workshop", before: { dueDate: "2025-06-01", title: "Workshop" }, after: { dueDate: "2025-07-15", title: "Workshop", planId: 1 } }), "da"))
      .toBe("Maria Lund flyttede fristen for indsatsen »Workshop« fra 1.6.2025 til 15.7.2025");
    expect(describeAudit(facts({ action: "update", entity: "action_item", subject: "Workshop", before: { title: "A", ownerName: "X" }, after: { title: "B", ownerName: "Y" } }), "en"))
      .toBe("Maria Lund changed the action item “Workshop” (title, owner)");
  });

  it("words closing a plan and recording the report back together", () => {
    const f = facts({ action: "update", subject: "Påbud", before: { status: "open", reportedBackOn: null, appealStatus: "none" }, after: { status: "closed", reportedBackOn: "2025-08-30", appealStatus: "none" } });
    expect(describeAudit(f, "da")).toBe("Maria Lund lukkede handleplanen »Påbud« og registrerede tilbagemeldingen til AT den 30.8.2025 for handleplanen »Påbud«");
  });

  it("falls back to the title kept in the row's snapshot, and to the number", () => {
    expect(describeAudit(facts({ after: { title: "Slettet plan" } }), "da")).toBe("Maria Lund oprettede handleplanen »Slettet plan«");
    expect(describeAudit(facts({}), "en")).toBe("Maria Lund created the action plan #7");
  });

  it("names jobs, the command line and the system when no user acted", () => {
    expect(describeAudit(facts({ who: null, action: "import.accepted", entity: "import_log", after: { fileName: "hr.csv", kind: "employments", rowsTotal: 10, rowsChanged: 4 } }), "da"))
      .toBe("Systemet importerede filen »hr.csv« (employments): 10 rækker, 4 ændret");
    expect(describeAudit(facts({ who: "cli:root", action: "create", entity: "user", subject: "Ny Admin" }), "en")).toBe("The command line (root) created the user “Ny Admin”");
    expect(describeAudit(facts({ who: "job:notifications", action: "run_now", entity: "job", entityId: "mail" }), "da")).toBe("Jobbet notifications startede jobbet »mail« manuelt");
  });

  it("words an event nobody has worded yet readably, without JSON", () => {
    const f = facts({ action: "sign_off", entity: "report_signature", entityId: "12", plan: "Påbud", after: { role: "safety_rep", nested: { x: 1 } } });
    expect(isWorded(f.entity, f.action)).toBe(false);
    expect(describeAudit(f, "da")).toBe("Maria Lund udførte »sign off« på report signature #12 i handleplanen »Påbud«");
    expect(describeAudit(f, "en")).toBe("Maria Lund did “sign off” on report signature #12 in the action plan “Påbud”");
    expect(describeAudit(f, "da")).not.toMatch(/[{}]/);
  });

  it("survives a snapshot of an unexpected shape", () => {
    expect(describeAudit(facts({ action: "status", entity: "action_item", after: "not an object" }), "da")).toMatch(/^Maria Lund /);
    expect(describeAudit(facts({ action: "read", entity: "notification", after: [1, 2] }), "en")).toBe("Maria Lund marked 1 notification as read");
  });

  it("has both languages for every worded event and a label for every known entity", () => {
    for (const [key, wording] of Object.entries(AUDIT_WORDING)) {
      const [entity] = key.split(".");
      const f = facts({ entity, action: key.slice(entity.length + 1) });
      expect(describeAudit(f, "da"), key).not.toBe(describeAudit(f, "en"));
      expect(typeof wording.da(f)).toBe("string");
      expect(entityLabel("da", entity), key).not.toBe(entity);
    }
  });
});
