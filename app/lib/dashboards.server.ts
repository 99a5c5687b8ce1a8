// The dashboards' door to server code: routes import presenters only through this module, so
// postgres.js, ioredis and bullmq never reach the browser bundle.
export { teamPage, cachedTeamPage, caseworkerDetail, itemsForViewer } from "../../db/queries/team";
export { organisationPage } from "../../db/queries/organisation";
export { wellbeingPage, wellbeingHeatmap, minRespondents } from "../../db/queries/wellbeing";
export { riskRadar } from "../../db/queries/risk";
export { rolloutPage, ROLLOUT_DIMENSIONS } from "../../db/queries/rollout";
export { jobsPage } from "../../db/queries/jobs";
export { unitsInScope, rootUnitId, getUnit, scopeRootUnits } from "../../db/queries/units";
export { businessDate } from "../../env";
export { env } from "../../env";
