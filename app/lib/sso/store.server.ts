// Routes reach db/queries/sso only through this .server module, so the browser bundle never sees it.
export { addMapping, listMappings, removeMappings, saveOidcLogin, ssoUserCount } from "../../../db/queries/sso";
