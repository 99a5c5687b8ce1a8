// Finds the header row: the first row that is not blank. Reports exported from HR and case systems
// often put a title ("Medarbejdere pr. 01-02-2024") above it; read as the header, such a file
// would only say that every column is missing. So when the first row names none of the kind's
// columns and a row just below names all the required ones, the file is refused with that row.
import { ImportFileError } from "../errors";
import { normaliseHeader } from "../parse";
import type { SheetRow } from "./types";

/** How many rows below the first are searched for the real header. */
export const HEADER_LOOKAHEAD = 10;

export interface HeaderColumns {
  name: string;
  required: boolean;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c === "");

/** Whether a row names every required column (the normalised way headers are matched). */
export function namesRequired(cells: readonly string[], columns: readonly HeaderColumns[]): boolean {
  const names = new Set(cells.map(normaliseHeader));
  return columns.every((c) => !c.required || names.has(c.name));
}

/** Whether a row names at least one of the columns. */
export function namesAny(cells: readonly string[], columns: readonly HeaderColumns[]): boolean {
  const known = new Set(columns.map((c) => c.name));
  return cells.some((cell) => known.has(normaliseHeader(cell)));
}

/**
 * Reads up to the header row; `lookahead` holds the rows already read past it, which the caller
 * must treat as the first data rows. Throws `file.headerNotFirst` for a title above the header.
 */
export async function readHeader(
  rows: AsyncIterator<SheetRow>,
  columns: readonly HeaderColumns[],
): Promise<{ header: SheetRow | null; lookahead: SheetRow[] }> {
  let next = await rows.next();
  while (!next.done && isBlank(next.value.cells)) next = await rows.next();
  if (next.done) return { header: null, lookahead: [] };
  const header = next.value;
  const lookahead: SheetRow[] = [];
  if (namesAny(header.cells, columns)) return { header, lookahead };
  while (lookahead.length < HEADER_LOOKAHEAD) {
    const row = await rows.next();
    if (row.done) break;
    if (isBlank(row.value.cells)) continue;
    if (namesRequired(row.value.cells, columns)) throw new ImportFileError("file.headerNotFirst", { row: row.value.row });
    lookahead.push(row.value);
  }
  return { header, lookahead };
}
