import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import plansCss from "~/styles/plans.css";
import { formatDate, formatSurveyRound, useLang, useT } from "~/lib/i18n";
import { DeadlineText, FieldError, ItemStatusBadge, ProgressBar } from "~/lib/plans-ui";
import { LABELS, describeChange, label } from "../../domain/plan-labels";
import { EvidenceFileList, EvidenceUploadForm, EvidenceUploadNotice, SignoffSummary } from "~/lib/plan-records-ui";
import { ScrollRegion } from "~/lib/scroll-region";
import type { loader } from "./plans.$id.server";

export { loader, action } from "./plans.$id.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: plansCss }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.detail.plan.title ?? "Handleplan"} · Arbejdsmiljø og belastning` },
];

const TEXTS = {
  da: {
    back: "Alle handleplaner", report: "Tilbagemelding til AT", reportOther: "Statusrapport", unit: "Enhed", source: "Anledning",
    atReference: "AT's sagsnummer", reaction: "Reaktion", visit: "Besøg", decision: "Afgørelse", themes: "Temaer",
    deadline: "Frist", appeal: "Klagestatus", committee: "Følges af", created: "Oprettet", apv: "APV-runde", survey: "Trivselsmåling",
    progress: "Fremdrift", overdue: "Overskredne indsatser", dueSoon: "Frist inden 14 dage", daysLeft: "Tid til AT's frist", daysLeftOther: "Tid til fristen",
    status: "Status", planStatus: "Planens status", reportedBack: "Tilbagemelding sendt", save: "Gem",
    focusPoints: "Fokuspunkter og indsatser", noFocus: "Planen har endnu ingen fokuspunkter.", noItems: "Ingen indsatser endnu.",
    item: "Indsats", owner: "Ansvarlig", due: "Frist", evidence: "Dokumentation", daysLate: (n: number) => `${n} dage over fristen`,
    dueIn14: "frist inden 14 dage", doneOn: "udført", verifiedBy: (who: string, when: string) => `bekræftet af ${who} ${when}`,
    changeStatus: "Skift status", newStatus: "Ny status", reason: "Begrundelse (ved annullering)", move: "Skift status",
    addEvidence: "Tilføj dokumentation", notedOn: "Dato", note: "Hvad er gjort / dokumentation", add: "Tilføj",
    addItem: "Tilføj indsats", editItem: "Ret indsats", saveItem: "Gem indsats", itemTitle: "Hvad gøres", itemDescription: "Beskrivelse", ownerUser: "Ansvarlig bruger",
    noOwnerUser: "Ingen bruger – angiv navn", ownerName: "… eller navngiven person", addFocus: "Tilføj fokuspunkt",
    focusTitle: "Fokuspunkt", focusDescription: "Beskrivelse", reviews: "Behandlinger i udvalget", noReviews: "Planen er ikke behandlet endnu.",
    recordReview: "Registrér behandling", reviewDate: "Mødedato", attendees: "Deltagere", decisions: "Beslutninger",
    nextReview: "Næste behandling", saveReview: "Gem behandling", timeline: "Tidslinje", review: "Behandlet i",
    nothing: "–", cancelledBecause: "Annulleret:", formError: "Ændringen blev ikke gemt.",
  },
  en: {
    back: "All action plans", report: "Report back to AT", reportOther: "Status report", unit: "Unit", source: "Source",
    atReference: "AT case number", reaction: "Reaction", visit: "Visit", decision: "Decision", themes: "Themes",
    deadline: "Deadline", appeal: "Appeal status", committee: "Followed by", created: "Created", apv: "APV round", survey: "Wellbeing survey",
    progress: "Progress", overdue: "Overdue items", dueSoon: "Due within 14 days", daysLeft: "Time to AT's deadline", daysLeftOther: "Time to the deadline",
    status: "Status", planStatus: "Plan status", reportedBack: "Report back sent", save: "Save",
    focusPoints: "Focus points and action items", noFocus: "The plan has no focus points yet.", noItems: "No action items yet.",
    item: "Action item", owner: "Owner", due: "Due", evidence: "Evidence", daysLate: (n: number) => `${n} days overdue`,
    dueIn14: "due within 14 days", doneOn: "done", verifiedBy: (who: string, when: string) => `verified by ${who} ${when}`,
    changeStatus: "Change status", newStatus: "New status", reason: "Reason (when cancelling)", move: "Change status",
    addEvidence: "Add evidence", notedOn: "Date", note: "What was done / evidence", add: "Add",
    addItem: "Add action item", editItem: "Edit action item", saveItem: "Save action item", itemTitle: "What will be done", itemDescription: "Description", ownerUser: "Owner (user)",
    noOwnerUser: "No user – give a name", ownerName: "… or a named person", addFocus: "Add focus point",
    focusTitle: "Focus point", focusDescription: "Description", reviews: "Committee reviews", noReviews: "The plan has not been reviewed yet.",
    recordReview: "Record a review", reviewDate: "Meeting date", attendees: "Attendees", decisions: "Decisions",
    nextReview: "Next review", saveReview: "Save review", timeline: "Timeline", review: "Reviewed by",
    nothing: "–", cancelledBecause: "Cancelled:", formError: "The change was not saved.",
  },
};

type ActionResult = { intent: string; targetId: string | null; fieldErrors: Record<string, string>; values: Record<string, string> } | undefined;

function errorsFor(result: ActionResult, intent: string, targetId?: number): Record<string, string> {
  if (!result || result.intent !== intent) return {};
  if (targetId !== undefined && result.targetId !== String(targetId)) return {};
  return result.fieldErrors;
}

export default function PlanPage() {
  const { detail, itemRights, canEdit, canReview, committees, owners, today: day, files, signoffs, upload, accept } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state === "submitting";
  const t = useT(TEXTS);
  const lang = useLang();
  const L = LABELS[lang];
  const { plan } = detail;
  const isAt = plan.sourceKind === "at_decision";
  const planStatusErrors = errorsFor(result, "plan_status");
  const reviewErrors = errorsFor(result, "review");
  const focusErrors = errorsFor(result, "add_focus_point");

  return (
    <div className="stack">
      <p className="no-print"><Link to="/plans">← {t.back}</Link></p>
      <header>
        <h1>{plan.title}</h1>
        <p className="muted">{plan.unitName} · {label(L.source, plan.sourceKind)} · {label(L.planStatus, plan.status)}</p>
      </header>
      <div className="plan-actions no-print">
        <Link className="button" to={`/plans/${plan.id}/report`}>{isAt ? t.report : t.reportOther}</Link>
      </div>
      {result ? <p className="notice bad" role="alert">{t.formError}</p> : null}
      <EvidenceUploadNotice added={upload.added} error={upload.error} lang={lang} />

      <section className="card grid">
        <dl className="plan-facts">
          <dt>{t.unit}</dt><dd>{plan.unitName}</dd>
          {isAt ? (
            <>
              <dt>{t.atReference}</dt><dd>{plan.atReference ?? t.nothing}</dd>
              <dt>{t.reaction}</dt><dd>{label(L.reaction, plan.atReaction)}</dd>
              <dt>{t.visit}</dt><dd>{formatDate(lang, plan.atVisitDate)}</dd>
              <dt>{t.decision}</dt><dd>{formatDate(lang, plan.atDecisionDate)}</dd>
              <dt>{t.appeal}</dt><dd>{label(L.appeal, plan.appealStatus)}</dd>
            </>
          ) : null}
          {plan.atThemes.length ? (<><dt>{t.themes}</dt><dd>{plan.atThemes.map((th) => label(L.theme, th)).join(", ")}</dd></>) : null}
          {plan.apvRound ? (<><dt>{t.apv}</dt><dd>{plan.apvRound}</dd></>) : null}
          {plan.surveyRound ? (<><dt>{t.survey}</dt><dd>{formatSurveyRound(lang, plan.surveyRound)}</dd></>) : null}
          <dt>{t.deadline}</dt><dd>{formatDate(lang, plan.deadline)}</dd>
          {plan.reportedBackOn ? (<><dt>{t.reportedBack}</dt><dd>{formatDate(lang, plan.reportedBackOn)}</dd></>) : null}
          <dt>{t.committee}</dt><dd>{plan.committeeName ?? t.nothing}</dd>
          <dt>{t.created}</dt><dd>{formatDate(lang, plan.createdOn)}{plan.createdByName ? `, ${plan.createdByName}` : ""}</dd>
        </dl>
        <div className="plan-figures">
          <div><div className="figure-label">{isAt ? t.daysLeft : t.daysLeftOther}</div><div className="figure"><DeadlineText days={plan.daysToDeadline} reportedBackOn={plan.reportedBackOn} lang={lang} /></div></div>
          <div><div className="figure-label">{t.progress}</div><div className="figure"><ProgressBar pct={plan.progress.pct} lang={lang} /></div></div>
          <div><div className="figure-label">{t.overdue}</div><div className={`figure${plan.progress.overdue ? " plan-late" : ""}`}>{plan.progress.overdue}</div></div>
          <div><div className="figure-label">{t.dueSoon}</div><div className="figure">{plan.dueSoon}</div></div>
        </div>
      </section>
      {plan.description ? <p className="prefill card">{plan.description}</p> : null}
      <SignoffSummary planId={plan.id} state={signoffs} lang={lang} isAt={isAt} />

      {canEdit ? (
        <Form method="post" className="card inline-form no-print" aria-label={t.planStatus}>
          <input type="hidden" name="intent" value="plan_status" />
          <label>
            {t.planStatus}
            <select name="status" defaultValue={plan.status}>
              {Object.entries(L.planStatus).map(([k, text]) => <option key={k} value={k}>{text}</option>)}
            </select>
          </label>
          <label>
            {t.appeal}
            <select name="appealStatus" defaultValue={plan.appealStatus}>
              {Object.entries(L.appeal).map(([k, text]) => <option key={k} value={k}>{text}</option>)}
            </select>
          </label>
          <label>
            {t.reportedBack}
            <input type="date" name="reportedBackOn" defaultValue={plan.reportedBackOn ?? ""} aria-describedby="reportedBackOn-error" />
            <FieldError id="reportedBackOn-error" code={planStatusErrors.reportedBackOn} lang={lang} />
          </label>
          <button type="submit" disabled={busy}>{t.save}</button>
        </Form>
      ) : null}

      <h2>{t.focusPoints}</h2>
      {detail.focusPoints.length === 0 ? <p className="empty">{t.noFocus}</p> : null}
      {detail.focusPoints.map((fp, index) => {
        const itemErrors = errorsFor(result, "add_item", fp.id);
        return (
          <section key={fp.id} id={`fp-${fp.id}`} className="card focus-point">
            <header>
              <h3>{index + 1}. {fp.title}</h3>
              <ProgressBar pct={fp.progress.pct} lang={lang} />
            </header>
            {fp.description ? <p>{fp.description}</p> : null}
            <EvidenceFileList planId={plan.id} files={files.focusPoints[fp.id] ?? []} lang={lang} />
            {canEdit ? <EvidenceUploadForm planId={plan.id} target={`fp:${fp.id}`} subject={fp.title} accept={accept} lang={lang} open={upload.target === `fp-${fp.id}` && !!upload.error} /> : null}
            {fp.items.length === 0 ? <p className="muted">{t.noItems}</p> : (
              <ScrollRegion>
                <table>
                  <thead><tr><th>{t.item}</th><th>{t.owner}</th><th>{t.due}</th><th>{t.status}</th><th>{t.evidence}</th></tr></thead>
                  <tbody>
                    {fp.items.map((item) => {
                      const rights = itemRights[item.id];
                      const statusErrors = errorsFor(result, "status", item.id);
                      const evidenceErrors = errorsFor(result, "evidence", item.id);
                      const editErrors = errorsFor(result, "edit_item", item.id);
                      const open = [statusErrors, evidenceErrors, editErrors].some((e) => Object.keys(e).length > 0)
                        || (upload.target === `item-${item.id}` && !!upload.error);
                      return (
                        <tr key={item.id} id={`item-${item.id}`} className={`item-row${item.overdueDays ? " is-late" : ""}`}>
                          <td>
                            <strong>{item.title}</strong>
                            {item.description ? <div className="small muted">{item.description}</div> : null}
                          </td>
                          <td>{item.ownerLabel ?? t.nothing}</td>
                          <td>
                            {formatDate(lang, item.dueDate)}
                            {item.overdueDays > 0 ? <div className="plan-late small">{t.daysLate(item.overdueDays)}</div> : null}
                            {item.dueSoon ? <div className="plan-soon small">{t.dueIn14}</div> : null}
                          </td>
                          <td>
                            <ItemStatusBadge status={item.status} lang={lang} />
                            {item.doneOn ? <div className="small muted">{t.doneOn} {formatDate(lang, item.doneOn)}</div> : null}
                            {item.verifiedByName || item.verifiedOn ? (
                              <div className="small muted">{t.verifiedBy(item.verifiedByName ?? "–", formatDate(lang, item.verifiedOn))}</div>
                            ) : null}
                            {item.cancelReason ? <div className="small muted">{t.cancelledBecause} {item.cancelReason}</div> : null}
                          </td>
                          <td>
                            {item.evidence.length ? (
                              <ul className="evidence-list">
                                {item.evidence.map((e) => <li key={e.id}>{formatDate(lang, e.notedOn)}: {e.note}</li>)}
                              </ul>
                            ) : (files.items[item.id] ?? []).length ? null : <span className="muted">{t.nothing}</span>}
                            <EvidenceFileList planId={plan.id} files={files.items[item.id] ?? []} lang={lang} />
                            {rights && (rights.moves.length > 0 || rights.update || canEdit) ? (
                              <details className="item-tools no-print" open={open}>
                                <summary>{canEdit ? `${t.changeStatus} / ${t.addEvidence} / ${t.editItem}` : `${t.changeStatus} / ${t.addEvidence}`}</summary>
                                {rights.moves.length ? (
                                  // Keyed by the status: the moves change with it, and a kept <select> would
                                  // show whichever option took the old choice's place (e.g. "Annulleret").
                                  <Form key={item.status} method="post" className="stack" aria-label={`${t.changeStatus}: ${item.title}`}>
                                    <strong className="small">{t.changeStatus}</strong>
                                    <input type="hidden" name="intent" value="status" />
                                    <input type="hidden" name="itemId" value={item.id} />
                                    <label>
                                      {t.newStatus}
                                      <select name="to" defaultValue={rights.moves[0]} aria-describedby={`to-${item.id}-error`}>
                                        {rights.moves.map((to) => <option key={to} value={to}>{label(L.status, to)}</option>)}
                                      </select>
                                      <FieldError id={`to-${item.id}-error`} code={statusErrors.to} lang={lang} />
                                    </label>
                                    {rights.moves.includes("cancelled") ? (
                                      <label>
                                        {t.reason}
                                        <input name="reason" maxLength={2000} aria-describedby={`reason-${item.id}-error`} />
                                        <FieldError id={`reason-${item.id}-error`} code={statusErrors.reason} lang={lang} />
                                      </label>
                                    ) : null}
                                    <button type="submit" disabled={busy}>{t.move}</button>
                                  </Form>
                                ) : null}
                                {rights.update ? (
                                  <Form method="post" className="stack" aria-label={`${t.addEvidence}: ${item.title}`}>
                                    <strong className="small">{t.addEvidence}</strong>
                                    <input type="hidden" name="intent" value="evidence" />
                                    <input type="hidden" name="itemId" value={item.id} />
                                    <label>
                                      {t.notedOn}
                                      <input type="date" name="notedOn" defaultValue={day} required aria-describedby={`notedOn-${item.id}-error`} />
                                      <FieldError id={`notedOn-${item.id}-error`} code={evidenceErrors.notedOn} lang={lang} />
                                    </label>
                                    <label>
                                      {t.note}
                                      <textarea name="note" rows={2} required aria-describedby={`note-${item.id}-error`} />
                                      <FieldError id={`note-${item.id}-error`} code={evidenceErrors.note} lang={lang} />
                                    </label>
                                    <button type="submit" disabled={busy}>{t.addEvidence}</button>
                                  </Form>
                                ) : null}
                                {rights.update ? (
                                  <EvidenceUploadForm planId={plan.id} target={`item:${item.id}`} subject={item.title} accept={accept} lang={lang} />
                                ) : null}
                                {canEdit ? (
                                  <Form method="post" className="stack" aria-label={`${t.editItem}: ${item.title}`}>
                                    <strong className="small">{t.editItem}</strong>
                                    <input type="hidden" name="intent" value="edit_item" />
                                    <input type="hidden" name="itemId" value={item.id} />
                                    <label>
                                      {t.itemTitle}
                                      <input name="title" defaultValue={item.title} required maxLength={300} aria-describedby={`edit-title-${item.id}-error`} />
                                      <FieldError id={`edit-title-${item.id}-error`} code={editErrors.title} lang={lang} />
                                    </label>
                                    <label>
                                      {t.ownerUser}
                                      <select name="ownerUserId" defaultValue={item.ownerUserId ?? ""}>
                                        <option value="">{t.noOwnerUser}</option>
                                        {owners.map((o) => <option key={o.id} value={o.id}>{o.displayName}</option>)}
                                      </select>
                                    </label>
                                    <label>
                                      {t.ownerName}
                                      <input name="ownerName" defaultValue={item.ownerUserId ? "" : item.ownerLabel ?? ""} maxLength={200} aria-describedby={`edit-owner-${item.id}-error`} />
                                      <FieldError id={`edit-owner-${item.id}-error`} code={editErrors.ownerName} lang={lang} />
                                    </label>
                                    <label>
                                      {t.due}
                                      <input type="date" name="dueDate" defaultValue={item.dueDate ?? ""} aria-describedby={`edit-due-${item.id}-error`} />
                                      <FieldError id={`edit-due-${item.id}-error`} code={editErrors.dueDate} lang={lang} />
                                    </label>
                                    <label>
                                      {t.itemDescription}
                                      <textarea name="description" rows={2} defaultValue={item.description ?? ""} />
                                    </label>
                                    <button type="submit" disabled={busy}>{t.saveItem}</button>
                                  </Form>
                                ) : null}
                              </details>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
            {canEdit ? (
              <details className="item-tools no-print" open={Object.keys(itemErrors).length > 0}>
                <summary>{t.addItem}</summary>
                <Form method="post" className="form-grid" aria-label={`${t.addItem}: ${fp.title}`}>
                  <input type="hidden" name="intent" value="add_item" />
                  <input type="hidden" name="focusPointId" value={fp.id} />
                  <label>
                    {t.itemTitle}
                    <input name="title" required maxLength={300} aria-describedby={`title-${fp.id}-error`} />
                    <FieldError id={`title-${fp.id}-error`} code={itemErrors.title} lang={lang} />
                  </label>
                  <label>
                    {t.ownerUser}
                    <select name="ownerUserId" defaultValue="">
                      <option value="">{t.noOwnerUser}</option>
                      {owners.map((o) => <option key={o.id} value={o.id}>{o.displayName}</option>)}
                    </select>
                  </label>
                  <label>
                    {t.ownerName}
                    <input name="ownerName" maxLength={200} aria-describedby={`ownerName-${fp.id}-error`} />
                    <FieldError id={`ownerName-${fp.id}-error`} code={itemErrors.ownerName} lang={lang} />
                  </label>
                  <label>
                    {t.due}
                    <input type="date" name="dueDate" aria-describedby={`dueDate-${fp.id}-error`} />
                    <FieldError id={`dueDate-${fp.id}-error`} code={itemErrors.dueDate} lang={lang} />
                  </label>
                  <label>
                    {t.itemDescription}
                    <textarea name="description" rows={2} />
                  </label>
                  <div><button type="submit" className="primary" disabled={busy}>{t.add}</button></div>
                </Form>
              </details>
            ) : null}
          </section>
        );
      })}

      {canEdit ? (
        <Form method="post" className="card stack no-print" aria-label={t.addFocus}>
          <h3>{t.addFocus}</h3>
          <input type="hidden" name="intent" value="add_focus_point" />
          <label>
            {t.focusTitle}
            <input name="title" required maxLength={300} aria-describedby="fp-title-error" />
            <FieldError id="fp-title-error" code={focusErrors.title} lang={lang} />
          </label>
          <label>
            {t.focusDescription}
            <textarea name="description" rows={2} />
          </label>
          <div><button type="submit" disabled={busy}>{t.addFocus}</button></div>
        </Form>
      ) : null}

      <section id="reviews" className="card">
        <h2>{t.reviews}</h2>
        {detail.reviews.length === 0 ? <p className="muted">{t.noReviews}</p> : (
          <ScrollRegion>
            <table>
              <thead><tr><th>{t.reviewDate}</th><th>{t.committee}</th><th>{t.attendees}</th><th>{t.decisions}</th><th>{t.nextReview}</th></tr></thead>
              <tbody>
                {detail.reviews.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDate(lang, r.reviewDate)}</td><td>{r.committeeName}</td><td>{r.attendees ?? t.nothing}</td>
                    <td className="prefill">{r.decisions}</td><td>{formatDate(lang, r.nextReviewDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {canReview && committees.length ? (
          <Form method="post" className="stack no-print" aria-label={t.recordReview}>
            <h3>{t.recordReview}</h3>
            <input type="hidden" name="intent" value="review" />
            <div className="form-grid">
              <label>
                {t.reviewDate}
                <input type="date" name="reviewDate" defaultValue={day} required aria-describedby="reviewDate-error" />
                <FieldError id="reviewDate-error" code={reviewErrors.reviewDate} lang={lang} />
              </label>
              <label>
                {t.committee}
                <select name="committeeId" defaultValue={committees[0].id} aria-describedby="committeeId-error">
                  {committees.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                </select>
                <FieldError id="committeeId-error" code={reviewErrors.committeeId} lang={lang} />
              </label>
              <label>
                {t.nextReview}
                <input type="date" name="nextReviewDate" aria-describedby="nextReviewDate-error" />
                <FieldError id="nextReviewDate-error" code={reviewErrors.nextReviewDate} lang={lang} />
              </label>
            </div>
            <label>
              {t.attendees}
              <input name="attendees" maxLength={2000} style={{ maxWidth: "none" }} />
            </label>
            <label>
              {t.decisions}
              <textarea name="decisions" rows={3} required style={{ maxWidth: "none" }} aria-describedby="decisions-error" />
              <FieldError id="decisions-error" code={reviewErrors.decisions} lang={lang} />
            </label>
            <div><button type="submit" className="primary" disabled={busy}>{t.saveReview}</button></div>
          </Form>
        ) : null}
      </section>

      <section className="card">
        <h2>{t.timeline}</h2>
        <ol className="timeline">
          {[...detail.timeline].reverse().map((entry) => (
            entry.kind === "review" ? (
              <li key={`r-${entry.review.id}`} className="tl-review">
                <span className="tl-date">{formatDate(lang, entry.date)}</span>
                <span>{t.review} {entry.review.committeeName}: {entry.review.decisions}</span>
              </li>
            ) : (
              <li key={`c-${entry.change.id}`}>
                <span className="tl-date">{formatDate(lang, entry.date)} {lang === "da" ? entry.change.at.slice(11, 16).replace(":", ".") : entry.change.at.slice(11, 16)}</span>
                <span>{describeChange(entry.change, lang)}{entry.change.who ? <span className="muted"> · {entry.change.who}</span> : null}</span>
              </li>
            )
          ))}
        </ol>
      </section>
    </div>
  );
}
