// Presenter for survey figures. It reads wellbeing_unit_round, where the aggregation job has
// already applied the minimum group size and complementary suppression: a hidden figure has no
// score stored, so nothing here can leak one. Change is shown only when both rounds are shown.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { effectiveMinimum, SCORE_DECIMALS } from "../../jobs/metrics/wellbeing";
import { roundHalfAwayFromZero } from "../../jobs/metrics/rounding";

/** One unit's figure for one round and dimension, as it may be shown. */
export interface SurveyCell {
  /** Null when hidden or when the unit has no figure for the round. */
  score: number | null;
  hidden: "too_few" | "complementary" | null;
  /** Respondents and invited only for shown figures: a hidden group's size is itself protected. */
  respondents: number | null;
  invited: number | null;
}

export interface DimensionInfo {
  key: string;
  labelDa: string;
  labelEn: string;
  higherIsBetter: boolean;
}

export interface RoundComparison {
  latest: string | null;
  previous: string | null;
  rows: (DimensionInfo & { latest: SurveyCell | null; previous: SurveyCell | null; change: number | null })[];
}

export interface CellRow {
  unitId: number;
  round: string;
  dimension: string;
  score: number | null;
  respondents: number;
  invited: number | null;
  hiddenReason: "too_few" | "complementary" | null;
}

export function toCell(r: CellRow | undefined): SurveyCell | null {
  if (!r) return null;
  const shown = r.hiddenReason === null && r.score !== null;
  return {
    score: shown ? r.score : null,
    hidden: shown ? null : r.hiddenReason ?? "too_few",
    respondents: shown ? r.respondents : null,
    invited: shown ? r.invited : null,
  };
}

/** Change from the previous to the latest round, only when both figures are shown. */
export function cellChange(previous: SurveyCell | null, latest: SurveyCell | null): number | null {
  if (previous?.score == null || latest?.score == null) return null;
  // Rounded as shown: 61.2 − 60.1 in doubles is 1.1000000000000014.
  return roundHalfAwayFromZero(latest.score - previous.score, SCORE_DECIMALS);
}

/** Response rate in % when both counts are known (shown figures only). */
export function responseRate(cell: SurveyCell | null): number | null {
  if (!cell || cell.respondents === null || !cell.invited) return null;
  return (cell.respondents / cell.invited) * 100;
}

/** The minimum group size in force: the organisation's setting, never below 5. */
export async function minRespondents(db: Database): Promise<number> {
  const [row] = await queryRows<{ min: number | null }>(db, sql`select min_respondents as min from organisation_settings where id = 1`);
  return effectiveMinimum(row?.min);
}

async function dimensions(db: Database): Promise<DimensionInfo[]> {
  return queryRows<DimensionInfo>(db, sql`
    select key, label_da as "labelDa", label_en as "labelEn", higher_is_better as "higherIsBetter"
    from wellbeing_dimensions order by label_da`);
}

/** Rounds with figures for the units, oldest first (by the date the round closed). */
async function roundsOf(db: Database, unitIds: number[]): Promise<string[]> {
  const rows = await queryRows<{ round: string }>(db, sql`
    select r.key as round from survey_rounds r
    where exists (select 1 from wellbeing_unit_round w where w.survey_round = r.key
                  and w.unit_id = any(${`{${unitIds.join(",")}}`}::int[]))
    order by r.closed_on, r.key`);
  return rows.map((r) => r.round);
}

async function cells(db: Database, unitIds: number[], rounds: string[]): Promise<CellRow[]> {
  if (rounds.length === 0) return [];
  return queryRows<CellRow>(db, sql`
    select unit_id as "unitId", survey_round as round, dimension, score::float8 as score, respondents, invited,
      hidden_reason as "hiddenReason"
    from wellbeing_unit_round
    where unit_id = any(${`{${unitIds.join(",")}}`}::int[]) and survey_round in (${sql.join(rounds.map((r) => sql`${r}`), sql`, `)})`);
}

/**
 * The latest round beside the one before, from the unit's cells of those rounds (rounds oldest
 * first, at most two). Dimensions without a figure in either round are left out.
 */
export function compareRounds(dims: DimensionInfo[], rounds: string[], rows: CellRow[]): RoundComparison {
  const latest = rounds.at(-1) ?? null;
  const previous = rounds.length >= 2 ? rounds.at(-2)! : null;
  const find = (round: string | null, dim: string) => (round ? toCell(rows.find((r) => r.round === round && r.dimension === dim)) : null);
  return {
    latest,
    previous,
    rows: dims
      .map((d) => {
        const l = find(latest, d.key);
        const p = find(previous, d.key);
        return { ...d, latest: l, previous: p, change: cellChange(p, l) };
      })
      .filter((r) => r.latest !== null || r.previous !== null),
  };
}

export interface WellbeingSeries extends DimensionInfo {
  /** Per round (same order as `rounds`): the unit's cell and the organisation's. */
  unit: (SurveyCell | null)[];
  organisation: (SurveyCell | null)[];
  /** Latest minus the round before, only when both are shown for the unit. */
  change: number | null;
}

export interface WellbeingPage {
  rounds: string[];
  /** The minimum group size, for the words a hidden figure is shown with. */
  minRespondents: number;
  /** Response rate per round for the unit, when a shown figure carries invited. */
  responseRates: (number | null)[];
  dimensions: WellbeingSeries[];
}

/** Every dimension of the unit across all rounds, beside the organisation (the root unit). */
export async function wellbeingPage(db: Database, unitId: number, organisationId: number): Promise<WellbeingPage> {
  const ids = [...new Set([unitId, organisationId])];
  const rounds = await roundsOf(db, ids);
  const [dims, rows, minimum] = await Promise.all([dimensions(db), cells(db, ids, rounds), minRespondents(db)]);
  const cell = (u: number, round: string, dim: string) =>
    toCell(rows.find((r) => r.unitId === u && r.round === round && r.dimension === dim));
  const series = dims
    .map((d): WellbeingSeries => {
      const unit = rounds.map((r) => cell(unitId, r, d.key));
      return {
        ...d,
        unit,
        organisation: rounds.map((r) => cell(organisationId, r, d.key)),
        change: unit.length >= 2 ? cellChange(unit[unit.length - 2], unit[unit.length - 1]) : null,
      };
    })
    .filter((s) => s.unit.some((c) => c !== null) || s.organisation.some((c) => c !== null));
  const responseRates = rounds.map((r) => {
    const shown = rows.filter((x) => x.unitId === unitId && x.round === r).map(toCell).filter((c) => c && c.invited);
    const best = shown.reduce<number | null>((max, c) => {
      const rate = responseRate(c);
      return rate !== null && (max === null || rate > max) ? rate : max;
    }, null);
    return best;
  });
  return { rounds, minRespondents: minimum, responseRates, dimensions: series };
}
