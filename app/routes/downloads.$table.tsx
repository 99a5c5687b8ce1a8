// Downloads of the pages' tables as CSV or XLSX: /downloads/teams, /heatmap, /load, /plans and
// /departures, each with its page's query string. The checks and the presenter are the page's
// (app/lib/downloads.server.ts); the file is written by the one export writer.

export { loader } from "./downloads.$table.server";


