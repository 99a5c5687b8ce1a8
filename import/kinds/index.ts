import type { ImportKind } from "../../db/schema";
import { casePeriodsKind } from "./case-periods";
import { competencesKind } from "./competences";
import { employmentsKind } from "./employments";
import type { KindModule } from "./shared";
import { surveyResultsKind } from "./survey-results";
import { unitsKind } from "./units";

export const KINDS: Record<ImportKind, KindModule> = {
  units: unitsKind,
  employments: employmentsKind,
  competences: competencesKind,
  "case-periods": casePeriodsKind,
  "survey-results": surveyResultsKind,
};
