// Shared by the action-plan pages: labels in Danish and English, field errors, status badges and
// the report back to AT (tilbagemelding), which the report page and its download render alike.
import type { ReactNode } from "react";
import { formatDate, formatInt, type Lang } from "./i18n";
import { LABELS, label } from "../../domain/plan-labels";
import { signoffLinesDa } from "../../reports/signoff-lines";


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


// ---- The report back to AT --------------------------------------------------------------------

export type { ReportData } from "../../domain/report-data";
import type { ReportData } from "../../domain/report-data";

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
