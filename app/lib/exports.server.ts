// The pages' downloads: a page's loader answers `?format=csv|xlsx` with the table it shows as a
// file, written by the one export writer (exports/table.ts), so postgres.js and exceljs stay out of
// the browser bundle and every download follows the data contract's rules.
import { z } from "zod";
import { CONTENT_TYPES, writeTable, type ExportFormat, type ExportTable } from "../../exports/table";

export { allTeamsPage, SORT_KEYS, STATUS_FILTERS, PAGE_SIZE } from "../../db/queries/all-teams";
export { allTeamsTable } from "../../exports/all-teams";

export const FormatParam = z.enum(["csv", "xlsx"]).optional();

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
