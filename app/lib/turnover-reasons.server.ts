// The turnover page's door to the unknown-reason count (db/presenters/turnover-reasons.ts).
export { unknownReasonDepartures } from "../../db/presenters/turnover-reasons";
