// The admin.audit_.export route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { parseAuditFilter } from "../../db/presenters/audit";
import { AUDIT_EXPORT_LIMIT, auditExportTable, auditRowsForExport, wordAudit } from "../../db/presenters/audit";
import { downloadResponse } from "~/lib/exports.server";
import { getLang } from "~/lib/lang.server";
import { badRequest } from "~/lib/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireCapability(request, "view_audit");
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "csv";
  const filter = parseAuditFilter(params);
  if (!filter.success || (format !== "csv" && format !== "xlsx")) {
    throw badRequest("Ugyldigt filter eller format (csv eller xlsx).");
  }
  const db = getDb();
  const lang = await getLang(request, principal.user.language);
  const rows = await auditRowsForExport(db, filter.data, AUDIT_EXPORT_LIMIT + 1);
  if (rows.length > AUDIT_EXPORT_LIMIT) {
    throw badRequest(`Mere end ${AUDIT_EXPORT_LIMIT.toLocaleString("da-DK")} hændelser: afgræns filteret (fx med datoer).`);
  }
  const stamp = new Date().toISOString().slice(0, 10);
  return downloadResponse(auditExportTable(await wordAudit(db, rows, lang), lang), format, `revisionsspor_${stamp}`);
}
