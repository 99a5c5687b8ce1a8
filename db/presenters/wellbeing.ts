// Presenter for survey figures. It reads wellbeing_unit_round, where the aggregation job has
// already applied the minimum group size and complementary suppression: a hidden figure has no
// score stored, so nothing here can leak one. Change is shown only when both rounds are shown.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { effectiveMinimum, SCORE_DECIMALS } from "../../domain/wellbeing";
import { roundHalfAwayFromZero } from "../../domain/rounding";

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

// ---- Units × dimensions for one round, and how a unit moved since an action plan started ----

/** How far a shown figure is from the organisation's, read in the dimension's direction. */
export type Relative = "better" | "similar" | "worse" | "much_worse";

/** Points from the organisation's figure that count as better or worse; the risk radar's bar (10) is "much worse". */
export const RELATIVE_BAND = 5;
export const MUCH_WORSE_BAND = 10;

/** Null unless both figures are shown: a hidden figure is compared with nothing. */
export function relativeToOrganisation(cell: SurveyCell | null, organisation: SurveyCell | null, higherIsBetter: boolean): Relative | null {
  if (cell?.score == null || organisation?.score == null) return null;
  const better = (cell.score - organisation.score) * (higherIsBetter ? 1 : -1);
  if (better >= RELATIVE_BAND) return "better";
  if (better <= -MUCH_WORSE_BAND) return "much_worse";
  if (better <= -RELATIVE_BAND) return "worse";
  return "similar";
}

export interface HeatmapRow {
  unitId: number;
  code: string;
  name: string;
  /** Below the chosen unit: 0 for the unit itself. */
  depth: number;
  cells: { cell: SurveyCell | null; relative: Relative | null }[];
}

export interface WellbeingHeatmap {
  round: string | null;
  rounds: string[];
  dimensions: DimensionInfo[];
  organisation: (SurveyCell | null)[];
  rows: HeatmapRow[];
  /** True when the subtree had more units than the table shows. */
  truncated: boolean;
  /** The bands the colours stand for (relativeToOrganisation), for the legend. */
  bands: { relative: number; muchWorse: number };
}

/** Levels below the chosen unit the heatmap shows, and at most this many rows. */
export const HEATMAP_DEPTH = 2;
export const HEATMAP_ROWS = 200;

/**
 * The chosen unit and the units up to two levels below it, in tree order, × every dimension, for one
 * round (the latest when none is asked for), beside the organisation. Only what the rollup stored
 * as shown carries a score.
 */
export async function wellbeingHeatmap(db: Database, unitId: number, organisationId: number, round: string | null): Promise<WellbeingHeatmap> {
  const units = await queryRows<{ id: number; code: string; name: string; depth: number }>(db, sql`
    with recursive tree as (
      select u.id, u.code, u.name, 0 as depth, array[u.name::text] as path from units u where u.id = ${unitId}
      union all
      select c.id, c.code, c.name, t.depth + 1, t.path || c.name::text from units c join tree t on c.parent_id = t.id where t.depth < ${HEATMAP_DEPTH}
    )
    select id, code, name, depth from tree order by path limit ${HEATMAP_ROWS + 1}`);
  const truncated = units.length > HEATMAP_ROWS;
  const shownUnits = units.slice(0, HEATMAP_ROWS);
  const ids = [...new Set([organisationId, ...shownUnits.map((u) => u.id)])];
  const rounds = await roundsOf(db, [unitId, organisationId]);
  const chosen = round !== null && rounds.includes(round) ? round : rounds.at(-1) ?? null;
  const [dims, rows] = await Promise.all([dimensions(db), chosen ? cells(db, ids, [chosen]) : Promise.resolve([])]);
  const byKey = new Map(rows.map((r) => [`${r.unitId}|${r.dimension}`, r]));
  const organisation = dims.map((d) => toCell(byKey.get(`${organisationId}|${d.key}`)));
  return {
    round: chosen,
    rounds,
    dimensions: dims,
    organisation,
    truncated,
    bands: { relative: RELATIVE_BAND, muchWorse: MUCH_WORSE_BAND },
    rows: shownUnits.map((u) => ({
      unitId: u.id, code: u.code, name: u.name, depth: u.depth,
      cells: dims.map((d, i) => {
        const cell = toCell(byKey.get(`${u.id}|${d.key}`));
        return { cell, relative: relativeToOrganisation(cell, organisation[i]!, d.higherIsBetter) };
      }),
    })),
  };
}

export interface PlanWellbeingProgress {
  /** The last round closed before the plan started, and the latest round since. */
  baseline: string | null;
  latest: string | null;
  better: number;
  worse: number;
  unchanged: number;
  /** Dimensions without a shown figure in one of the two rounds: no change is shown for them. */
  notComparable: number;
  verdict: "improving" | "worsening" | "unchanged" | "no_comparison";
}

/** A change smaller than this many points reads as unchanged. */
export const UNCHANGED_BAND = 1;

/**
 * Whether a plan's unit is improving since the plan started: per dimension, the change between the
 * baseline round and the latest, counted only when both figures are shown (METRICS.md), read in the
 * dimension's direction. The verdict follows the majority of the comparable dimensions.
 */
export function progressSincePlan(
  dims: DimensionInfo[], baseline: string | null, latest: string | null, rows: CellRow[],
): PlanWellbeingProgress {
  const empty = { baseline, latest, better: 0, worse: 0, unchanged: 0, notComparable: dims.length };
  if (baseline === null || latest === null || baseline === latest) return { ...empty, verdict: "no_comparison" };
  const find = (round: string, dim: string) => toCell(rows.find((r) => r.round === round && r.dimension === dim));
  let better = 0, worse = 0, unchanged = 0, notComparable = 0;
  for (const d of dims) {
    const change = cellChange(find(baseline, d.key), find(latest, d.key));
    if (change === null) notComparable++;
    else if (Math.abs(change) < UNCHANGED_BAND) unchanged++;
    else if ((change > 0) === d.higherIsBetter) better++;
    else worse++;
  }
  const verdict = better + worse + unchanged === 0 ? "no_comparison" : better > worse ? "improving" : worse > better ? "worsening" : "unchanged";
  return { baseline, latest, better, worse, unchanged, notComparable, verdict };
}

/**
 * For each plan (unit, start day, AT themes): its unit's wellbeing since it started. A plan about
 * psychosocial themes is judged on the dimensions of those themes when there are any; otherwise on all.
 */
export async function plansWellbeingProgress(
  db: Database, plans: { id: number; unitId: number; startedOn: string; themes: string[] }[],
): Promise<Map<number, PlanWellbeingProgress>> {
  const result = new Map<number, PlanWellbeingProgress>();
  if (plans.length === 0) return result;
  const [allRounds, dims] = await Promise.all([
    queryRows<{ key: string; closedOn: string }>(db, sql`select key, closed_on::text as "closedOn" from survey_rounds order by closed_on, key`),
    queryRows<DimensionInfo & { atTheme: string | null }>(db, sql`
      select key, label_da as "labelDa", label_en as "labelEn", higher_is_better as "higherIsBetter", at_theme as "atTheme"
      from wellbeing_dimensions order by label_da`),
  ]);
  const unitIds = [...new Set(plans.map((p) => p.unitId))];
  const rows = await cells(db, unitIds, allRounds.map((r) => r.key));
  for (const plan of plans) {
    const own = rows.filter((r) => r.unitId === plan.unitId);
    const withFigures = allRounds.filter((r) => own.some((x) => x.round === r.key));
    const baseline = withFigures.filter((r) => r.closedOn < plan.startedOn).at(-1)?.key ?? null;
    const after = withFigures.filter((r) => r.closedOn >= plan.startedOn).at(-1)?.key ?? null;
    const themed = dims.filter((d) => d.atTheme !== null && plan.themes.includes(d.atTheme));
    result.set(plan.id, progressSincePlan(themed.length ? themed : dims, baseline, after, own));
  }
  return result;
}

/** The plans' units, start days (the day each plan was created) and AT themes, for plansWellbeingProgress. */
export async function planStarts(db: Database, planIds: number[]): Promise<{ id: number; unitId: number; startedOn: string; themes: string[] }[]> {
  if (planIds.length === 0) return [];
  const rows = await queryRows<{ id: number; unitId: number; startedOn: string; themes: string[] | null }>(db, sql`
    select id, unit_id as "unitId", (created_at at time zone 'Europe/Copenhagen')::date::text as "startedOn", at_themes as themes
    from action_plans where id = any(${`{${planIds.join(",")}}`}::int[])`);
  return rows.map((r) => ({ ...r, themes: r.themes ?? [] }));
}
export type PlanStart = Awaited<ReturnType<typeof planStarts>>[number];
