// The administrator's settings (db/queries/settings.ts) for the settings page.
export {
  THRESHOLD_KEYS, SettingsError, catalogues, complexityWeights, saveCaseType, saveDimension, saveFlag, setComplexityWeights,
  setUnitThresholds, unitThresholds, type ThresholdKey, type ThresholdRow,
} from "../../db/queries/settings";
export { unitPicker } from "../../db/presenters/units";
export { AT_THEMES } from "../../db/schema";
