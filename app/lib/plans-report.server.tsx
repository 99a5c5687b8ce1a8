// The report back to AT as a standalone HTML file: the same document as the page, with its A4 print
// stylesheet inside, so it opens, prints and archives without the application.
import { renderToStaticMarkup } from "react-dom/server";
import { REPORT_CSS, ReportDocument, type ReportData } from "./plans-ui";

export function renderReportHtml(data: ReportData): string {
  const body = renderToStaticMarkup(<ReportDocument data={data} />);
  const title = `Tilbagemelding – ${data.plan.title}`.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body { margin: 0; background: #f3f3f3; } @media print { body { background: #fff; } }${REPORT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
