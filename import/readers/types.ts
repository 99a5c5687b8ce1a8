/** One row of a sheet as read: its row number as a spreadsheet shows it (header = 1) and its cells. */
export interface SheetRow {
  row: number;
  cells: string[];
}
