import fs from "node:fs";
import { renderReportPdf } from "/work/wt/i17/reports/report-pdf";
import { signoffState } from "/work/wt/i17/reports/signoffs";
const data: any = {
  today: "2025-06-16",
  plan: { id: 3, title: "Påbud om arbejdsmængde og tidspres – Døgnafdelingen", unitName: "Døgnafdelingen Æblehaven", unitCode: "D1", sourceKind: "at_decision",
    atReference: "20250410-12345", atReaction: "paabud_med_frist", atVisitDate: "2025-03-20", atDecisionDate: "2025-04-10", atThemes: ["workload_time_pressure", "emotional_demands"],
    deadline: "2025-09-01", appealStatus: "none", description: "Økonomi og sagsfordeling gennemgås; særlig fokus på følelsesmæssige krav.", committeeName: "Lokal-MED Børn og Unge" },
  focusPoints: Array.from({ length: 4 }, (_, k) => ({ id: k, title: `Fokuspunkt ${k + 1}: Klare roller og arbejdsgange`, description: "Beskrivelse med æøå ÆØÅ.",
    files: [{ id: 9, fileName: "referat-møde.pdf", sha256: "x", uploadedOn: "2025-05-01", uploadedByName: "Søren Ødegaard" }],
    items: Array.from({ length: 3 }, (_, j) => ({ id: j, title: `Indsats ${j + 1}: sagsfordelingsmøde hver uge`, description: "Lederen og tovholderen fordeler sager.", ownerLabel: "Mette Ærø", dueDate: "2025-05-01", status: ["done", "verified", "in_progress"][j],
      doneOn: "2025-04-30", cancelReason: null, verifiedOn: "2025-05-10", verifiedByName: "Per", evidence: [{ id: 1, notedOn: "2025-04-30", note: "Mødeplan vedtaget i MED." }],
      files: [{ id: 10, fileName: "mødeplan.docx", sha256: "y", uploadedOn: "2025-04-30", uploadedByName: "Mette Ærø" }] })) })),
  reviews: [{ id: 1, reviewDate: "2025-05-15", committeeName: "Lokal-MED", decisions: "Planen følges; næste status i juni." }],
};
data.signoffs = signoffState([{ id: 1, kind: "management", userId: 1, signerName: "Lise Åberg", reportHash: "abc", onDate: null, signedAt: "2025-06-16T10:42:00" },
  { id: 2, kind: "safety_rep", userId: 2, signerName: "Jørgen Ærø", reportHash: "old", onDate: null, signedAt: "2025-06-15T09:00:00" }], "abc");
fs.writeFileSync("/tmp/i17-report.pdf", await renderReportPdf(data));
