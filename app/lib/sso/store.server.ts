// Routes reach db/commands/sso, db/presenters/sso and db/infra/sso-stores only through this .server module, so the browser bundle never sees it.
export { addMapping, removeMappings } from "../../../db/commands/sso";
export { listMappings, ssoUserCount } from "../../../db/presenters/sso";
export { saveOidcLogin } from "../../../db/infra/sso-stores";
