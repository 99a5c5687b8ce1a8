// The words of action plans: status and source labels in Danish and English, the timeline's
// sentences and the risk-radar evidence in plan text. Pure, so pages and the documents sent to
// Arbejdstilsynet (reports/) word a plan alike.
import { formatDate, formatSurveyRound, type Lang } from "./format";

export const LABELS = {
  da: {
    source: { at_decision: "Afgørelse fra Arbejdstilsynet", apv: "APV", survey: "Trivselsmåling", risk_signal: "Risikoradar", other: "Andet" },
    reaction: {
      paabud_med_frist: "Påbud med frist", strakspaabud: "Strakspåbud", forbud: "Forbud",
      afgoerelse_uden_handlepligt: "Afgørelse uden handlepligt", kompetencepaabud: "Kompetencepåbud",
      paabud_om_undersoegelse: "Påbud om undersøgelse",
    },
    theme: {
      workload_time_pressure: "Arbejdsmængde og tidspres", unclear_conflicting_demands: "Uklare og modstridende krav",
      emotional_demands: "Høje følelsesmæssige krav", offensive_acts: "Krænkende handlinger", violence: "Arbejdsrelateret vold",
    },
    appeal: { none: "Ikke påklaget", appealed: "Påklaget", upheld: "Stadfæstet efter klage", overturned: "Omgjort efter klage" },
    status: { planned: "Planlagt", in_progress: "I gang", done: "Udført", verified: "Virkning bekræftet", cancelled: "Annulleret" },
    planStatus: { open: "Åben", closed: "Afsluttet" },
    signal: {
      workload_emotional: "Arbejdsmængde og tidspres med høje følelsesmæssige krav",
      unclear_demands: "Uklare og modstridende krav", turnover: "Personaleomsætning",
    },
    error: {
      required: "Skal udfyldes.", invalid_date: "Ugyldig dato.", too_long: "Teksten er for lang.", invalid: "Ugyldig værdi.",
      unknown: "Findes ikke.", before_visit: "Afgørelsen kan ikke ligge før besøget.",
      before_decision: "Fristen kan ikke ligge før afgørelsen.", owner_required: "Angiv en ansvarlig: en bruger eller et navn.",
      not_allowed: "Den statusændring er ikke tilladt.", reason_required: "Angiv en begrundelse for annulleringen.",
      same_status: "Indsatsen har allerede den status.", not_after_review: "Næste behandling skal ligge efter denne.",
      forbidden: "Du har ikke ret til denne ændring.", not_in_plan: "Hører ikke til denne handleplan.",
      committee_not_covering: "Udvalget dækker ikke planens enhed.",
    } as Record<string, string>,
  },
  en: {
    source: { at_decision: "Working Environment Authority decision", apv: "Workplace assessment (APV)", survey: "Wellbeing survey", risk_signal: "Risk radar", other: "Other" },
    reaction: {
      paabud_med_frist: "Improvement notice with deadline", strakspaabud: "Immediate improvement notice", forbud: "Prohibition",
      afgoerelse_uden_handlepligt: "Ruling without required action", kompetencepaabud: "Notice to bring in competent help",
      paabud_om_undersoegelse: "Notice to investigate",
    },
    theme: {
      workload_time_pressure: "Workload and time pressure", unclear_conflicting_demands: "Unclear and conflicting demands",
      emotional_demands: "High emotional demands", offensive_acts: "Offensive acts", violence: "Work-related violence",
    },
    appeal: { none: "Not appealed", appealed: "Appealed", upheld: "Upheld on appeal", overturned: "Overturned on appeal" },
    status: { planned: "Planned", in_progress: "In progress", done: "Done", verified: "Verified effective", cancelled: "Cancelled" },
    planStatus: { open: "Open", closed: "Closed" },
    signal: {
      workload_emotional: "Workload and time pressure with high emotional demands",
      unclear_demands: "Unclear and conflicting demands", turnover: "Staff turnover",
    },
    error: {
      required: "Required.", invalid_date: "Invalid date.", too_long: "The text is too long.", invalid: "Invalid value.",
      unknown: "Does not exist.", before_visit: "The decision cannot be before the visit.",
      before_decision: "The deadline cannot be before the decision.", owner_required: "Name an owner: a user or a person.",
      not_allowed: "That status change is not allowed.", reason_required: "Give a reason for cancelling.",
      same_status: "The item already has that status.", not_after_review: "The next review must be after this one.",
      forbidden: "You may not make this change.", not_in_plan: "Does not belong to this plan.",
      committee_not_covering: "The committee does not cover the plan's unit.",
    } as Record<string, string>,
  },
};

export function label<T extends Record<string, string>>(table: T, key: string | null | undefined): string {
  if (!key) return "–";
  return (table as Record<string, string>)[key] ?? key;
}

/** One line per piece of risk-radar evidence (domain/risk.ts RiskEvidence), in Danish for the plan text. */
export function describeRiskEvidence(evidence: unknown, dimensionLabels: Record<string, string> = {}): string[] {
  if (!Array.isArray(evidence)) return [];
  const n = (v: unknown) => (typeof v === "number" ? v.toLocaleString("da-DK", { maximumFractionDigits: 1 }) : "–");
  return evidence.map((e: Record<string, unknown>) => {
    switch (e.kind) {
      case "weeks_over_cases_per_fte":
        return `Sager pr. årsværk over grænsen i ${e.weeks} af ${e.of} uger (${(e.values as unknown[]).map(n).join(", ")}).`;
      case "emotional_share_over":
        return `Andel sager med følelsesmæssigt belastende forhold over grænsen i ugen fra ${formatDate("da", String(e.week))}: ${n(e.value)} %.`;
      case "weeks_with_mismatch":
        return `Sager hos medarbejdere uden den nødvendige kompetence i ${e.weeks} af ${e.of} uger.`;
      case "survey_worse":
        return `Trivselsmåling ${formatSurveyRound("da", String(e.round)).toLowerCase()}, ${dimensionLabels[String(e.dimension)] ?? e.dimension}: ${n(e.team)} mod organisationens ${n(e.organisation)} (${n(e.pointsWorse)} point dårligere).`;
      case "turnover_over":
        return `Personaleomsætning de seneste 12 måneder ${n(e.pct)} % (grænse ${n(e.threshold)} %).`;
      case "manager_departures":
        return `${e.count} lederfratrædelser de seneste 12 måneder.`;
      default:
        return JSON.stringify(e);
    }
  });
}

export const SIGNAL_THEMES: Record<string, string[]> = {
  workload_emotional: ["workload_time_pressure", "emotional_demands"],
  unclear_demands: ["unclear_conflicting_demands"],
  turnover: [],
};

export interface ChangeLike {
  action: string; entity: string; subject: string | null; before: unknown; after: unknown;
}

/** One line of the timeline for an audit row of a plan, its focus points, items or evidence. */
export function describeChange(c: ChangeLike, lang: Lang): string {
  const L = LABELS[lang];
  const before = (c.before ?? {}) as Record<string, unknown>;
  const after = (c.after ?? {}) as Record<string, unknown>;
  const subject = c.subject ? `»${c.subject}«` : "";
  const da = lang === "da";
  switch (`${c.entity}:${c.action}`) {
    case "action_plan:create": return da ? "Handleplanen oprettet" : "Action plan created";
    case "action_plan:update": {
      const parts: string[] = [];
      if (before.status !== after.status) parts.push(label(L.planStatus, String(after.status)));
      if (before.appealStatus !== after.appealStatus) parts.push(label(L.appeal, String(after.appealStatus)));
      if (before.reportedBackOn !== after.reportedBackOn) {
        parts.push(`${da ? "tilbagemelding sendt" : "report back sent"} ${formatDate(lang, after.reportedBackOn as string | null)}`);
      }
      return `${da ? "Planen ændret" : "Plan changed"}: ${parts.join(", ")}`;
    }
    case "focus_point:create": return `${da ? "Fokuspunkt tilføjet" : "Focus point added"}: ${subject}`;
    case "action_item:create": return `${da ? "Indsats tilføjet" : "Action item added"}: ${subject}`;
    case "action_item:status": {
      const text = `${subject}: ${label(L.status, String(before.status ?? ""))} → ${label(L.status, String(after.status ?? ""))}`;
      return after.cancelReason ? `${text} (${after.cancelReason})` : text;
    }
    case "action_item:update": {
      const parts: string[] = [];
      if (before.dueDate !== after.dueDate) {
        parts.push(`${da ? "frist" : "due"} ${formatDate(lang, before.dueDate as string | null)} → ${formatDate(lang, after.dueDate as string | null)}`);
      }
      if (before.ownerUserId !== after.ownerUserId || before.ownerName !== after.ownerName) parts.push(da ? "ny ansvarlig" : "new owner");
      if (before.title !== after.title || before.description !== after.description) parts.push(da ? "ny tekst" : "new text");
      return `${subject}: ${parts.join(", ")}`;
    }
    case "item_evidence:create":
      return `${da ? "Dokumentation til" : "Evidence for"} ${subject}: ${formatDate(lang, after.notedOn as string)} – ${after.note ?? ""}`;
    case "evidence_file:upload":
      return `${da ? "Fil vedhæftet" : "File attached to"} ${subject}: ${after.fileName ?? ""}`;
    case "report_signoff:sign_as_management":
      return da ? `Tilbagemeldingen underskrevet for ledelsen (version ${String(after.reportVersion ?? "").slice(0, 12)})` : `Report back signed for management (version ${String(after.reportVersion ?? "").slice(0, 12)})`;
    case "report_signoff:sign_as_safety_representative":
      return da ? `Tilbagemeldingen underskrevet af arbejdsmiljørepræsentanten (version ${String(after.reportVersion ?? "").slice(0, 12)})` : `Report back signed by the safety representative (version ${String(after.reportVersion ?? "").slice(0, 12)})`;
    case "report_signoff:confirm_employees_informed":
      return da ? `Bekræftet at de ansatte er orienteret (${formatDate(lang, after.onDate as string | null)})` : `Confirmed that the employees were informed (${formatDate(lang, after.onDate as string | null)})`;
    case "report_signoff:record_sent_to_at":
      return da ? `Tilbagemeldingen sendt til Arbejdstilsynet (OnlineAt) ${formatDate(lang, after.onDate as string | null)}` : `Report back filed with the Working Environment Authority (OnlineAt) on ${formatDate(lang, after.onDate as string | null)}`;
    default: return `${c.entity} ${c.action}`;
  }
}
