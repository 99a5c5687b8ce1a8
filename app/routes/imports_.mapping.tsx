// The mapping step for a CSV/XLSX whose header does not match a kind: the file's columns beside the
// kind's fields with the best guesses filled in, value mappings where a field takes fixed values
// ("Ja"/"Nej", a vendor's dimension names, a case system's case types), saved under a name and used
// again here, by `npm run import -- <kind> FILE --mapping NAME` and by scheduled file connections.
// Plain forms throughout: it works before JavaScript loads.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import dashboardsCss from "~/styles/dashboards.css";
import { useT } from "~/lib/i18n";
import type { loader, action } from "./imports_.mapping.server";

export { loader, action } from "./imports_.mapping.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardsCss }];

export const meta: MetaFunction = () => [{ title: "Kolonnetilknytning · Import · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Import med kolonnetilknytning",
    intro: "Har filen sine egne kolonnenavne (et udtræk fra sagssystemet, en leverandørs trivselsfil), så vælg hvilken kolonne der svarer til hvilket felt, og hvad filens værdier betyder. Tilknytningen gemmes under et navn og kan bruges igen her, fra kommandolinjen og i planlagte importer.",
    back: "Tilbage til import", kind: "Datatype", file: "Fil (CSV eller XLSX)", useSaved: "Brug en gemt tilknytning", noneSaved: "– Ny tilknytning –",
    upload: "Læs filen", savedTitle: "Gemte tilknytninger", noSaved: "Ingen gemte tilknytninger endnu.",
    problems: {
      tooLarge: "Filen er for stor.", noFile: "Vælg en fil.", badKind: "Vælg en datatype.", noMapping: "Den valgte tilknytning findes ikke.",
      mappingKind: "Den valgte tilknytning hører til en anden datatype.", expired: "Filen er ikke længere gemt (højst en time). Læs den ind igen.",
    } as Record<string, string>,
    columnsTitle: (file: string) => `Kolonner i ${file}`, field: "Felt", column: "Kolonne i filen", required: "skal udfyldes", optional: "valgfri",
    notUsed: "– ikke i filen –", sample: "De første rækker", values: "Værdier", fileValue: "I filen", ourValue: "Betyder", keep: "– som i filen –",
    refresh: "Opdatér værdierne efter valgte kolonner", name: "Gem tilknytningen som", save: "Gem og importér",
    missing: (f: string) => `Vælg en kolonne til: ${f}.`, badName: "Giv tilknytningen et navn (bogstaver, tal, mellemrum, _ . -).",
  },
  en: {
    title: "Import by column mapping",
    intro: "If the file has column names of its own (a case-system report, a survey vendor's file), choose which column feeds which field, and what the file's values mean. The mapping is saved under a name and can be used again here, from the command line and by scheduled imports.",
    back: "Back to import", kind: "Kind of data", file: "File (CSV or XLSX)", useSaved: "Use a saved mapping", noneSaved: "– New mapping –",
    upload: "Read the file", savedTitle: "Saved mappings", noSaved: "No saved mappings yet.",
    problems: {
      tooLarge: "The file is too large.", noFile: "Choose a file.", badKind: "Choose a kind of data.", noMapping: "The chosen mapping does not exist.",
      mappingKind: "The chosen mapping belongs to another kind of data.", expired: "The file is no longer held (at most an hour). Read it in again.",
    } as Record<string, string>,
    columnsTitle: (file: string) => `Columns in ${file}`, field: "Field", column: "Column in the file", required: "required", optional: "optional",
    notUsed: "– not in the file –", sample: "The first rows", values: "Values", fileValue: "In the file", ourValue: "Means", keep: "– as in the file –",
    refresh: "Update the values for the chosen columns", name: "Save the mapping as", save: "Save and import",
    missing: (f: string) => `Choose a column for: ${f}.`, badName: "Give the mapping a name (letters, digits, spaces, _ . -).",
  },
};

export default function ImportMapping() {
  const data = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const t = useT(TEXTS);
  const form = acted?.form ?? data.form;
  return (
    <>
      <h1>{t.title}</h1>
      <p><Link to="/imports">{t.back}</Link></p>
      <p>{t.intro}</p>
      {data.problem ? <p className="notice bad" role="alert">{t.problems[data.problem]}</p> : null}
      {!form ? (
        <section className="card stack" aria-labelledby="step1">
          <h2 id="step1" className="sr-only">{t.upload}</h2>
          <Form method="post" encType="multipart/form-data" className="stack">
            <p><label htmlFor="m-kind">{t.kind}</label><br />
              <select id="m-kind" name="kind" required defaultValue={data.kind}>{data.kinds.map((k) => <option key={k} value={k}>{k}</option>)}</select></p>
            <p><label htmlFor="m-file">{t.file}</label><br /><input id="m-file" type="file" name="file" required accept=".csv,.xlsx,.xlsm,text/csv" /></p>
            <p><label htmlFor="m-saved">{t.useSaved}</label><br />
              <select id="m-saved" name="mapping" defaultValue="">
                <option value="">{t.noneSaved}</option>
                {data.saved.map((m) => <option key={m.name} value={m.name}>{m.name} ({m.kind})</option>)}
              </select></p>
            <p><button type="submit">{t.upload}</button></p>
          </Form>
          <h3>{t.savedTitle}</h3>
          {data.saved.length ? <ul>{data.saved.map((m) => <li key={m.name}>{m.name} <span className="muted">({m.kind})</span></li>)}</ul> : <p className="empty">{t.noSaved}</p>}
        </section>
      ) : (
        <section className="card stack" aria-labelledby="step2">
          <h2 id="step2">{t.columnsTitle(form.fileName)} · {form.kind}</h2>
          {acted?.problem === "missing" ? <p className="notice bad" role="alert">{t.missing((acted.missing ?? []).join(", "))}</p> : null}
          {acted?.problem === "name" ? <p className="notice bad" role="alert">{t.badName}</p> : null}
          <Form method="post" className="stack">
            <input type="hidden" name="token" value={form.token} />
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t.columnsTitle(form.fileName)}>
              <table>
                <thead><tr><th scope="col">{t.field}</th><th scope="col">{t.column}</th><th scope="col">{t.values}</th></tr></thead>
                <tbody>
                  {form.fields.map((f) => (
                    <tr key={f.name}>
                      <th scope="row"><label htmlFor={`col_${f.name}`}><code>{f.name}</code></label><br /><span className="small muted">{f.required ? t.required : t.optional}</span></th>
                      <td>
                        <select id={`col_${f.name}`} name={`col_${f.name}`} defaultValue={f.column ?? ""} aria-required={f.required}>
                          <option value="">{t.notUsed}</option>
                          {form.header.map((h) => <option key={h} value={h}>{h}</option>)}
                        </select>
                      </td>
                      <td>
                        {f.values.length && f.targets ? (
                          <table className="small">
                            <thead><tr><th scope="col">{t.fileValue}</th><th scope="col">{t.ourValue}</th></tr></thead>
                            <tbody>
                              {f.values.map((v, i) => (
                                <tr key={v.from}>
                                  <td><label htmlFor={`val_${f.name}_${i}`}>{v.from}</label><input type="hidden" name={`src_${f.name}_${i}`} value={v.from} /></td>
                                  <td>
                                    <select id={`val_${f.name}_${i}`} name={`val_${f.name}_${i}`} defaultValue={v.to ?? ""}>
                                      <option value="">{t.keep}</option>
                                      {f.targets!.map((target) => <option key={target} value={target}>{target}</option>)}
                                    </select>
                                  </td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p><button type="submit" name="intent" value="refresh" formNoValidate>{t.refresh}</button></p>
            <p><label htmlFor="m-name">{t.name}</label><br /><input id="m-name" name="name" required maxLength={80} defaultValue={acted?.name ?? ""} /></p>
            <p><button type="submit" name="intent" value="save">{t.save}</button></p>
          </Form>
          <h3>{t.sample}</h3>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t.sample}>
            <table className="small">
              <thead><tr>{form.header.map((h) => <th scope="col" key={h}>{h}</th>)}</tr></thead>
              <tbody>{form.sample.map((row, i) => <tr key={i}>{form.header.map((h) => <td key={h}>{row[h]}</td>)}</tr>)}</tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
