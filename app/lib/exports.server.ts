// The door to the all-teams presenter and to the one export writer (exports/table.ts) for the
// routes, so postgres.js and exceljs stay out of the browser bundle.
import { CONTENT_TYPES, writeTable, type ExportFormat, type ExportTable } from "../../exports/table";


/** The table as an attachment; the file name keeps to letters, digits, `_`, `.` and `-`. */
export async function downloadResponse(table: ExportTable, format: ExportFormat, basename: string): Promise<Response> {
  const bytes = await writeTable(table, format);
  const filename = `${basename}.${format}`.replace(/[^A-Za-z0-9_.-]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
