// The report back to AT as a downloadable file (the same document as /plans/:id/report).

export { loader } from "./plans.$id_.report[.]html.server";


