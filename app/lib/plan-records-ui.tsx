// Evidence files and sign-offs on the plan and report pages: lists, the upload form (a plain
// multipart form, so it works before JavaScript loads) and the state of the signatures.
import { Form, Link } from "@remix-run/react";
import { formatDate, type Lang } from "./i18n";
import type { ReportFile } from "../../domain/report-data";
import type { SignoffNow, SignoffState } from "../../domain/signoffs";

const TEXTS = {
  da: {
    attach: "Vedhæft fil", file: "Fil (PDF, billede, Word, Excel eller PowerPoint)", upload: "Vedhæft",
    by: (who: string | null, when: string) => `${who ?? "ukendt"}, ${when}`, files: "Filer",
    added: "Filen er vedhæftet.",
    errors: {
      empty: "Filen er tom.", too_large: "Filen er større end tilladt.", bad_extension: "Den filtype kan ikke vedhæftes. Brug PDF, PNG, JPEG, WebP, DOCX, XLSX eller PPTX.",
      content_mismatch: "Filens indhold passer ikke til dens filtype.", zip_too_large: "Filen fylder for meget, når den pakkes ud.",
      zip_too_many_entries: "Filen indeholder for mange dele.", zip_corrupt: "Filen er beskadiget og kan ikke læses.",
      macros: "Filen indeholder makroer og kan ikke vedhæftes.", no_file: "Vælg en fil.", bad_target: "Filen kunne ikke knyttes til indsatsen.",
    } as Record<string, string>,
    signoffs: "Underskrifter på tilbagemeldingen", management: "Ledelsen", safetyRep: "Arbejdsmiljørepræsentant",
    informed: "Ansatte orienteret", sent: "Sendt til Arbejdstilsynet (OnlineAt)", notSigned: "Ikke underskrevet",
    notConfirmed: "Ikke bekræftet", notSent: "Ikke registreret", signedBy: (who: string, when: string) => `Underskrevet af ${who} ${when}`,
    confirmedBy: (who: string, on: string) => `Bekræftet af ${who}, orienteret ${on}`, sentOn: (on: string, who: string) => `Sendt ${on} (registreret af ${who})`,
    voided: "Rapporten er ændret efter underskrift: underskriften gælder en tidligere version og skal gives igen.",
    sentChanged: "Rapporten er ændret, siden den blev sendt.",
    version: "Version", goSign: "Se og underskriv tilbagemeldingen",
  },
  en: {
    attach: "Attach a file", file: "File (PDF, image, Word, Excel or PowerPoint)", upload: "Attach",
    by: (who: string | null, when: string) => `${who ?? "unknown"}, ${when}`, files: "Files",
    added: "The file is attached.",
    errors: {
      empty: "The file is empty.", too_large: "The file is larger than allowed.", bad_extension: "That file type cannot be attached. Use PDF, PNG, JPEG, WebP, DOCX, XLSX or PPTX.",
      content_mismatch: "The file's content does not match its file type.", zip_too_large: "The file unpacks to too much data.",
      zip_too_many_entries: "The file holds too many parts.", zip_corrupt: "The file is damaged and cannot be read.",
      macros: "The file contains macros and cannot be attached.", no_file: "Choose a file.", bad_target: "The file could not be linked to the item.",
    } as Record<string, string>,
    signoffs: "Sign-offs of the report back", management: "Management", safetyRep: "Safety representative",
    informed: "Employees informed", sent: "Filed with the Working Environment Authority (OnlineAt)", notSigned: "Not signed",
    notConfirmed: "Not confirmed", notSent: "Not recorded", signedBy: (who: string, when: string) => `Signed by ${who} ${when}`,
    confirmedBy: (who: string, on: string) => `Confirmed by ${who}, informed on ${on}`, sentOn: (on: string, who: string) => `Filed on ${on} (recorded by ${who})`,
    voided: "The report changed after signing: the signature is for an earlier version and must be given again.",
    sentChanged: "The report has changed since it was filed.",
    version: "Version", goSign: "Read and sign the report back",
  },
};

/** "2025-06-16T10:42" → "16.06.2025 kl. 10.42" / "16 Jun 2025 10:42" */
export function formatStamp(lang: Lang, stamp: string): string {
  const time = stamp.slice(11, 16);
  return lang === "da" ? `${formatDate(lang, stamp.slice(0, 10))} kl. ${time.replace(":", ".")}` : `${formatDate(lang, stamp.slice(0, 10))} ${time}`;
}

export function EvidenceFileList({ planId, files, lang }: { planId: number; files: ReportFile[]; lang: Lang }) {
  if (!files.length) return null;
  const t = TEXTS[lang];
  return (
    <ul className="evidence-files" aria-label={t.files}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/plans/${planId}/evidence/${f.id}`} download>{f.fileName}</a>{" "}
          <span className="small muted">({t.by(f.uploadedByName, formatDate(lang, f.uploadedOn))})</span>
        </li>
      ))}
    </ul>
  );
}

export function EvidenceUploadForm({ planId, target, subject, accept, lang, open }: {
  planId: number; target: string; subject: string; accept: string; lang: Lang; open?: boolean;
}) {
  const t = TEXTS[lang];
  const id = `file-${target.replace(":", "-")}`;
  const form = (
    <Form method="post" action={`/plans/${planId}/evidence`} encType="multipart/form-data" className="stack no-print" aria-label={`${t.attach}: ${subject}`}>
      <strong className="small">{t.attach}</strong>
      <input type="hidden" name="target" value={target} />
      <label htmlFor={id}>{t.file}</label>
      <input id={id} type="file" name="file" accept={accept} required />
      <button type="submit">{t.upload}</button>
    </Form>
  );
  // Inside an item's tools the form sits in their <details>; on a focus point it gets its own.
  if (target.startsWith("item:")) return form;
  return (
    <details className="item-tools no-print" open={open}>
      <summary>{t.attach}</summary>
      {form}
    </details>
  );
}

export function EvidenceUploadNotice({ added, error, lang }: { added: boolean; error: string | null; lang: Lang }) {
  const t = TEXTS[lang];
  if (error) return <p className="notice bad" role="alert">{t.errors[error] ?? t.errors.zip_corrupt}</p>;
  if (added) return <p className="notice" role="status">{t.added}</p>;
  return null;
}

function SignatureLine({ label, s, lang, empty, text }: { label: string; s: SignoffNow | null; lang: Lang; empty: string; text: (s: SignoffNow) => string }) {
  const t = TEXTS[lang];
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {s ? (
          <>
            <span className={s.current ? "signoff-ok" : "signoff-void"}>{s.current ? "✓ " : "✗ "}{text(s)}</span>
            {!s.current ? <div className="small plan-late">{t.voided}</div> : null}
          </>
        ) : <span className="muted">{empty}</span>}
      </dd>
    </>
  );
}

/** The four records, each with who and when; a signature for an earlier version says so. */
export function SignoffList({ state, lang, isAt }: { state: SignoffState; lang: Lang; isAt: boolean }) {
  const t = TEXTS[lang];
  const signed = (s: SignoffNow) => t.signedBy(s.signerName, formatStamp(lang, s.signedAt));
  return (
    <dl className="signoff-facts">
      <SignatureLine label={t.management} s={state.management} lang={lang} empty={t.notSigned} text={signed} />
      <SignatureLine label={t.safetyRep} s={state.safetyRep} lang={lang} empty={t.notSigned} text={signed} />
      <SignatureLine label={t.informed} s={state.employeesInformed} lang={lang} empty={t.notConfirmed} text={(s) => t.confirmedBy(s.signerName, formatDate(lang, s.onDate))} />
      {isAt ? (
        <>
          <dt>{t.sent}</dt>
          <dd>
            {state.sentToAt ? (
              <>
                {t.sentOn(formatDate(lang, state.sentToAt.onDate), state.sentToAt.signerName)}
                {!state.sentToAt.current ? <div className="small muted">{t.sentChanged}</div> : null}
              </>
            ) : <span className="muted">{t.notSent}</span>}
          </dd>
        </>
      ) : null}
      <dt>{t.version}</dt><dd><code>{state.version.slice(0, 12)}</code></dd>
    </dl>
  );
}

export function SignoffSummary({ planId, state, lang, isAt }: { planId: number; state: SignoffState; lang: Lang; isAt: boolean }) {
  const t = TEXTS[lang];
  return (
    <section className="card" aria-labelledby="signoffs-heading">
      <h2 id="signoffs-heading">{t.signoffs}</h2>
      <SignoffList state={state} lang={lang} isAt={isAt} />
      <p className="no-print"><Link to={`/plans/${planId}/report#signoffs`}>{t.goSign}</Link></p>
    </section>
  );
}
