// Every export the CLI and the download routes offer, by name. One builder per kind turns the
// request into a table; exports/table.ts writes it, so a download and `npm run export` are the same bytes.
import type { Database } from "../db/client";
import type { IsoDate } from "../domain/calendar";
import type { ExportTable } from "./table";
import { buildTurnoverExport } from "./turnover";
import { buildLoadExport } from "./load";
import { buildWellbeingExport } from "./wellbeing";

export interface ExportRequest {
  from?: IsoDate;
  to?: IsoDate;
  /** A unit code: that unit and its subtree; absent: every unit. */
  unitCode?: string;
}

export interface ExportDefinition {
  /** True when --from and --to are required. */
  needsPeriod: boolean;
  build(db: Database, request: ExportRequest): Promise<ExportTable>;
}

export const EXPORTS: Record<string, ExportDefinition> = {
  turnover: { needsPeriod: true, build: buildTurnoverExport },
  load: { needsPeriod: true, build: buildLoadExport },
  wellbeing: { needsPeriod: false, build: buildWellbeingExport },
};

export { writeTable, ExportError, CONTENT_TYPES, type ExportFormat, type ExportTable } from "./table";
