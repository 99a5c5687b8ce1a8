// The dashboards' door to server code: routes import presenters only through this module, so
// postgres.js, ioredis and bullmq never reach the browser bundle.
export { teamPage, caseworkerDetail } from "../../db/queries/team";
export type { TeamPage, CaseworkerDetail, WeekFigures, WeekSlot, Status } from "../../db/queries/team";
export { organisationPage } from "../../db/queries/organisation";
export type { OrganisationPage, HeatmapRow, HeatCell } from "../../db/queries/organisation";
export { wellbeingPage, responseRate, minRespondents } from "../../db/queries/wellbeing";
export type { WellbeingPage, SurveyCell, RoundComparison } from "../../db/queries/wellbeing";
export { riskRadar } from "../../db/queries/risk";
export type { RiskRadar, RadarTeam } from "../../db/queries/risk";
export { rolloutPage, ROLLOUT_DIMENSIONS } from "../../db/queries/rollout";
export type { RolloutWave, RolloutUnit, RolloutSide } from "../../db/queries/rollout";
export { jobsPage } from "../../db/queries/jobs";
export type { JobsPage } from "../../db/queries/jobs";
export { unitsInScope, rootUnitId, getUnit, inScope, scopeRootUnits, type UnitSummary, type UnitScope } from "../../db/queries/units";
export { todayInCopenhagen } from "../../jobs/metrics/calendar";
export { env } from "../../env";
