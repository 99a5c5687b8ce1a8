// What the report back to AT says, whichever form it takes (page, HTML file, PDF, DOCX).
import type { SignoffState } from "./signoffs";

export interface ReportFile { id: number; fileName: string; sha256: string; uploadedOn: string; uploadedByName: string | null }

export interface ReportData {
  today: string;
  plan: {
    id: number; title: string; unitName: string; unitCode: string; sourceKind: string; atReference: string | null; atReaction: string | null;
    atVisitDate: string | null; atDecisionDate: string | null; atThemes: string[]; deadline: string | null; appealStatus: string;
    description: string | null; committeeName: string | null;
  };
  focusPoints: {
    id: number; title: string; description: string | null;
    /** Files attached to the focus point itself. */
    files?: ReportFile[];
    items: {
      id: number; title: string; description: string | null; ownerLabel: string | null; dueDate: string | null; status: string;
      doneOn: string | null; cancelReason: string | null; verifiedOn: string | null; verifiedByName: string | null;
      evidence: { id: number; notedOn: string; note: string }[];
      files?: ReportFile[];
    }[];
  }[];
  reviews: { id: number; reviewDate: string; committeeName: string; decisions: string }[];
  /** The recorded sign-offs against this version; absent: blank lines to sign on paper. */
  signoffs?: SignoffState;
}
