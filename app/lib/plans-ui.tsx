// Shared by the action-plan pages: labels in Danish and English, field errors, status badges and
// the report back to AT (tilbagemelding), which the report page and its download render alike.
import type { ReactNode } from "react";
import { formatDate, formatInt, formatSurveyRound, type Lang } from "./i18n";

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

export function FieldError({ id, code, lang }: { id: string; code: string | undefined; lang: Lang }) {
  if (!code) return null;
  return <p id={id} className="field-error" role="alert">{LABELS[lang].error[code] ?? LABELS[lang].error.invalid}</p>;
}

/** The text is the status; the colour only repeats it. */
export function ItemStatusBadge({ status, lang }: { status: string; lang: Lang }) {
  return <span className={`status plan-status-${status}`}>{label(LABELS[lang].status, status)}</span>;
}

export function ProgressBar({ pct, lang }: { pct: number | null; lang: Lang }) {
  if (pct === null) return <span className="muted">–</span>;
  const text = `${formatInt(lang, pct)} %`;
  return (
    <span className="plan-progress">
      <span className="plan-progress-track" aria-hidden="true"><span className="plan-progress-fill" style={{ width: `${Math.round(pct)}%` }} /></span>
      <span className="plan-progress-text">{text}</span>
    </span>
  );
}

/** "om 12 dage" / "i dag" / "overskredet med 3 dage" */
/** Days left to AT's deadline; once the report back is sent, the day it was sent ("–": no deadline). */
export function DeadlineText({ days, reportedBackOn, lang }: { days: number | null; reportedBackOn: string | null; lang: Lang }) {
  if (reportedBackOn) return <span>{lang === "da" ? "Tilbagemelding sendt" : "Report back sent"} {formatDate(lang, reportedBackOn)}</span>;
  if (days === null) return <span className="muted">–</span>;
  const da = days > 0 ? `${days} dage tilbage` : days === 0 ? "Frist i dag" : `Overskredet med ${-days} dage`;
  const en = days > 0 ? `${days} days left` : days === 0 ? "Due today" : `${-days} days past`;
  return <span className={days < 0 ? "plan-late" : days <= 14 ? "plan-soon" : undefined}>{lang === "da" ? da : en}</span>;
}

/** One line per piece of risk-radar evidence (jobs/metrics/risk.ts RiskEvidence), in Danish for the plan text. */
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

// ---- The report back to AT --------------------------------------------------------------------

export type { ReportData } from "../../reports/report-data";
import type { ReportData } from "../../reports/report-data";

/** Kept as a string so the page and the downloaded file carry the very same A4 layout. */
export const REPORT_CSS = `
.report { max-width: 180mm; margin: 0 auto; background: #fff; color: #111; padding: 12mm 14mm; font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.4; }
.report h1 { font-size: 17pt; margin: 0 0 2mm; }
.report h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; }
.report h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; }
.report dl { display: grid; grid-template-columns: 46mm 1fr; gap: 1mm 4mm; margin: 3mm 0; }
.report dt { font-weight: bold; }
.report dd { margin: 0; }
.report table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; font-size: 10pt; table-layout: fixed; }
.report col.c-what { width: 36%; } .report col.c-owner { width: 17%; } .report col.c-status { width: 20%; } .report col.c-evidence { width: 27%; }
.report th, .report td { border: 1px solid #999; padding: 1.5mm 2mm; text-align: left; vertical-align: top; background: #fff; }
.report th { background: #eee; }
.report ul { margin: 0; padding-left: 4mm; }
.report .report-meta { color: #444; font-size: 9.5pt; }
.report .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 10mm; margin-top: 8mm; break-inside: avoid; }
.report .signature-line { border-bottom: 1px solid #111; height: 12mm; margin-bottom: 1mm; }
.report .confirm { margin-top: 6mm; break-inside: avoid; }
.report .box { display: inline-block; width: 4mm; height: 4mm; border: 1px solid #111; margin-right: 2mm; vertical-align: middle; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  .report { padding: 0; max-width: none; }
  .report h2, .report h3 { break-after: avoid; }
  .report tr { break-inside: avoid; }
}
@media screen and (max-width: 640px) { .report { padding: 4mm; } .report dl { display: block; } .report dd { margin: 0 0 1.5mm; } }
`;

function da(date: string | null | undefined): string {
  return formatDate("da", date);
}

function itemOutcome(item: ReportData["focusPoints"][number]["items"][number]): ReactNode {
  const s = LABELS.da.status;
  switch (item.status) {
    case "verified":
      return <>{s.verified} {item.verifiedOn ? `${da(item.verifiedOn)}` : ""}{item.doneOn ? ` (udført ${da(item.doneOn)})` : ""}</>;
    case "done":
      return <>{s.done} {da(item.doneOn)}</>;
    case "cancelled":
      return <>{s.cancelled}: {item.cancelReason}</>;
    default:
      return <>{label(s, item.status)}, frist {da(item.dueDate)}</>;
  }
}

/** The report back (tilbagemelding), always in Danish: it is written to the Danish authority. */
export function ReportDocument({ data }: { data: ReportData }) {
  const { plan } = data;
  const L = LABELS.da;
  const isAt = plan.sourceKind === "at_decision";
  const themes = plan.atThemes.map((t) => label(L.theme, t).toLowerCase()).join(", ");
  return (
    <article className="report" lang="da">
      <p className="report-meta">{plan.unitName} · {da(data.today)}</p>
      <h1>{isAt ? "Tilbagemelding til Arbejdstilsynet" : "Status på handleplan"}</h1>
      <p><strong>{plan.title}</strong></p>
      {isAt ? (
        <>
          <dl>
            <dt>Arbejdstilsynets sagsnr.</dt><dd>{plan.atReference ?? "–"}</dd>
            <dt>Afgørelse</dt><dd>{label(L.reaction, plan.atReaction)} af {da(plan.atDecisionDate)}</dd>
            <dt>Tilsynsbesøg</dt><dd>{da(plan.atVisitDate)}</dd>
            <dt>Arbejdsmiljøproblem</dt><dd>{themes || "–"}</dd>
            <dt>Frist</dt><dd>{da(plan.deadline)}</dd>
            <dt>Enhed</dt><dd>{plan.unitName}</dd>
            {plan.appealStatus !== "none" ? (<><dt>Klage</dt><dd>{label(L.appeal, plan.appealStatus)}</dd></>) : null}
          </dl>
          <p>
            Vi henviser til Arbejdstilsynets afgørelse af {da(plan.atDecisionDate)} om {label(L.reaction, plan.atReaction).toLowerCase()}
            {plan.atVisitDate ? ` efter tilsynsbesøget den ${da(plan.atVisitDate)}` : ""}{themes ? ` vedrørende ${themes}` : ""}.
            Nedenfor redegør vi for, hvordan problemet er løst: for hvert fokuspunkt hvad der er gjort, hvornår, og hvilken
            dokumentation der findes.
          </p>
        </>
      ) : (
        <dl>
          <dt>Anledning</dt><dd>{label(L.source, plan.sourceKind)}</dd>
          <dt>Enhed</dt><dd>{plan.unitName}</dd>
          <dt>Frist</dt><dd>{da(plan.deadline)}</dd>
        </dl>
      )}
      {plan.description ? <p>{plan.description}</p> : null}

      <h2>Fokuspunkter og indsatser</h2>
      {data.focusPoints.length === 0 ? <p>Der er endnu ikke registreret fokuspunkter.</p> : null}
      {data.focusPoints.map((fp, index) => (
        <section key={fp.id} className="focus">
          <h3>{index + 1}. {fp.title}</h3>
          {fp.description ? <p>{fp.description}</p> : null}
          {fp.files?.length ? <p>Bilag: {fp.files.map((f) => `${f.fileName} (${da(f.uploadedOn)})`).join("; ")}</p> : null}
          {fp.items.length === 0 ? <p>Ingen indsatser registreret.</p> : (
            <table>
              <colgroup><col className="c-what" /><col className="c-owner" /><col className="c-status" /><col className="c-evidence" /></colgroup>
              <thead><tr><th>Indsats</th><th>Ansvarlig</th><th>Status</th><th>Dokumentation</th></tr></thead>
              <tbody>
                {fp.items.map((item) => (
                  <tr key={item.id}>
                    <td>{item.title}{item.description ? <><br /><span className="report-meta">{item.description}</span></> : null}</td>
                    <td>{item.ownerLabel ?? "–"}</td>
                    <td>{itemOutcome(item)}</td>
                    <td>
                      {item.evidence.length === 0 && !item.files?.length ? "–" : (
                        <ul>
                          {item.evidence.map((e) => <li key={e.id}>{da(e.notedOn)}: {e.note}</li>)}
                          {(item.files ?? []).map((f) => <li key={`f-${f.id}`}>Bilag: {f.fileName} ({da(f.uploadedOn)})</li>)}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}

      {data.reviews.length ? (
        <>
          <h2>Opfølgning i MED-systemet</h2>
          <ul>
            {data.reviews.map((r) => <li key={r.id}>{da(r.reviewDate)}, {r.committeeName}: {r.decisions}</li>)}
          </ul>
        </>
      ) : null}

      {data.signoffs ? <RecordedSignoffs state={data.signoffs} isAt={isAt} /> : (<>
      <p className="confirm">
        <span className="box" aria-hidden="true" />
        Arbejdsmiljørepræsentanten bekræfter, at de ansatte er orienteret om {isAt ? "Arbejdstilsynets afgørelse og om denne tilbagemelding" : "handleplanen og denne status"}.
      </p>
      <div className="signatures">
        <div>
          <div className="signature-line" />
          <div>For ledelsen: dato, underskrift og navn</div>
        </div>
        <div>
          <div className="signature-line" />
          <div>Arbejdsmiljørepræsentant: dato, underskrift og navn</div>
        </div>
      </div>
      </>)}
      <p className="report-meta">Udarbejdet {da(data.today)} fra handleplan nr. {plan.id}{plan.committeeName ? `, fulgt af ${plan.committeeName}` : ""}.</p>
    </article>
  );
}

/** "2025-06-16T10:42:05" → "16.06.2025 kl. 10.42" */
function stampDa(stamp: string): string {
  return `${da(stamp.slice(0, 10))} kl. ${stamp.slice(11, 16).replace(":", ".")}`;
}

/** The sign-offs as recorded in the product: who and when, and whether they hold for this version. */
export function signoffLinesDa(state: NonNullable<ReportData["signoffs"]>, isAt: boolean): { label: string; text: string; valid: boolean }[] {
  const sig = (s: typeof state.management, none: string) =>
    !s ? { text: none, valid: false }
      : { text: `${s.signerName}, ${stampDa(s.signedAt)}${s.current ? "" : " – GÆLDER IKKE: rapporten er ændret efter underskrift"}`, valid: s.current };
  const informed = state.employeesInformed;
  return [
    { label: "For ledelsen", ...sig(state.management, "Ikke underskrevet") },
    { label: "Arbejdsmiljørepræsentant", ...sig(state.safetyRep, "Ikke underskrevet") },
    {
      label: "De ansatte er orienteret",
      text: informed
        ? `Bekræftet af ${informed.signerName} ${stampDa(informed.signedAt)}: de ansatte blev orienteret ${da(informed.onDate)} om ${isAt ? "afgørelsen og tilbagemeldingen" : "handleplanen"}${informed.current ? "" : " – GÆLDER IKKE: rapporten er ændret siden"}`
        : "Ikke bekræftet",
      valid: !!informed?.current,
    },
    ...(isAt ? [{
      label: "Sendt til Arbejdstilsynet",
      text: state.sentToAt ? `${da(state.sentToAt.onDate)} via OnlineAt (registreret af ${state.sentToAt.signerName})` : "Ikke registreret",
      valid: !!state.sentToAt,
    }] : []),
  ];
}

function RecordedSignoffs({ state, isAt }: { state: NonNullable<ReportData["signoffs"]>; isAt: boolean }) {
  return (
    <section className="confirm">
      <h2>Underskrifter</h2>
      <dl>
        {signoffLinesDa(state, isAt).map((line) => (
          <div key={line.label} style={{ display: "contents" }}><dt>{line.label}</dt><dd>{line.text}</dd></div>
        ))}
        <dt>Rapportens version</dt><dd>{state.version.slice(0, 12)}</dd>
      </dl>
    </section>
  );
}
