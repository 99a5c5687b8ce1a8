// Routes reach db/ only through *.server.ts modules, so the browser bundle never sees postgres.js.
export { getDb, queryRows, type Database } from "../../db/client";
