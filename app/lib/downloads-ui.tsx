// "Hent som CSV / Excel" beside a table: plain links to the page's own URL with `format`, loaded as
// documents (a download, not a client-side navigation), so they work before JavaScript loads.
import { useLang, type Lang } from "./i18n";

const TEXTS: Record<Lang, { download: string; csv: string; xlsx: string }> = {
  da: { download: "Hent tabellen", csv: "CSV (Excel, dansk)", xlsx: "Excel-projektmappe (XLSX)" },
  en: { download: "Download the table", csv: "CSV (Excel, Danish)", xlsx: "Excel workbook (XLSX)" },
};

/** `query` is the page's query string without `format` (no leading `?`). */
export function DownloadLinks({ path, query, label }: { path: string; query: string; label?: string }) {
  const t = TEXTS[useLang()];
  const base = `${path}?${query ? `${query}&` : ""}format=`;
  return (
    <p className="row no-print downloads">
      <span>{label ?? t.download}:</span>
      <a href={`${base}csv`} download>{t.csv}</a>
      <a href={`${base}xlsx`} download>{t.xlsx}</a>
    </p>
  );
}

/** The current query string without `format`, for DownloadLinks. */
export function queryWithout(search: string, ...names: string[]): string {
  const params = new URLSearchParams(search);
  for (const name of ["format", ...names]) params.delete(name);
  return params.toString();
}
