// Pieces shared by the user-administration pages: role names, the grant picker, and Danish
// wording for the reasons db/commands/users.ts gives when it refuses a change.
import type { Lang } from "./i18n";

export const ROLE_LABELS: Record<Lang, Record<string, string>> = {
  da: { admin: "Administrator", hr: "HR", director: "Direktør", med: "MED-medlem", manager: "Leder" },
  en: { admin: "Administrator", hr: "HR", director: "Director", med: "MED member", manager: "Manager" },
};

const REASONS: Record<Lang, Record<string, string>> = {
  da: {
    "a manager needs a unit": "En leder skal have en enhed.",
    "a MED member needs a committee": "Et MED-medlem skal have et udvalg.",
    "administrator grants are organisation-wide": "Administratorer gælder hele organisationen: vælg hverken enhed eller udvalg.",
    "a grant is scoped to a unit or a committee, not both": "Vælg enten en enhed eller et udvalg, ikke begge.",
    "hr is scoped to a unit or the whole organisation, not a committee": "HR gælder en enhed eller hele organisationen, ikke et udvalg.",
    "director is scoped to a unit or the whole organisation, not a committee": "Direktør gælder en enhed eller hele organisationen, ikke et udvalg.",
    "unknown unit": "Enheden findes ikke.",
    "unknown committee": "Udvalget findes ikke.",
    "unknown employee": "Medarbejder-id'et findes ikke i HR-data.",
    "unknown user": "Brugeren findes ikke.",
    "a user with this e-mail already exists": "Der findes allerede en bruger med denne e-mail.",
    "at least one active administrator must remain": "Der skal altid være mindst én aktiv administrator.",
  },
  en: {},
};

const FIELD_FALLBACK: Record<Lang, Record<string, string>> = {
  da: {
    email: "Skriv en gyldig e-mailadresse.",
    displayName: "Skriv et navn.",
    password: "Adgangskoden er for kort eller for lang.",
    employeeId: "Ugyldigt medarbejder-id.",
  },
  en: {
    email: "Enter a valid e-mail address.",
    displayName: "Enter a name.",
    password: "The password is too short or too long.",
    employeeId: "Invalid employee id.",
  },
};

/** A refusal reason in the user's language; reasons without a translation are shown as given. */
export function reasonText(lang: Lang, field: string, reason: string): string {
  return REASONS[lang][reason] ?? FIELD_FALLBACK[lang][field] ?? reason;
}

export interface PickerData {
  units: { id: number; name: string; code: string; depth: number }[];
  committees: { id: number; name: string }[];
}

const GRANT_TEXTS = {
  da: { role: "Rolle", none: "– ingen –", unit: "Enhed (for leder, HR eller direktør)", committee: "Udvalg (for MED-medlem)", whole: "– hele organisationen / ingen –" },
  en: { role: "Role", none: "– none –", unit: "Unit (for manager, HR or director)", committee: "Committee (for MED member)", whole: "– whole organisation / none –" },
};

/** One new grant: a role with its scope. Plain selects, so it works before JavaScript loads. */
export function GrantFields({ lang, pickers, required = false }: { lang: Lang; pickers: PickerData; required?: boolean }) {
  const t = GRANT_TEXTS[lang];
  return (
    <div className="row">
      <label>
        {t.role}
        <select name="role" required={required} defaultValue="">
          <option value="">{t.none}</option>
          {Object.entries(ROLE_LABELS[lang]).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </label>
      <label>
        {t.unit}
        <select name="unitId" defaultValue="">
          <option value="">{t.whole}</option>
          {pickers.units.map((u) => (
            <option key={u.id} value={u.id}>{`${"\u00a0\u00a0".repeat(u.depth)}${u.name} (${u.code})`}</option>
          ))}
        </select>
      </label>
      <label>
        {t.committee}
        <select name="committeeId" defaultValue="">
          <option value="">{t.none}</option>
          {pickers.committees.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
    </div>
  );
}

export function GrantTag({ lang, grant }: { lang: Lang; grant: { role: string; unitName: string | null; committeeName: string | null } }) {
  const scope = grant.unitName ?? grant.committeeName ?? (lang === "da" ? "hele organisationen" : "whole organisation");
  return <span className="role-tag">{`${ROLE_LABELS[lang][grant.role] ?? grant.role}: ${scope}`}</span>;
}
