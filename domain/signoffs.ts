// The sign-offs of a report back, decided from the recorded rows and the report's current version.
// Pure: the presenter reads the rows, the route asks signoffProblem before it writes.
/** The kinds of sign-off; the schema (report_signoffs.kind) takes its check from this list. */
export const REPORT_SIGNOFF_KINDS = ["management", "safety_rep", "employees_informed", "sent_to_at"] as const;
export type ReportSignoffKind = (typeof REPORT_SIGNOFF_KINDS)[number];

export interface SignoffRecord {
  id: number; kind: ReportSignoffKind; userId: number | null; signerName: string; reportHash: string;
  onDate: string | null; /** Copenhagen time, YYYY-MM-DDTHH:MM */ signedAt: string;
}
export type SignoffNow = SignoffRecord & { current: boolean };

export interface SignoffState {
  version: string;
  management: SignoffNow | null;
  safetyRep: SignoffNow | null;
  employeesInformed: SignoffNow | null;
  sentToAt: SignoffNow | null;
  /** Signatures and the confirmation given for an earlier version: the report changed after signing. */
  voided: SignoffRecord[];
  /** Both signatures and the confirmation stand for the current version. */
  complete: boolean;
}

/** The latest record of each kind; a record is current when it was given for this version. */
export function signoffState(records: readonly SignoffRecord[], version: string): SignoffState {
  const latest = (kind: ReportSignoffKind): SignoffNow | null => {
    const own = records.filter((r) => r.kind === kind).sort((a, b) => (a.signedAt === b.signedAt ? a.id - b.id : a.signedAt < b.signedAt ? -1 : 1));
    const last = own[own.length - 1];
    return last ? { ...last, current: last.reportHash === version } : null;
  };
  const management = latest("management");
  const safetyRep = latest("safety_rep");
  const employeesInformed = latest("employees_informed");
  const sentToAt = latest("sent_to_at");
  const voided = [management, safetyRep, employeesInformed].filter((s): s is SignoffNow => !!s && !s.current).map(({ current: _c, ...r }) => r);
  return {
    version, management, safetyRep, employeesInformed, sentToAt, voided,
    complete: !!management?.current && !!safetyRep?.current && !!employeesInformed?.current,
  };
}

export interface SignerRights {
  userId: number;
  /** A manager of the plan's unit (sign_report_management). */
  management: boolean;
  /** A MED member whose committee covers the plan's unit (sign_report_safety). */
  safetyRep: boolean;
  /** edit_plans on the plan's unit: records that it was filed in OnlineAt. */
  edit: boolean;
}

export type SignoffProblem = "forbidden" | "same_person" | "already_signed" | "not_signed";

/**
 * Why this user may not record this kind now, or null. One person never signs as both management
 * and safety representative of the same version; a current signature is not signed again; the
 * report back is recorded as sent only once both have signed and the employees were informed, and
 * once per version (a new version, signed again, may be filed again).
 */
export function signoffProblem(kind: ReportSignoffKind, rights: SignerRights, state: SignoffState): SignoffProblem | null {
  const other = (s: SignoffNow | null) => !!s?.current && s.userId === rights.userId;
  switch (kind) {
    case "management":
      if (!rights.management) return "forbidden";
      if (state.management?.current) return "already_signed";
      return other(state.safetyRep) ? "same_person" : null;
    case "safety_rep":
      if (!rights.safetyRep) return "forbidden";
      if (state.safetyRep?.current) return "already_signed";
      return other(state.management) ? "same_person" : null;
    case "employees_informed":
      if (!rights.safetyRep) return "forbidden";
      return state.employeesInformed?.current ? "already_signed" : null;
    case "sent_to_at":
      if (!rights.edit) return "forbidden";
      if (!state.complete) return "not_signed";
      return state.sentToAt?.current ? "already_signed" : null;
  }
}
