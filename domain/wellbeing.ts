// Wellbeing roll-up and suppression (METRICS.md "Wellbeing"): what may be shown of one survey
// round and dimension across the organisation tree.

import { roundHalfAwayFromZero } from "./rounding";
import { hideUntilUndetermined, proveUndetermined, type DisclosureUnit } from "./wellbeing-disclosure";

export const MIN_RESPONDENTS_FLOOR = 5;
/** Scores leave the server as they are displayed (one decimal), so no reader gets more digits. */
export const SCORE_DECIMALS = 1;

export interface ImportedScore {
  unitId: number;
  score: number;
  respondents: number;
  invited: number | null;
}

export interface UnitNode {
  id: number;
  parentId: number | null;
  /** Orders siblings and breaks ties between equally small children, so suppression is deterministic. */
  code: string;
}

export type HiddenReason = "too_few" | "complementary";

export interface WellbeingFigure {
  unitId: number;
  /** Null when hidden. */
  score: number | null;
  respondents: number;
  invited: number | null;
  /** True when imported for the unit itself; false when derived from its children. */
  own: boolean;
  hiddenReason: HiddenReason | null;
}

/** The organisation may raise, never lower, the minimum group. */
export function effectiveMinimum(configured: number | null | undefined): number {
  return Math.max(MIN_RESPONDENTS_FLOOR, configured ?? MIN_RESPONDENTS_FLOOR);
}

/**
 * Figures of one round and dimension for every unit that has an imported score or a descendant
 * with one. A parent without its own score gets the respondent-weighted mean over ALL its
 * children (shown or not); then groups under the minimum are hidden, and complementary
 * suppression is applied until nothing changes (see `suppressDifferencing`).
 */
export function wellbeingFigures(units: UnitNode[], imported: ImportedScore[], minRespondents: number): Map<number, WellbeingFigure> {
  const min = effectiveMinimum(minRespondents);
  const children = new Map<number, UnitNode[]>();
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  // Children by code, so a parent's mean is summed in the same order whatever order units arrive in.
  for (const list of children.values()) list.sort(byCode);
  const own = new Map(imported.map((s) => [s.unitId, s]));
  const raw = new Map<number, { score: number | null; respondents: number; invited: number | null; own: boolean }>();

  const compute = (unitId: number): void => {
    if (raw.has(unitId)) return;
    const kids = children.get(unitId) ?? [];
    for (const k of kids) compute(k.id);
    const mine = own.get(unitId);
    if (mine) {
      raw.set(unitId, { score: mine.score, respondents: mine.respondents, invited: mine.invited, own: true });
      return;
    }
    const parts = kids.map((k) => raw.get(k.id)).filter((p): p is NonNullable<typeof p> => p !== undefined);
    if (parts.length === 0) return;
    let respondents = 0;
    let weighted = 0;
    let invited: number | null = 0;
    for (const p of parts) {
      if (p.score !== null) {
        respondents += p.respondents;
        weighted += p.score * p.respondents;
      }
      invited = invited !== null && p.invited !== null ? invited + p.invited : null;
    }
    raw.set(unitId, { score: respondents > 0 ? weighted / respondents : null, respondents, invited, own: false });
  };
  for (const u of units) if (u.parentId === null || !byId.has(u.parentId)) compute(u.id);
  for (const u of units) compute(u.id);

  const figures = new Map<number, WellbeingFigure>();
  for (const [unitId, r] of raw) {
    const tooFew = r.score === null || r.respondents < min;
    figures.set(unitId, {
      unitId, score: tooFew ? null : r.score, respondents: r.respondents, invited: r.invited, own: r.own,
      hiddenReason: tooFew ? "too_few" : null,
    });
  }

  suppressDifferencing(topDown(units, byId), byId, children, figures, min);
  hideWhatIsDetermined(units, figures, min);
  for (const f of figures.values()) if (f.score !== null) f.score = roundHalfAwayFromZero(f.score, SCORE_DECIMALS);
  return figures;
}

/**
 * Proof, not pattern (METRICS.md): after the rules, hides more until no hidden unit and no group
 * of hidden people under the minimum can be solved for (wellbeing-disclosure.ts), then checks that
 * with exact rational linear algebra. A failed check is a defect in the suppression itself: the
 * round is not written rather than written with a figure that can be solved for.
 */
function hideWhatIsDetermined(units: UnitNode[], figures: Map<number, WellbeingFigure>, min: number): void {
  const disclosure: DisclosureUnit[] = units.filter((u) => figures.has(u.id)).map((u) => {
    const f = figures.get(u.id)!;
    return { id: u.id, parentId: u.parentId !== null && figures.has(u.parentId) ? u.parentId : null, code: u.code, respondents: f.respondents, shown: f.hiddenReason === null };
  });
  const hidden = hideUntilUndetermined(disclosure, min);
  for (const id of hidden) {
    const f = figures.get(id)!;
    f.score = null;
    f.hiddenReason = "complementary";
  }
  const hiddenSet = new Set(hidden);
  const proof = proveUndetermined(disclosure.map((u) => ({ ...u, shown: u.shown && !hiddenSet.has(u.id) })), min);
  if (proof.failures.length > 0) throw new Error(`Wellbeing suppression left figures that can be solved for: ${proof.failures.slice(0, 5).join("; ")}`);
}

/**
 * No differencing (METRICS.md): hides figures until no shown combination reveals a hidden one.
 * Per parent with a figure, over the children with respondents (a child with none weighs
 * nothing in a mean, so hiding it protects no one):
 * - the parent is shown and exactly one of them is hidden: parent minus the other children would
 *   give that child, so the smallest other shown child is hidden too, or the parent when it has
 *   no other shown child;
 * - the parent is shown and several are hidden with fewer respondents together than the minimum:
 *   parent minus the others would give their joint mean, a group under the minimum (DOMAIN.md:
 *   no combination of shown figures may reveal a smaller group); hidden the same way;
 * - the parent has no own score, is hidden, and every one of them is shown: its mean is then
 *   recomputable from its children, so hiding it protected nothing; the smallest shown child is
 *   hidden too.
 * "Smallest" is fewest respondents, ties broken by unit code in plain code-point order (not the
 * locale's collation, which would make the choice depend on the server's settings).
 * Parents are visited top-down (by depth from the root, siblings by code), and the walk repeats
 * until a whole pass hides nothing, so the result depends on the tree and the data only, never
 * on the order units arrive in.
 */
function suppressDifferencing(
  unitsTopDown: UnitNode[], byId: Map<number, UnitNode>, children: Map<number, UnitNode[]>,
  figures: Map<number, WellbeingFigure>, min: number,
): void {
  const parents = unitsTopDown.filter((u) => children.has(u.id) && figures.has(u.id));
  const hide = (f: WellbeingFigure) => {
    f.score = null;
    f.hiddenReason = "complementary";
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const unit of parents) {
      const parent = figures.get(unit.id)!;
      const weighing = children.get(unit.id)!.map((k) => figures.get(k.id))
        .filter((f): f is WellbeingFigure => f !== undefined && f.respondents > 0);
      const hidden = weighing.filter((f) => f.hiddenReason !== null);
      const hiddenRespondents = hidden.reduce((sum, f) => sum + f.respondents, 0);
      const shown = weighing.filter((f) => f.hiddenReason === null).sort((a, b) => smallestFirst(a, b, byId));
      if (parent.hiddenReason === null && (hidden.length === 1 || (hidden.length > 1 && hiddenRespondents < min))) {
        hide(shown[0] ?? parent);
        changed = true;
      } else if (parent.hiddenReason !== null && !parent.own && hidden.length === 0 && shown.length > 0) {
        hide(shown[0]);
        changed = true;
      }
    }
  }
}

/** Fewest respondents first, then unit code in code-point order. */
function smallestFirst(a: WellbeingFigure, b: WellbeingFigure, byId: Map<number, UnitNode>): number {
  if (a.respondents !== b.respondents) return a.respondents - b.respondents;
  return byCode(byId.get(a.unitId)!, byId.get(b.unitId)!);
}

/** Unit codes in plain code-point order: the same on every server, whatever its locale. */
function byCode(a: UnitNode, b: UnitNode): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Units by depth from their root (a unit whose parent is not in the list is a root), then code. */
function topDown(units: UnitNode[], byId: Map<number, UnitNode>): UnitNode[] {
  const depths = new Map<number, number>();
  const depth = (u: UnitNode): number => {
    const known = depths.get(u.id);
    if (known !== undefined) return known;
    const parent = u.parentId === null ? undefined : byId.get(u.parentId);
    const d = parent ? depth(parent) + 1 : 0;
    depths.set(u.id, d);
    return d;
  };
  return [...units].sort((a, b) => depth(a) - depth(b) || byCode(a, b));
}

/** Change between two rounds, only when both are shown. */
export function wellbeingChange(previous: { score: number | null } | undefined, current: { score: number | null } | undefined): number | null {
  if (!previous || !current || previous.score === null || current.score === null) return null;
  return roundHalfAwayFromZero(current.score - previous.score, SCORE_DECIMALS);
}
