// The typed table every export is written from (exports/table.ts writes it as CSV or XLSX). A
// plain shape, so the queries that fill one (db/) and the writer need not import each other.
export type CellValue = string | number | null;

export interface ExportColumn {
  /** Header text, exactly as the data contract names the column. */
  header: string;
  /**
   * text: neutralised against formula injection; number: rounded to `decimals` (0 = integer);
   * date: an ISO date (YYYY-MM-DD), written as that text in CSV and as a date cell in XLSX.
   */
  kind: "text" | "number" | "date";
  decimals?: number;
  /** XLSX column width in characters; defaults from the header and the widest value. */
  width?: number;
}

export interface ExportTable {
  /** Sheet name in the workbook. */
  name: string;
  columns: ExportColumn[];
  rows: CellValue[][];
}
