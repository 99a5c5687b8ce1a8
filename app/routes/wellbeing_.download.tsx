// Download of the wellbeing figures the page shows, for the unit and every unit below it: the same
// builder and writer as `npm run export -- wellbeing --unit CODE --format csv|xlsx`, so the bytes
// match, and suppressed exactly as the pages are (a hidden figure is an empty cell).

export { loader } from "./wellbeing_.download.server";


