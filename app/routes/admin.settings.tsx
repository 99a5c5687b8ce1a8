// /admin/settings: thresholds per unit (inherited from the parent unless set, with where each value
// comes from), the complexity weights and the catalogues (case types, emotional-demand flags,
// wellbeing dimensions). Plain forms, zod-validated; every change is audited and followed by the
// recompute it needs as a recompute request (db/commands/settings.ts).
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import adminCss from "~/styles/admin.css";
import settingsCss from "~/styles/settings.css";
import type { ThresholdKey } from "../../domain/thresholds";
import { formatNumber, useLang, useT } from "~/lib/i18n";
import { LABELS } from "../../domain/plan-labels";
import type { loader, action, ActionResult } from "./admin.settings.server";

export { loader, action } from "./admin.settings.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminCss }, { rel: "stylesheet", href: settingsCss }];

export const meta: MetaFunction = () => [{ title: "Indstillinger · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Indstillinger", intro: "Tærskler, vægte og kataloger for hele organisationen. Hver ændring skrives i audit-sporet, og tallene genberegnes i baggrunden.",
    saved: "Ændringen er gemt.", recompute: (id: string) => `Genberegning bestilt (anmodning nr. ${id}); status og tal opdateres, når den er kørt.`,
    jobs: "Se jobs", unchanged: "Intet blev ændret.",
    thresholds: "Tærskler pr. enhed", thresholdsIntro: "En enhed arver hver tærskel fra nærmeste overordnede enhed, der har sat den, ellers standarden. Lad et felt stå tomt for at arve.",
    unit: "Enhed", show: "Vis", value: "Egen værdi", effective: "Gælder nu", from: "Kommer fra",
    own: "sat på enheden", inherited: (name: string) => `arvet fra ${name}`, byDefault: "produktets standard",
    inheritHint: (v: string, from: string) => `Tom: arver ${v} (${from})`,
    keys: { casesPerFte: "Sager pr. årsværk", weightedLoad: "Vægtet belastning pr. årsværk", emotionalSharePct: "Andel følelsesmæssigt belastende sager (%)", turnover12mPct: "Personaleomsætning, 12 måneder (%)" } as Record<ThresholdKey, string>,
    saveThresholds: "Gem tærskler",
    weights: "Vægte for kompleksitet", weightsIntro: "Vægtet belastning = summen af vægtene for de åbne sager pr. årsværk.", weight: (n: number) => `Kompleksitet ${n}`, saveWeights: "Gem vægte",
    caseTypes: "Sagstyper", flags: "Følelsesmæssige belastninger", dimensions: "Trivselsdimensioner",
    key: "Nøgle", labelDa: "Dansk navn", labelEn: "Engelsk navn", complexity: "Standardkompleksitet", specialised: "Kræver specialiseret kompetence",
    save: "Gem", add: "Tilføj", newCaseType: "Ny sagstype", newFlag: "Ny belastning", newDimension: "Ny dimension",
    complexityNote: "Standardkompleksiteten bruges for sager, der importeres fremover uden kompleksitet.",
    direction: "Retning", higher: "Højere er bedre", lower: "Lavere er bedre", theme: "AT-tema", noTheme: "Intet tema",
    errors: { invalid: "Ugyldig værdi.", pct: "Højst 100 %.", range: "Uden for det tilladte.", exists: "Nøglen findes allerede.", unknown: "Findes ikke." } as Record<string, string>,
    errorSummary: "Ændringen blev ikke gemt. Ret feltet markeret nedenfor.",
  },
  en: {
    title: "Settings", intro: "Thresholds, weights and catalogues for the whole organisation. Every change is written to the audit trail, and the figures are recomputed in the background.",
    saved: "The change is saved.", recompute: (id: string) => `Recompute requested (request no. ${id}); status and figures update once it has run.`,
    jobs: "See jobs", unchanged: "Nothing was changed.",
    thresholds: "Thresholds per unit", thresholdsIntro: "A unit inherits each threshold from the nearest unit above it that sets it, else the default. Leave a field empty to inherit.",
    unit: "Unit", show: "Show", value: "Own value", effective: "In force", from: "Comes from",
    own: "set on the unit", inherited: (name: string) => `inherited from ${name}`, byDefault: "the product's default",
    inheritHint: (v: string, from: string) => `Empty: inherits ${v} (${from})`,
    keys: { casesPerFte: "Cases per FTE", weightedLoad: "Weighted load per FTE", emotionalSharePct: "Share of emotionally demanding cases (%)", turnover12mPct: "Staff turnover, 12 months (%)" } as Record<ThresholdKey, string>,
    saveThresholds: "Save thresholds",
    weights: "Complexity weights", weightsIntro: "Weighted load = the sum of the weights of the open cases per FTE.", weight: (n: number) => `Complexity ${n}`, saveWeights: "Save weights",
    caseTypes: "Case types", flags: "Emotional demands", dimensions: "Wellbeing dimensions",
    key: "Key", labelDa: "Danish name", labelEn: "English name", complexity: "Default complexity", specialised: "Needs specialised competence",
    save: "Save", add: "Add", newCaseType: "New case type", newFlag: "New flag", newDimension: "New dimension",
    complexityNote: "The default complexity is used for cases imported from now on without a complexity.",
    direction: "Direction", higher: "Higher is better", lower: "Lower is better", theme: "AT theme", noTheme: "No theme",
    errors: { invalid: "Invalid value.", pct: "At most 100 %.", range: "Out of range.", exists: "The key already exists.", unknown: "Does not exist." } as Record<string, string>,
    errorSummary: "The change was not saved. Correct the field marked below.",
  },
};

type Texts = (typeof TEXTS)["da"];

function FieldError({ id, code, t }: { id: string; code: string | undefined; t: Texts }) {
  return code ? <span id={id} className="error small">{t.errors[code] ?? t.errors.invalid}</span> : null;
}

export default function Settings() {
  const { units, thresholds, weights, caseTypes, flags, dimensions, themes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT(TEXTS);
  const lang = useLang();
  const L = LABELS[lang];
  const busy = navigation.state === "submitting";
  const errorsFor = (intent: string, target: string) => (result && result.intent === intent && result.target === target ? result.errors : {});
  const savedIntent = params.get("gemt");
  const request = params.get("genberegning");
  const sourceText = (s: NonNullable<typeof thresholds>["rows"][number]["source"]) =>
    s.kind === "own" ? t.own : s.kind === "inherited" ? t.inherited(s.unitName) : t.byDefault;
  const te = errorsFor("thresholds", "thresholds");
  const we = errorsFor("weights", "weights");
  return (
    <div className="stack settings">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {savedIntent ? (
        <p className="notice" role="status">
          {t.saved} {request ? <>{t.recompute(request)} <Link to="/admin/jobs">{t.jobs}</Link></> : null}
        </p>
      ) : null}
      {result ? <p className="error" role="alert">{t.errorSummary}</p> : null}

      <section className="card" id="thresholds" aria-labelledby="thresholds-h">
        <h2 id="thresholds-h">{t.thresholds}</h2>
        <p className="muted small">{t.thresholdsIntro}</p>
        <Form method="get" className="inline-form">
          <label>{t.unit}
            <select name="unit" defaultValue={thresholds?.unit.id}>
              {units.map((u) => <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth)}{u.name}</option>)}
            </select>
          </label>
          <button type="submit">{t.show}</button>
        </Form>
        {thresholds ? (
          <Form method="post" className="admin-form" key={thresholds.unit.id}>
            <input type="hidden" name="intent" value="thresholds" />
            <input type="hidden" name="unitId" value={thresholds.unit.id} />
            <table>
              <caption className="visually-hidden">{t.thresholds}: {thresholds.unit.name}</caption>
              <thead><tr><th scope="col">{t.thresholds}</th><th scope="col">{t.value}</th><th scope="col" className="num">{t.effective}</th><th scope="col">{t.from}</th></tr></thead>
              <tbody>
                {thresholds.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row"><label htmlFor={`th-${r.key}`}>{t.keys[r.key]}</label></th>
                    <td>
                      <input id={`th-${r.key}`} name={r.key} inputMode="decimal" defaultValue={r.own === null ? "" : String(r.own).replace(".", lang === "da" ? "," : ".")}
                        placeholder={formatNumber(lang, r.inherited, 0)} aria-describedby={`th-${r.key}-hint${te[r.key] ? ` th-${r.key}-error` : ""}`}
                        aria-invalid={te[r.key] ? true : undefined} size={8} />
                      <span id={`th-${r.key}-hint`} className="muted small"> {t.inheritHint(formatNumber(lang, r.inherited), sourceText(r.inheritedFrom))}</span>
                      <FieldError id={`th-${r.key}-error`} code={te[r.key]} t={t} />
                    </td>
                    <td className="num"><strong>{formatNumber(lang, r.effective)}</strong></td>
                    <td>{sourceText(r.source)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p><button type="submit" className="primary" disabled={busy}>{t.saveThresholds}</button></p>
          </Form>
        ) : null}
      </section>

      <section className="card" id="weights" aria-labelledby="weights-h">
        <h2 id="weights-h">{t.weights}</h2>
        <p className="muted small">{t.weightsIntro}</p>
        <Form method="post" className="admin-form inline-form">
          <input type="hidden" name="intent" value="weights" />
          {([1, 2, 3] as const).map((n) => (
            <label key={n}>{t.weight(n)}
              <input name={`w${n}`} inputMode="decimal" required size={6} defaultValue={String(weights[`w${n}`]).replace(".", lang === "da" ? "," : ".")}
                aria-invalid={we[`w${n}`] ? true : undefined} aria-describedby={we[`w${n}`] ? `w${n}-error` : undefined} />
              <FieldError id={`w${n}-error`} code={we[`w${n}`]} t={t} />
            </label>
          ))}
          <button type="submit" className="primary" disabled={busy}>{t.saveWeights}</button>
        </Form>
      </section>

      <section className="card" id="case-types" aria-labelledby="case-types-h">
        <h2 id="case-types-h">{t.caseTypes}</h2>
        <p className="muted small">{t.complexityNote}</p>
        <div className="catalogue">
          {[...caseTypes.map((c) => ({ ...c, isNew: false })), { key: "", labelDa: "", labelEn: "", defaultComplexity: 1, specialised: false, isNew: true }].map((c) => {
            const e = errorsFor("caseType", c.isNew ? "new" : c.key);
            const id = `ct-${c.key || "new"}`;
            return (
              <Form method="post" key={id} className="catalogue-row" aria-label={c.isNew ? t.newCaseType : c.labelDa}>
                <input type="hidden" name="intent" value="caseType" />
                <input type="hidden" name="mode" value={c.isNew ? "create" : "update"} />
                {c.isNew
                  ? <label>{t.key}<input name="key" required pattern="[a-z][a-z0-9_]{1,59}" size={16} aria-invalid={e.key ? true : undefined} /><FieldError id={`${id}-key`} code={e.key} t={t} /></label>
                  : <><input type="hidden" name="key" value={c.key} /><span className="cat-key"><code>{c.key}</code></span></>}
                <label>{t.labelDa}<input name="labelDa" required defaultValue={c.labelDa} /><FieldError id={`${id}-da`} code={e.labelDa} t={t} /></label>
                <label>{t.labelEn}<input name="labelEn" required defaultValue={c.labelEn} /><FieldError id={`${id}-en`} code={e.labelEn} t={t} /></label>
                <label>{t.complexity}
                  <select name="defaultComplexity" defaultValue={c.defaultComplexity}>{[1, 2, 3].map((n) => <option key={n} value={n}>{n}</option>)}</select>
                </label>
                <label className="check"><input type="checkbox" name="specialised" defaultChecked={c.specialised} /> {t.specialised}</label>
                <button type="submit" disabled={busy}>{c.isNew ? t.add : t.save}</button>
              </Form>
            );
          })}
        </div>
      </section>

      <section className="card" id="flags" aria-labelledby="flags-h">
        <h2 id="flags-h">{t.flags}</h2>
        <div className="catalogue">
          {[...flags.map((c) => ({ ...c, isNew: false })), { key: "", labelDa: "", labelEn: "", isNew: true }].map((c) => {
            const e = errorsFor("flag", c.isNew ? "new" : c.key);
            const id = `fl-${c.key || "new"}`;
            return (
              <Form method="post" key={id} className="catalogue-row" aria-label={c.isNew ? t.newFlag : c.labelDa}>
                <input type="hidden" name="intent" value="flag" />
                <input type="hidden" name="mode" value={c.isNew ? "create" : "update"} />
                {c.isNew
                  ? <label>{t.key}<input name="key" required pattern="[a-z][a-z0-9_]{1,59}" size={16} aria-invalid={e.key ? true : undefined} /><FieldError id={`${id}-key`} code={e.key} t={t} /></label>
                  : <><input type="hidden" name="key" value={c.key} /><span className="cat-key"><code>{c.key}</code></span></>}
                <label>{t.labelDa}<input name="labelDa" required defaultValue={c.labelDa} /><FieldError id={`${id}-da`} code={e.labelDa} t={t} /></label>
                <label>{t.labelEn}<input name="labelEn" required defaultValue={c.labelEn} /><FieldError id={`${id}-en`} code={e.labelEn} t={t} /></label>
                <button type="submit" disabled={busy}>{c.isNew ? t.add : t.save}</button>
              </Form>
            );
          })}
        </div>
      </section>

      <section className="card" id="dimensions" aria-labelledby="dimensions-h">
        <h2 id="dimensions-h">{t.dimensions}</h2>
        <div className="catalogue">
          {[...dimensions.map((c) => ({ ...c, isNew: false })), { key: "", labelDa: "", labelEn: "", higherIsBetter: true, atTheme: null, isNew: true }].map((c) => {
            const e = errorsFor("dimension", c.isNew ? "new" : c.key);
            const id = `dm-${c.key || "new"}`;
            return (
              <Form method="post" key={id} className="catalogue-row" aria-label={c.isNew ? t.newDimension : c.labelDa}>
                <input type="hidden" name="intent" value="dimension" />
                <input type="hidden" name="mode" value={c.isNew ? "create" : "update"} />
                {c.isNew
                  ? <label>{t.key}<input name="key" required pattern="[a-z][a-z0-9_]{1,59}" size={16} aria-invalid={e.key ? true : undefined} /><FieldError id={`${id}-key`} code={e.key} t={t} /></label>
                  : <><input type="hidden" name="key" value={c.key} /><span className="cat-key"><code>{c.key}</code></span></>}
                <label>{t.labelDa}<input name="labelDa" required defaultValue={c.labelDa} /><FieldError id={`${id}-da`} code={e.labelDa} t={t} /></label>
                <label>{t.labelEn}<input name="labelEn" required defaultValue={c.labelEn} /><FieldError id={`${id}-en`} code={e.labelEn} t={t} /></label>
                <label>{t.direction}
                  <select name="higherIsBetter" defaultValue={String(c.higherIsBetter)}>
                    <option value="true">{t.higher}</option><option value="false">{t.lower}</option>
                  </select>
                </label>
                <label>{t.theme}
                  <select name="atTheme" defaultValue={c.atTheme ?? ""}>
                    <option value="">{t.noTheme}</option>
                    {themes.map((th) => <option key={th} value={th}>{L.theme[th as keyof typeof L.theme] ?? th}</option>)}
                  </select>
                </label>
                <button type="submit" disabled={busy}>{c.isNew ? t.add : t.save}</button>
              </Form>
            );
          })}
        </div>
      </section>
    </div>
  );
}
