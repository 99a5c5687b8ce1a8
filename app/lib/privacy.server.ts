// Server-only entry of the GDPR modules for routes (the classic compiler keeps *.server files
// out of the browser bundle; db/ itself pulls in the database drivers).
export { collectPersonData, personDataSummary } from "../../db/privacy/person-data";
export { pseudonymiseEmployee, PseudonymisationError } from "../../db/privacy/pseudonymise";
export { pseudonymisationKey } from "../../db/privacy/key";
export { isPseudonym } from "../../db/privacy/rules";
export { listNameReads, recordNameRead } from "../../db/privacy/name-reads";
export { recordAudit } from "../../db/audit";
export { env } from "../../env";
