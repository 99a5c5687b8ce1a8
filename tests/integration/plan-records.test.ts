// Evidence files, sign-offs, the report back as PDF and DOCX read back, the meeting PDF and the APV,
// on real Postgres with a fixed "today".
//
// Organisation (auth-fixtures.ts): ORG → CA (TA1, TA2), CB (TB1). MED-A covers CA's subtree.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { createUser } from "../../db/commands/users";
import { queryRows } from "../../db/client";
import { addEvidence, addFocusPoint, addItem, changeItemStatus, createPlan } from "../../db/commands/plans";
import { getMeeting, planChanges } from "../../db/presenters/plan-views";
import { addEvidenceFile } from "../../db/commands/evidence-files";
import { evidenceFileContent, listEvidenceFiles } from "../../db/presenters/evidence-files";
import { getReportBack } from "../../db/presenters/report-back";
import { recordSignoff } from "../../db/commands/report-signoffs";
import { InputError } from "../../db/commands/input-error";
import { addApvProblem, createApvRound, recordApvFollowUp } from "../../db/commands/apv";
import { apvRevisionsDue, getApvRound, listApvRounds } from "../../db/presenters/apv";
import { can } from "../../domain/access";
import { loadPrincipal } from "../../db/principal";
import { renderReportPdf } from "../../reports/report-pdf";
import { renderReportDocx } from "../../reports/report-docx";
import { renderMeetingPdf } from "../../reports/meeting-pdf";
import type { SignerRights } from "../../domain/signoffs";
import { describeChange } from "../../domain/plan-labels";

const TODAY = "2025-06-16";
let database: TestDatabase;
let org: OrgFixture;
const users: Record<"managerCA" | "managerTA1" | "medA", number> = {} as never;
let planId: number;
let fpId: number;
let itemId: number;
let fileId: number;

async function rights(userId: number, unitId: number): Promise<SignerRights> {
  const [u] = await queryRows<{ id: number; email: string; displayName: string }>(database.db, sql`
    select id, email, display_name as "displayName" from users where id = ${userId}`);
  const principal = await loadPrincipal(database.db, { ...u, language: "da", employeeId: null });
  return {
    userId,
    management: can(principal, "sign_report_management", unitId),
    safetyRep: can(principal, "sign_report_safety", unitId),
    edit: can(principal, "edit_plans", unitId),
  };
}

async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  return { text: text.replace(/\s+/g, " "), pages: totalPages };
}

const savedToday = process.env.APP_TODAY;

beforeAll(async () => {
  // Signatures and uploads are stamped by the product's clock.
  process.env.APP_TODAY = TODAY;
  database = await createTestDatabase("plan_rec");
  const db = database.db;
  org = await buildOrg(db);
  users.managerCA = (await createUser(db, { email: "ca@x.dk", displayName: "Lise Åberg", roles: [{ role: "manager", unitId: org.unit.CA }] })).id;
  users.managerTA1 = (await createUser(db, { email: "ta1@x.dk", displayName: "Leder A1", roles: [{ role: "manager", unitId: org.unit.TA1 }] })).id;
  users.medA = (await createUser(db, { email: "med@x.dk", displayName: "Jørgen Ærø", roles: [{ role: "med", committeeId: org.committee.MED_A }] })).id;
  const by = { userId: users.medA };
  planId = (await createPlan(db, {
    unitId: org.unit.CA, title: "Påbud: høje følelsesmæssige krav", sourceKind: "at_decision", atReference: "2025-778",
    atReaction: "paabud_med_frist", atVisitDate: "2025-03-20", atDecisionDate: "2025-04-10", atThemes: ["emotional_demands"], deadline: "2025-09-01",
  }, by)).id;
  fpId = (await addFocusPoint(db, { planId, title: "Læringsrum og sparring" }, by)).id;
  itemId = (await addItem(db, { focusPointId: fpId, title: "Faste sparringsmøder", ownerUserId: users.managerTA1, dueDate: "2025-05-01" }, by)).id;
  await changeItemStatus(db, { itemId, to: "in_progress" }, by, "2025-04-20");
  await changeItemStatus(db, { itemId, to: "done" }, by, "2025-05-01");
  await addEvidence(db, { itemId, notedOn: "2025-05-01", note: "Mødeplan vedtaget i MED-udvalget" }, by);
});

afterAll(async () => {
  if (savedToday === undefined) delete process.env.APP_TODAY;
  else process.env.APP_TODAY = savedToday;
  await database?.drop();
});

describe("evidence files", () => {
  it("stores the bytes with who and when, lists them without bytes, and audits the upload", async () => {
    const content = new TextEncoder().encode("%PDF-1.4\nreferat\n%%EOF\n");
    fileId = (await addEvidenceFile(database.db, { target: { itemId }, fileName: "Referat – sparring.pdf", kind: "pdf", content }, { userId: users.managerTA1 })).id;
    const [listed] = await listEvidenceFiles(database.db, planId);
    expect(listed).toMatchObject({ id: fileId, itemId, focusPointId: null, fileName: "Referat – sparring.pdf", kind: "pdf", sizeBytes: content.length, uploadedByName: "Leder A1" });
    expect(listed.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = await evidenceFileContent(database.db, fileId);
    expect(Buffer.from(stored!.content).equals(Buffer.from(content))).toBe(true);
    const changes = await planChanges(database.db, planId);
    const upload = changes.find((c) => c.entity === "evidence_file");
    expect(upload?.action).toBe("upload");
    expect(describeChange(upload!, "da")).toBe("Fil vedhæftet »Faste sparringsmøder«: Referat – sparring.pdf");
  });

  it("refuses a file on neither or both of an item and a focus point (database check)", async () => {
    await expect(database.db.execute(sql`insert into evidence_files (plan_id, file_name, kind, size_bytes, sha256, content)
      values (${planId}, 'x.pdf', 'pdf', 1, 'x', 'x'::bytea)`)).rejects.toSatisfy((e) => String((e as Error).cause).includes("evidence_files_one_target"));
  });
});

describe("sign-offs of the report back", () => {
  it("gives the signing rights by role on the plan's unit", async () => {
    expect(await rights(users.managerCA, org.unit.CA)).toMatchObject({ management: true, safetyRep: false });
    // A manager of a team below the plan's unit is not management for the cluster's plan.
    expect(await rights(users.managerTA1, org.unit.CA)).toMatchObject({ management: false, safetyRep: false });
    expect(await rights(users.medA, org.unit.CA)).toMatchObject({ management: false, safetyRep: true });
  });

  it("records both signatures, the confirmation and the filing, with the plan's timeline showing them", async () => {
    const db = database.db;
    let report = (await getReportBack(db, planId, TODAY))!;
    const v1 = report.signoffs!.version;
    await expect(recordSignoff(db, { planId, kind: "sent_to_at", version: v1, onDate: TODAY, today: TODAY }, await rights(users.managerCA, org.unit.CA), { userId: users.managerCA }))
      .rejects.toThrow(InputError);
    await recordSignoff(db, { planId, kind: "management", version: v1, today: TODAY }, await rights(users.managerCA, org.unit.CA), { userId: users.managerCA });
    await recordSignoff(db, { planId, kind: "safety_rep", version: v1, today: TODAY }, await rights(users.medA, org.unit.CA), { userId: users.medA });
    await recordSignoff(db, { planId, kind: "employees_informed", version: v1, onDate: "2025-06-12", today: TODAY }, await rights(users.medA, org.unit.CA), { userId: users.medA });
    report = (await getReportBack(db, planId, TODAY))!;
    expect(report.signoffs).toMatchObject({
      version: v1, complete: true, management: { signerName: "Lise Åberg", current: true }, safetyRep: { signerName: "Jørgen Ærø", current: true },
      employeesInformed: { onDate: "2025-06-12", current: true },
    });
    await recordSignoff(db, { planId, kind: "sent_to_at", version: v1, onDate: "2025-06-16", today: TODAY }, await rights(users.managerCA, org.unit.CA), { userId: users.managerCA });
    const [plan] = await queryRows<{ reportedBackOn: string }>(db, sql`select reported_back_on::text as "reportedBackOn" from action_plans where id = ${planId}`);
    expect(plan.reportedBackOn).toBe("2025-06-16");
    const lines = (await planChanges(db, planId)).filter((c) => c.entity === "report_signoff").map((c) => describeChange(c, "da"));
    expect(lines).toEqual([
      `Tilbagemeldingen underskrevet for ledelsen (version ${v1.slice(0, 12)})`,
      `Tilbagemeldingen underskrevet af arbejdsmiljørepræsentanten (version ${v1.slice(0, 12)})`,
      "Bekræftet at de ansatte er orienteret (12.6.2025)",
      "Tilbagemeldingen sendt til Arbejdstilsynet (OnlineAt) 16.6.2025",
    ]);
  });

  it("renders the PDF with the decision, the evidence and the recorded signatures, page numbered", async () => {
    const report = (await getReportBack(database.db, planId, TODAY))!;
    const bytes = await renderReportPdf(report);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const { text, pages } = await pdfText(bytes);
    for (const expected of [
      "Tilbagemelding til Arbejdstilsynet", "Påbud: høje følelsesmæssige krav", "2025-778", "Påbud med frist af 10.4.2025",
      "Læringsrum og sparring", "Faste sparringsmøder", "Udført 1.5.2025", "Mødeplan vedtaget i MED-udvalget",
      "Bilag: Referat – sparring.pdf", "Lise Åberg, 16.6.2025 kl. 14.00", "Jørgen Ærø, 16.6.2025 kl. 14.00", "Bilag: Referat – sparring.pdf (16.6.2025, Leder A1)", "de ansatte blev orienteret 12.6.2025",
      "16.6.2025 via OnlineAt", `Side 1 af ${pages}`,
    ]) expect(text).toContain(expected);
    expect(text).not.toContain("GÆLDER IKKE");
  });

  it("renders the same report as an editable Word document", async () => {
    const report = (await getReportBack(database.db, planId, TODAY))!;
    const zip = await JSZip.loadAsync(await renderReportDocx(report));
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    for (const expected of ["Tilbagemelding til Arbejdstilsynet", "Faste sparringsmøder", "Bilag: Referat – sparring.pdf", "Lise Åberg", "Jørgen Ærø", "Læringsrum og sparring"]) {
      expect(text).toContain(expected);
    }
    const footer = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n))!;
    expect(await zip.file(footer)!.async("string")).toContain("PAGE");
  });

  it("voids the signatures when the report changes after signing, says so, and refuses the old version", async () => {
    const db = database.db;
    const before = (await getReportBack(db, planId, TODAY))!.signoffs!.version;
    await addEvidence(db, { itemId, notedOn: TODAY, note: "Evaluering efter tre måneder" }, { userId: users.medA });
    const report = (await getReportBack(db, planId, TODAY))!;
    expect(report.signoffs!.version).not.toBe(before);
    expect(report.signoffs).toMatchObject({ complete: false, management: { current: false }, safetyRep: { current: false } });
    expect(report.signoffs!.voided.map((v) => v.kind).sort()).toEqual(["employees_informed", "management", "safety_rep"]);
    const { text } = await pdfText(await renderReportPdf(report));
    expect(text).toContain("GÆLDER IKKE: rapporten er ændret efter underskrift");
    await expect(recordSignoff(db, { planId, kind: "management", version: before, today: TODAY }, await rights(users.managerCA, org.unit.CA), { userId: users.managerCA }))
      .rejects.toMatchObject({ code: "stale_version" });
    await recordSignoff(db, { planId, kind: "management", version: report.signoffs!.version, today: TODAY }, await rights(users.managerCA, org.unit.CA), { userId: users.managerCA });
    expect((await getReportBack(db, planId, TODAY))!.signoffs!.management?.current).toBe(true);
  });
});

describe("meeting summary PDF", () => {
  it("lists the committee's plans with their changes", async () => {
    const meeting = (await getMeeting(database.db, org.committee.MED_A, "all", TODAY))!;
    const { text } = await pdfText(await renderMeetingPdf(meeting, TODAY));
    expect(text).toContain("Handleplaner til mødet i MED Klynge A");
    expect(text).toContain("Status pr. 16.6.2025");
    expect(text).toContain("Påbud: høje følelsesmæssige krav");
    expect(text).toContain("Fil vedhæftet »Faste sparringsmøder«");
    expect(text).toContain("Side 1 af");
  });
});

describe("APV", () => {
  let roundId: number;

  it("records a round with its method and sickness-absence note and gives the three-year revision date", async () => {
    roundId = (await createApvRound(database.db, {
      unitId: String(org.unit.TA1), title: "APV 2022", roundDate: "2022-09-01", method: "questionnaire",
      sicknessAbsenceNote: "Sygefraværet steg fra 4,1 % til 6,3 %", methodNote: "Svarprocent 84",
    }, { userId: users.medA }, TODAY)).id;
    await createApvRound(database.db, { unitId: org.unit.TA2, title: "APV 2024", roundDate: "2024-03-01", method: "dialogue_meeting", sicknessAbsenceNote: "Uændret" }, { userId: users.medA }, TODAY);
    const rows = await listApvRounds(database.db, new Set([org.unit.TA1]), TODAY);
    expect(rows).toEqual([expect.objectContaining({ id: roundId, revisionDue: "2025-09-01", daysToRevision: 77, latest: true, problems: 0 })]);
    await expect(createApvRound(database.db, { unitId: org.unit.TA1, title: "x", roundDate: "2025-07-01", method: "other", sicknessAbsenceNote: "x" }, {}, TODAY))
      .rejects.toMatchObject({ fieldErrors: { roundDate: "in_future" } });
    await expect(createApvRound(database.db, { unitId: org.unit.TA1, title: "x", roundDate: "2025-01-01", method: "other", sicknessAbsenceNote: " " }, {}, TODAY))
      .rejects.toMatchObject({ fieldErrors: { sicknessAbsenceNote: "required" } });
  });

  it("keeps each problem's measure, responsible, deadline and follow-up; late open problems count as overdue", async () => {
    const late = (await addApvProblem(database.db, { roundId, problem: "Tidspres ved sagsopstart", measure: "Fast visitationsmøde", responsible: "Teamleder", deadline: "2025-03-01" }, {})).id;
    await addApvProblem(database.db, { roundId, problem: "Støj i storrum", measure: "Lydabsorbenter", responsible: "Centerchef", deadline: "2025-12-01" }, {});
    let detail = (await getApvRound(database.db, roundId, TODAY))!;
    expect(detail.round).toMatchObject({ problems: 2, open: 2, overdue: 1, sicknessAbsenceNote: "Sygefraværet steg fra 4,1 % til 6,3 %" });
    await recordApvFollowUp(database.db, { problemId: late, followUpOn: "2025-06-10", followUpNote: "Mødet holdes; tidspresset er mindre" }, {}, TODAY);
    detail = (await getApvRound(database.db, roundId, TODAY))!;
    expect(detail.round).toMatchObject({ open: 1, overdue: 0 });
    expect(detail.problems.find((p) => p.id === late)).toMatchObject({ followUpOn: "2025-06-10", overdue: false });
  });

  it("apvRevisionsDue lists units whose latest round is due within the window, most pressing first", async () => {
    expect(await apvRevisionsDue(database.db, TODAY, 90)).toEqual([
      expect.objectContaining({ unitId: org.unit.TA1, roundId, revisionDue: "2025-09-01", daysLeft: 77 }),
    ]);
    expect(await apvRevisionsDue(database.db, TODAY, 76)).toEqual([]);
    const later = await apvRevisionsDue(database.db, "2027-03-01", 0);
    expect(later.map((r) => [r.unitId, r.daysLeft])).toEqual([[org.unit.TA1, -546], [org.unit.TA2, 0]]);
  });
});
