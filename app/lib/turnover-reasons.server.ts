// The turnover page's door to the unknown-reason count (db/queries/turnover-reasons.ts).
export { unknownReasonDepartures } from "../../db/queries/turnover-reasons";
