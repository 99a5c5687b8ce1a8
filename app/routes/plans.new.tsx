import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import plansCss from "~/styles/plans.css";
import { formatSurveyRound, useLang, useT } from "~/lib/i18n";
import { FieldError } from "~/lib/plans-ui";
import { LABELS } from "../../domain/plan-labels";
import type { loader, Values } from "./plans.new.server";

export { loader, action } from "./plans.new.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: plansCss }];

export const meta: MetaFunction = () => [{ title: "Ny handleplan · Arbejdsmiljø og belastning" }];

type ActionResult = { fieldErrors: Record<string, string>; values: Values } | undefined;

const TEXTS = {
  da: {
    teamsOmitted: "Listen viser niveauerne over teamene (der er for mange til en liste). En plan for et team startes fra risikoradaren eller med teamet valgt i adressen (?unit=).",
    title: "Ny handleplan", back: "Tilbage til handleplaner", basics: "Handleplan", unit: "Enhed", chooseUnit: "Vælg enhed",
    committee: "Udvalg, der følger planen", autoCommittee: "Automatisk: nærmeste MED-udvalg", planTitle: "Titel",
    description: "Beskrivelse og baggrund", source: "Anledning", at: "Afgørelse fra Arbejdstilsynet",
    atHint: "Udfyldes kun, når anledningen er en afgørelse fra Arbejdstilsynet.", atReference: "AT's sagsnummer",
    reaction: "Reaktion", chooseReaction: "Vælg reaktion", visit: "Besøgsdato", decision: "Afgørelsesdato",
    themes: "Psykosociale temaer", appeal: "Klagestatus", deadline: "Frist for tilbagemelding / planen",
    apv: "APV-runde", apvHint: "Fx \"APV 2025\" – kun ved APV.", survey: "Trivselsmåling", chooseRound: "Vælg runde",
    submit: "Opret handleplan", busy: "Opretter …", errors: "Planen blev ikke oprettet. Ret felterne markeret nedenfor.",
    prefill: {
      signal: "Udfyldt fra risikoradarens seneste signal for enheden. Tilpas teksten før du opretter planen.",
      no_signal: "Der er intet aktuelt signal fra risikoradaren for enheden.",
      survey: "Udfyldt fra trivselsmålingen for enheden. Tilpas teksten før du opretter planen.",
    } as Record<string, string>,
  },
  en: {
    teamsOmitted: "The list shows the levels above the teams (there are too many to list). A plan for a team is started from the risk radar, or with the team chosen in the address (?unit=).",
    title: "New action plan", back: "Back to action plans", basics: "Action plan", unit: "Unit", chooseUnit: "Choose unit",
    committee: "Committee following the plan", autoCommittee: "Automatic: nearest MED committee", planTitle: "Title",
    description: "Description and background", source: "Source", at: "Working Environment Authority decision",
    atHint: "Only when the source is a decision by the Working Environment Authority.", atReference: "AT's case number",
    reaction: "Reaction", chooseReaction: "Choose reaction", visit: "Visit date", decision: "Decision date",
    themes: "Psychosocial themes", appeal: "Appeal status", deadline: "Deadline for the report back / the plan",
    apv: "APV round", apvHint: "E.g. \"APV 2025\" – only for APV.", survey: "Wellbeing survey", chooseRound: "Choose round",
    submit: "Create action plan", busy: "Creating …", errors: "The plan was not created. Correct the fields marked below.",
    prefill: {
      signal: "Filled in from the risk radar's latest signal for the unit. Adjust the text before creating the plan.",
      no_signal: "The risk radar has no current signal for the unit.",
      survey: "Filled in from the wellbeing survey for the unit. Adjust the text before creating the plan.",
    } as Record<string, string>,
  },
};

export default function NewPlan() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state === "submitting";
  const t = useT(TEXTS);
  const lang = useLang();
  const L = LABELS[lang];
  const v: Values = result?.values ?? loaded.values;
  const e: Record<string, string> = result?.fieldErrors ?? {};
  const err = (name: string) => ({ "aria-invalid": e[name] ? true : undefined, "aria-describedby": e[name] ? `${name}-error` : undefined });
  return (
    <div className="stack">
      <p className="no-print"><Link to="/plans">← {t.back}</Link></p>
      <h1>{t.title}</h1>
      {loaded.prefillNote && !result ? <p className="notice">{t.prefill[loaded.prefillNote]}</p> : null}
      {result ? <p className="notice bad" role="alert">{t.errors}</p> : null}
      <Form method="post" className="card" noValidate>
        <fieldset>
          <legend>{t.basics}</legend>
          <div className="form-grid">
            <label>
              {t.unit}
              <select name="unitId" defaultValue={v.unitId ?? ""} required {...err("unitId")}>
                <option value="">{t.chooseUnit}</option>
                {loaded.units.map((u) => <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth)}{u.name}</option>)}
              </select>
              {loaded.teamsOmitted ? <span className="small muted">{t.teamsOmitted}</span> : null}
              <FieldError id="unitId-error" code={e.unitId} lang={lang} />
            </label>
            <label>
              {t.committee}
              <select name="committeeId" defaultValue={v.committeeId ?? ""} {...err("committeeId")}>
                <option value="">{t.autoCommittee}</option>
                {loaded.committees.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
              <FieldError id="committeeId-error" code={e.committeeId} lang={lang} />
            </label>
            <label>
              {t.planTitle}
              <input name="title" defaultValue={v.title ?? ""} required maxLength={200} {...err("title")} />
              <FieldError id="title-error" code={e.title} lang={lang} />
            </label>
            <label>
              {t.source}
              <select name="sourceKind" defaultValue={v.sourceKind ?? "at_decision"} {...err("sourceKind")}>
                {Object.entries(L.source).map(([key, text]) => <option key={key} value={key}>{text}</option>)}
              </select>
              <FieldError id="sourceKind-error" code={e.sourceKind} lang={lang} />
            </label>
            <label>
              {t.deadline}
              <input type="date" name="deadline" defaultValue={v.deadline ?? ""} {...err("deadline")} />
              <FieldError id="deadline-error" code={e.deadline} lang={lang} />
            </label>
          </div>
          <label style={{ marginTop: ".9rem" }}>
            {t.description}
            <textarea name="description" rows={7} defaultValue={v.description ?? ""} style={{ maxWidth: "none" }} {...err("description")} />
            <FieldError id="description-error" code={e.description} lang={lang} />
          </label>
        </fieldset>

        <fieldset>
          <legend>{t.at}</legend>
          <p className="small muted">{t.atHint}</p>
          <div className="form-grid">
            <label>
              {t.atReference}
              <input name="atReference" defaultValue={v.atReference ?? ""} maxLength={100} {...err("atReference")} />
              <FieldError id="atReference-error" code={e.atReference} lang={lang} />
            </label>
            <label>
              {t.reaction}
              <select name="atReaction" defaultValue={v.atReaction ?? ""} {...err("atReaction")}>
                <option value="">{t.chooseReaction}</option>
                {Object.entries(L.reaction).map(([key, text]) => <option key={key} value={key}>{text}</option>)}
              </select>
              <FieldError id="atReaction-error" code={e.atReaction} lang={lang} />
            </label>
            <label>
              {t.visit}
              <input type="date" name="atVisitDate" defaultValue={v.atVisitDate ?? ""} {...err("atVisitDate")} />
              <FieldError id="atVisitDate-error" code={e.atVisitDate} lang={lang} />
            </label>
            <label>
              {t.decision}
              <input type="date" name="atDecisionDate" defaultValue={v.atDecisionDate ?? ""} {...err("atDecisionDate")} />
              <FieldError id="atDecisionDate-error" code={e.atDecisionDate} lang={lang} />
            </label>
            <label>
              {t.appeal}
              <select name="appealStatus" defaultValue={v.appealStatus ?? "none"}>
                {Object.entries(L.appeal).map(([key, text]) => <option key={key} value={key}>{text}</option>)}
              </select>
            </label>
          </div>
          <fieldset className="checkbox-list" style={{ marginTop: ".9rem" }}>
            <legend>{t.themes}</legend>
            {Object.entries(L.theme).map(([key, text]) => (
              <label key={key}>
                <input type="checkbox" name="atThemes" value={key} defaultChecked={v.atThemes?.includes(key)} /> {text}
              </label>
            ))}
            <FieldError id="atThemes-error" code={e.atThemes} lang={lang} />
          </fieldset>
        </fieldset>

        <fieldset>
          <legend>{L.source.apv} / {L.source.survey}</legend>
          <div className="form-grid">
            <label>
              {t.apv}
              <input name="apvRound" defaultValue={v.apvRound ?? ""} maxLength={100} {...err("apvRound")} />
              <span className="small muted">{t.apvHint}</span>
              <FieldError id="apvRound-error" code={e.apvRound} lang={lang} />
            </label>
            <label>
              {t.survey}
              <select name="surveyRound" defaultValue={v.surveyRound ?? ""} {...err("surveyRound")}>
                <option value="">{t.chooseRound}</option>
                {loaded.rounds.map((r) => <option key={r.key} value={r.key}>{formatSurveyRound(lang, r.key)}</option>)}
              </select>
              <FieldError id="surveyRound-error" code={e.surveyRound} lang={lang} />
            </label>
          </div>
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>{busy ? t.busy : t.submit}</button>
      </Form>
    </div>
  );
}
