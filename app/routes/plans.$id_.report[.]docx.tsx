// The report back to AT as a Word file (reports/report-docx.ts), for editing before it is filed.

export { loader } from "./plans.$id_.report[.]docx.server";


