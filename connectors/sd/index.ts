// The SD Løn connection: organisation and departments every sync; employment changes since the
// last successful sync (GetEmploymentChangedAtDate20111201), merged into the stored timelines.
import { z } from "zod";
import { ROLES } from "../../db/schema";
import { env } from "../../env";
import type { Adapter } from "../adapter";
import { ConnectorError } from "../contract";
import { addDays } from "../dates";
import { requireSecret } from "../pseudonym";
import { endReasonTable, roleTable, unitKindTable } from "../tables";
import { callSd, type SdEndpoint } from "./client";
import { applyEmploymentChanges, DEFAULT_SD_END_REASONS, emptySdState, readDepartments, sdRows, soapBody, type SdState } from "./translate";

export const sdSettings = z.object({
  url: z.string().url().default("https://service.sd.dk/sdws/services"),
  institution: z.string().min(1),
  /** A full resync (and the first sync) reads changes from this day. */
  fullFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default("2000-01-01"),
  /** Profession (EmploymentName or JobPositionIdentifier) → role. */
  roles: roleTable.default({}),
  defaultRole: z.enum(ROLES).optional(),
  /** Professions that make the employee a manager (SD has no manager flag). */
  managerProfessions: z.array(z.string()).default([]),
  /** DepartmentLevelIdentifier → unit kind. */
  unitKinds: unitKindTable.default({}),
  /** EmploymentStatusCode of the status after the employment → end reason; merged over 7 other, 8 unknown, 9 retirement. */
  endReasons: endReasonTable.default({}),
});
export type SdSettings = z.infer<typeof sdSettings>;

function endpoint(settings: SdSettings): SdEndpoint {
  const e = env();
  if (!e.SD_USERNAME || !e.SD_PASSWORD) throw new ConnectorError("config", "SD_USERNAME and SD_PASSWORD are not set");
  return { url: settings.url, institution: settings.institution, username: e.SD_USERNAME, password: e.SD_PASSWORD };
}

const DAY = (d: string) => [["ActivationDate", d], ["DeactivationDate", d]] as [string, string][];

async function departments(e: SdEndpoint, today: string) {
  const organization = soapBody(await callSd(e, "GetOrganization20111201", [...DAY(today), ["UUIDIndicator", "true"]]), "GetOrganization20111201");
  const named = soapBody(await callSd(e, "GetDepartment20111201", [...DAY(today), ["DepartmentNameIndicator", "true"], ["DepartmentLevelIdentifier", ""], ["UUIDIndicator", "true"]]), "GetDepartment20111201");
  return readDepartments(organization, named);
}

export const sdAdapter: Adapter<SdSettings> = {
  source: "sd",
  settings: sdSettings,
  async test(settings) {
    requireSecret(env().CONNECTOR_PSEUDONYM_SECRET);
    const found = await departments(endpoint(settings), new Date().toISOString().slice(0, 10));
    return `SD Løn answered for institution ${settings.institution}: ${found.length} departments`;
  },
  async pull({ settings, state, today }) {
    const secret = requireSecret(env().CONNECTOR_PSEUDONYM_SECRET);
    const e = endpoint(settings);
    const previous = (state as SdState | null) ?? emptySdState();
    const from = previous.readTo ? addDays(previous.readTo, 1) : settings.fullFrom;
    const units = await departments(e, today);
    let next = previous;
    let persons = 0;
    if (from <= today) {
      const answer = soapBody(await callSd(e, "GetEmploymentChangedAtDate20111201", [
        ["ActivationDate", from], ["DeactivationDate", today],
        ["DepartmentIndicator", "true"], ["EmploymentStatusIndicator", "true"], ["ProfessionIndicator", "true"],
        ["WorkingTimeIndicator", "true"], ["UUIDIndicator", "true"], ["FutureInformationIndicator", "true"],
      ]), "GetEmploymentChangedAtDate20111201");
      persons = Array.isArray(answer.Person) ? answer.Person.length : answer.Person ? 1 : 0;
      next = applyEmploymentChanges(previous, answer, today, secret);
    }
    const batch = sdRows(units, next, { ...settings, endReasons: { ...DEFAULT_SD_END_REASONS, ...settings.endReasons } });
    return { batch, state: next, notes: { departments: units.length, personsChanged: persons } };
  },
};
