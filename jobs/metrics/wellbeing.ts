// Wellbeing roll-up and suppression (METRICS.md "Wellbeing"): what may be shown of one survey
// round and dimension across the organisation tree.

export const MIN_RESPONDENTS_FLOOR = 5;

export interface ImportedScore {
  unitId: number;
  score: number;
  respondents: number;
  invited: number | null;
}

export interface UnitNode {
  id: number;
  parentId: number | null;
  /** Tie-breaker when two children are equally small, so suppression is deterministic. */
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
 * suppression is applied until nothing changes.
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

  // Level by level until nothing changes: wherever exactly one child with a figure is hidden
  // beside a shown parent, hide the smallest other shown child too, or else the parent.
  let changed = true;
  while (changed) {
    changed = false;
    for (const [parentId, kids] of children) {
      const parent = figures.get(parentId);
      if (!parent || parent.hiddenReason !== null) continue;
      const present = kids.map((k) => figures.get(k.id)).filter((f): f is WellbeingFigure => f !== undefined);
      const hidden = present.filter((f) => f.hiddenReason !== null);
      if (hidden.length !== 1) continue;
      const shown = present
        .filter((f) => f.hiddenReason === null)
        .sort((a, b) => a.respondents - b.respondents || byId.get(a.unitId)!.code.localeCompare(byId.get(b.unitId)!.code));
      const victim = shown[0] ?? parent;
      victim.score = null;
      victim.hiddenReason = "complementary";
      changed = true;
    }
  }
  return figures;
}

/** Change between two rounds, only when both are shown. */
export function wellbeingChange(previous: { score: number | null } | undefined, current: { score: number | null } | undefined): number | null {
  if (!previous || !current || previous.score === null || current.score === null) return null;
  return current.score - previous.score;
}
