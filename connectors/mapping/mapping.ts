// Column mappings for a CSV/XLSX whose header does not match a kind: which file column feeds which
// contract field, and how the file's values become ours ("Ja" → true, a vendor's dimension names →
// our keys, a case system's case types → ours). Pure: guessing and applying.
import { z } from "zod";
import { IMPORT_KINDS, type ImportKind } from "../../db/schema";

export const mappingSchema = z.object({
  name: z.string().trim().min(1).max(80).regex(/^[\p{L}\p{N} _.-]+$/u, "letters, digits, space, _ . - only"),
  kind: z.enum(IMPORT_KINDS),
  /** Contract field → the file's column, as written in its header. */
  columns: z.record(z.string(), z.string()),
  /** Contract field → { file value → contract value }. */
  values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});
export type ColumnMapping = z.infer<typeof mappingSchema>;

/** Lower case, Danish letters spelled out, punctuation and spaces dropped: "Medarbejder-nr." → "medarbejdernr". */
export function squash(text: string): string {
  return text.replace(/^\uFEFF/, "").trim().toLowerCase()
    .replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "");
}

/** What Danish HR, case and survey systems call the contract's fields (squashed). */
const SYNONYMS: Record<string, string[]> = {
  unit_code: ["enhed", "enhedskode", "enhedsid", "afdeling", "afdelingskode", "team", "teamkode", "orgenhed", "organisationsenhed", "unit", "unitid", "department"],
  parent_code: ["overordnet", "overenhed", "forælder", "parent", "parentid", "moderenhed"],
  name: ["navn", "enhedsnavn", "betegnelse", "unitname"],
  kind: ["type", "niveau", "enhedstype", "level"],
  employee_id: ["medarbejder", "medarbejderid", "medarbejdernr", "medarbejdernummer", "loenr", "loennummer", "ansatnr", "personid", "employee", "employeenumber", "initialer"],
  display_name: ["navn", "fuldtnavn", "medarbejdernavn", "name"],
  role: ["stilling", "rolle", "funktion", "stillingsbetegnelse", "jobfunktion", "position", "title"],
  is_manager: ["leder", "erleder", "manager", "ledelse"],
  fte: ["beskaeftigelsesgrad", "normtid", "timer", "ugentligetimer", "arbejdstid", "aarsvaerk", "fte", "hours"],
  start_date: ["start", "startdato", "ansatfra", "fra", "ansaettelsesdato", "tiltraedelse", "fradato", "from"],
  end_date: ["slut", "slutdato", "ansattil", "til", "fratraedelse", "fratraedelsesdato", "tildato", "to"],
  end_reason: ["aarsag", "fratraedelsesaarsag", "ophoersaarsag", "reason"],
  case_id: ["sag", "sagsnr", "sagsnummer", "sagsid", "case", "caseid"],
  period_start: ["fra", "start", "periodestart", "fradato", "startdato"],
  period_end: ["til", "slut", "periodeslut", "tildato", "slutdato"],
  caseworker_id: ["sagsbehandler", "sagsbehandlerid", "tovholder", "caseworker", "medarbejder"],
  case_type: ["sagstype", "type", "ydelse", "paragraf", "casetype"],
  complexity: ["kompleksitet", "tyngde", "complexity"],
  emotional_flags: ["flag", "belastninger", "markeringer"],
  survey_round: ["runde", "maaling", "undersoegelse", "periode", "round"],
  closed_on: ["lukket", "lukkedato", "afsluttet", "closed"],
  dimension: ["dimension", "tema", "spoergsmaal", "omraade", "indikator"],
  score: ["score", "gennemsnit", "vaerdi", "resultat", "point"],
  respondents: ["besvarelser", "antalsvar", "svar", "respondenter", "antal"],
  invited: ["inviterede", "antalinviterede", "adspurgte", "invited"],
  valid_from: ["gyldigfra", "fra", "fradato"],
};

/**
 * For each field, the file column most likely meant: the field's own name, a known synonym, or a
 * column whose name contains one; each column is used once. Null when nothing fits.
 */
export function guessColumns(header: string[], fields: readonly string[]): Record<string, string | null> {
  const columns = header.filter((h) => h.trim() !== "").map((h) => ({ raw: h, key: squash(h) }));
  const taken = new Set<string>();
  const result: Record<string, string | null> = {};
  const passes: ((field: string, key: string) => boolean)[] = [
    (field, key) => key === squash(field),
    (field, key) => (SYNONYMS[field] ?? []).map(squash).includes(key),
    (field, key) => (SYNONYMS[field] ?? []).map(squash).some((s) => s.length >= 4 && key.includes(s)),
  ];
  for (const field of fields) result[field] = null;
  for (const pass of passes) {
    for (const field of fields) {
      if (result[field] !== null) continue;
      const hit = columns.find((c) => !taken.has(c.raw) && pass(field, c.key));
      if (hit) {
        result[field] = hit.raw;
        taken.add(hit.raw);
      }
    }
  }
  return result;
}

/** The best guess for a file value among our values: same text, or same squashed text, or a common Danish spelling of a boolean. */
export function guessValue(value: string, targets: readonly string[]): string | null {
  const v = squash(value);
  if (v === "") return null;
  const exact = targets.find((t) => squash(t) === v);
  if (exact) return exact;
  if (targets.includes("true") && ["ja", "j", "x", "yes", "y", "1", "sand"].includes(v)) return "true";
  if (targets.includes("false") && ["nej", "n", "no", "0", "falsk"].includes(v)) return "false";
  return targets.find((t) => squash(t).startsWith(v) || v.startsWith(squash(t))) ?? null;
}

const trimLower = (v: string) => v.trim().toLowerCase();

/** One file record (column → cell) as a contract record (field → cell), values translated. */
export function applyMapping(mapping: Pick<ColumnMapping, "columns" | "values">, record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, column] of Object.entries(mapping.columns)) {
    if (!column) continue;
    const cell = record[column] ?? "";
    const table = mapping.values[field];
    if (table && cell.trim() !== "") {
      const hit = Object.entries(table).find(([from]) => trimLower(from) === trimLower(cell));
      out[field] = hit ? hit[1] : cell;
    } else out[field] = cell;
  }
  return out;
}

/** Required fields the mapping leaves without a column. */
export function missingFields(mapping: Pick<ColumnMapping, "columns">, required: readonly string[]): string[] {
  return required.filter((f) => !mapping.columns[f]);
}

/** True when the header already names every required field (the importer needs no mapping). */
export function headerFitsKind(header: string[], required: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s-]+/g, "_")));
  return required.every((f) => names.has(f));
}
