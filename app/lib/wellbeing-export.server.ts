// The wellbeing export for the page's download (exports/wellbeing.ts: suppressed as the pages show it).
export { buildWellbeingExport } from "../../exports/wellbeing";
export { writeTable, CONTENT_TYPES } from "../../exports/table";
