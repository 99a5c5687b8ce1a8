// Who may hold the specialised case types (tabt_arbejdsfortjeneste, merudgifter). Specialists and
// almost everyone in the benefits department have it; in the district teams only some caseworkers
// do, which is how specialised cases end up with holders who lack the competence.
import type { Random } from "./random";
import { addDays } from "../../domain/calendar";
import type { DemoUnit } from "./organisation";
import type { DemoEmployment } from "./workforce";
import { DATA_START } from "./workforce";

export const SPECIALISED_CASE_TYPES = ["tabt_arbejdsfortjeneste", "merudgifter"] as const;

export interface DemoCompetence {
  employeeId: string;
  caseType: string;
  /** null = valid since always. */
  validFrom: string | null;
}

export function generateCompetences(units: DemoUnit[], employments: DemoEmployment[], random: Random): DemoCompetence[] {
  const profileOf = new Map(units.map((u) => [u.code, u.profile]));
  const seen = new Set<string>();
  const competences: DemoCompetence[] = [];
  for (const e of employments) {
    if (e.role !== "caseworker" && e.role !== "specialist") continue;
    const profile = profileOf.get(e.unitCode);
    const probability = e.role === "specialist" ? 1 : profile === "ydelse" ? 0.9 : profile === "doegn" ? 0.1 : 0.45;
    for (const caseType of SPECIALISED_CASE_TYPES) {
      const key = `${e.employeeId}|${caseType}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!random.chance(probability)) continue;
      // People hired before the data starts had it all along; newcomers get it after their training.
      const validFrom = e.start < DATA_START ? null : addDays(e.start, random.int(30, 300));
      competences.push({ employeeId: e.employeeId, caseType, validFrom });
    }
  }
  return competences;
}
