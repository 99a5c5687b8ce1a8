// Files handed to the browser as downloads: the one place that names an attachment and says it is
// private (every export, the audit trail's and the page downloads alike).
import { CONTENT_TYPES, writeTable, type ExportFormat, type ExportTable } from "../../exports/table";

/** The bytes as an attachment; the file name keeps to letters, digits, `_`, `.` and `-`. */
export function attachment(bytes: Uint8Array, format: ExportFormat, basename: string): Response {
  const filename = `${basename}.${format}`.replace(/[^A-Za-z0-9_.-]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** The table written as CSV or XLSX, as an attachment. */
export async function downloadResponse(table: ExportTable, format: ExportFormat, basename: string): Promise<Response> {
  return attachment(await writeTable(table, format), format, basename);
}
