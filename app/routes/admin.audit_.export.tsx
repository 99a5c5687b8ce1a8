// /admin/audit/export?…&format=csv|xlsx: the audit trail as the page filters it, each event in
// words, through the one export writer (UTF-8 BOM, ';', neutralised formulas; typed XLSX cells).

export { loader } from "./admin.audit_.export.server";


