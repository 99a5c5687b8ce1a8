import type { MessageKey, MessageParams } from "../messages";

/** One row of a sheet as read: its row number as a spreadsheet shows it (header = 1) and its cells. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** Something a reader noticed that the user should hear about, as a message key with parameters. */
export interface ReaderNote {
  key: MessageKey;
  params: MessageParams;
}
