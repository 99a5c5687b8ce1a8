// The report back to AT as a PDF (reports/report-pdf.ts), for whoever may read the plan.

export { loader } from "./plans.$id_.report[.]pdf.server";


