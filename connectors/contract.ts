// What every connector hands the importer: rows of the data contract (docs/DATA-CONTRACT.md),
// keyed by its column names, as a CSV reader would produce them (strings; '' for empty).
import type { EmploymentRole, EndReason } from "../db/schema";

export interface UnitRow {
  unit_code: string;
  name: string;
  parent_code: string;
  kind: string;
}

export interface EmploymentRow {
  employee_id: string;
  display_name: string;
  unit_code: string;
  role: EmploymentRole;
  is_manager: "true" | "false";
  fte: string;
  start_date: string;
  end_date: string;
  end_reason: EndReason | "";
}

export interface ContractBatch {
  units: UnitRow[];
  employments: EmploymentRow[];
}

export type ProblemKind = "config" | "connection" | "auth" | "record" | "source";

/**
 * Why a sync stopped before anything was written. `params` never holds a CPR number: a record is
 * named by the source's own id (an OS2mo uuid, an Opus employee number, an SD employment id).
 */
export class ConnectorError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly recordId: string | null = null,
  ) {
    super(recordId ? `${kind}: ${detail} (record ${recordId})` : `${kind}: ${detail}`);
    this.name = "ConnectorError";
  }
}
