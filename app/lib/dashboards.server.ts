// The dashboards' door to server code: routes import presenters only through this module, so
// postgres.js, ioredis and bullmq never reach the browser bundle.
export { teamPage, cachedTeamPage, caseworkerDetail, itemsForViewer } from "../../db/presenters/team";
export { organisationPage } from "../../db/presenters/organisation";
export { wellbeingPage, wellbeingHeatmap, minRespondents } from "../../db/presenters/wellbeing";
export { riskRadar } from "../../db/presenters/risk";
export { rolloutPage, ROLLOUT_DIMENSIONS } from "../../db/presenters/rollout";
export { jobsPage } from "../../db/queries/jobs";
export { unitsInScope, rootUnitId, getUnit, scopeRootUnits } from "../../db/presenters/units";
export { businessDate } from "../../env";
export { env } from "../../env";
