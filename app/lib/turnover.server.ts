// The turnover routes' door to server code (presenter, export, period rules), so postgres.js and
// exceljs never reach the browser bundle.
export {
  turnoverReport, rollingTurnoverSeries, departuresList, turnoverThreshold, unitsInTreeOrder,
  type TurnoverReport, type TurnoverRow, type RollingPoint, type DepartureListRow, type DepartureKindFilter, type TurnoverUnit,
} from "../../db/presenters/turnover";
export { unitPicker } from "../../db/presenters/units";
export { buildTurnoverExport } from "../../exports/turnover";
export { buildMunicipalTurnoverExport } from "../../exports/turnover-municipal";
export { latestSnapshotYear, smallPopulation, SMALL_POPULATION_HEADCOUNT } from "../../domain/turnover";
export { writeTable, CONTENT_TYPES, type ExportFormat } from "../../exports/table";
export { resolvePeriod, periodDefaults, type PeriodKind, type ResolvedPeriod } from "../../domain/turnover-period";
export { monthStart, isValidIsoDate } from "../../domain/calendar";
export { businessDate } from "../../env";
export { roundHalfAwayFromZero } from "../../domain/rounding";
