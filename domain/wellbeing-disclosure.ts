// What a determined reader can solve for from the shown wellbeing figures of one round and
// dimension (METRICS.md "Proof, not pattern"), and the extra hiding that leaves nothing to solve.
//
// The reader's model: every unit with a figure has two unknowns, its respondents n_u and its
// respondent-weighted score sum s_u = n_u × score_u. Every parent, with or without its own imported
// score, is read as the sum of its children (n_p = Σ n_c, s_p = Σ s_c); every shown figure gives
// its n_u and s_u. The n and s systems have the same matrix, so one system over one unknown per unit
// decides both: a linear functional c·x is determined iff c lies in the row space of the equations.
//
// Substituting the parent equations leaves one unknown per leaf (a unit without children that have
// figures). A shown unit u then says "the leaves under u add up to this"; these sets nest, so the
// row space is spanned by the disjoint ATOMS: for each shown unit, its leaves that lie under no
// shown unit below it. A group of leaves is determined iff it is a union of atoms, so:
// - a hidden unit is determined iff its leaves are a union of atoms;
// - the smallest determined groups of hidden people are the single atoms of shown parents, so "no
//   set of hidden units with fewer than the minimum together is determined" holds iff every such
//   atom with respondents has at least the minimum.
// `hideUntilUndetermined` uses that structure to decide fast what to hide; `proveUndetermined`
// then checks the result independently with exact rational Gaussian elimination (rational-span.ts):
// the rank equals the parent equations plus the atoms and every atom lies in the row space, so the
// row space is exactly what the atoms say, and no hidden unit lies in it.
import { RationalSpan, sparseRow, type SparseRow } from "./rational-span";

export interface DisclosureUnit {
  id: number;
  /** The parent among the units with figures, or null for a root. */
  parentId: number | null;
  code: string;
  respondents: number;
  shown: boolean;
}

export interface Leak {
  kind: "group" | "unit";
  /** The shown unit whose atom is too small (group), or the hidden unit that is determined (unit). */
  unitId: number;
  /** The leaves the determined functional adds up. */
  leafIds: number[];
  respondents: number;
}

interface Tree {
  units: DisclosureUnit[];
  byId: Map<number, DisclosureUnit>;
  children: Map<number, DisclosureUnit[]>;
  /** Units in depth-first order, children by code. */
  order: DisclosureUnit[];
  depth: Map<number, number>;
  leaves: DisclosureUnit[];
  /** Each unit's leaves as the half-open range [start, end) of `leaves`. */
  range: Map<number, [number, number]>;
}

function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function smallestFirst(a: DisclosureUnit, b: DisclosureUnit): number {
  return a.respondents - b.respondents || byCode(a, b);
}

function buildTree(units: DisclosureUnit[]): Tree {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<number, DisclosureUnit[]>();
  const roots: DisclosureUnit[] = [];
  for (const u of units) {
    if (u.parentId === null || !byId.has(u.parentId)) roots.push(u);
    else {
      const list = children.get(u.parentId) ?? [];
      list.push(u);
      children.set(u.parentId, list);
    }
  }
  for (const list of children.values()) list.sort(byCode);
  roots.sort(byCode);
  const order: DisclosureUnit[] = [];
  const depth = new Map<number, number>();
  const leaves: DisclosureUnit[] = [];
  const range = new Map<number, [number, number]>();
  // Iterative depth-first walk: a national tree is shallow, but a crafted file need not be.
  const stack: { unit: DisclosureUnit; d: number; exit: boolean }[] = roots.slice().reverse().map((unit) => ({ unit, d: 0, exit: false }));
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.exit) {
      range.get(top.unit.id)![1] = leaves.length;
      continue;
    }
    order.push(top.unit);
    depth.set(top.unit.id, top.d);
    range.set(top.unit.id, [leaves.length, leaves.length]);
    const kids = children.get(top.unit.id);
    if (!kids) {
      leaves.push(top.unit);
      range.get(top.unit.id)![1] = leaves.length;
      continue;
    }
    stack.push({ unit: top.unit, d: top.d, exit: true });
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ unit: kids[i], d: top.d + 1, exit: false });
  }
  return { units, byId, children, order, depth, leaves, range };
}

interface Atoms {
  /** Per leaf (index in tree.leaves): the nearest shown unit at or above it, or null. */
  owner: (number | null)[];
  count: Map<number, number>;
  respondents: Map<number, number>;
  /** Per unit: the nearest shown unit strictly above it, or null. */
  shownAbove: Map<number, number | null>;
}

function atomsOf(tree: Tree, shown: (id: number) => boolean): Atoms {
  const shownAbove = new Map<number, number | null>();
  const nearest = new Map<number, number | null>();
  for (const u of tree.order) {
    const above = u.parentId !== null && tree.byId.has(u.parentId) ? nearest.get(u.parentId)! : null;
    shownAbove.set(u.id, above);
    nearest.set(u.id, shown(u.id) ? u.id : above);
  }
  const owner = tree.leaves.map((l) => nearest.get(l.id)!);
  const count = new Map<number, number>();
  const respondents = new Map<number, number>();
  tree.leaves.forEach((l, i) => {
    const o = owner[i];
    if (o === null) return;
    count.set(o, (count.get(o) ?? 0) + 1);
    respondents.set(o, (respondents.get(o) ?? 0) + l.respondents);
  });
  return { owner, count, respondents, shownAbove };
}

/** True when the leaves with these indices are a union of atoms: their sum is determined. */
function unionOfAtoms(atoms: Atoms, leafIndices: number[]): boolean {
  const inside = new Map<number, number>();
  for (const i of leafIndices) {
    const o = atoms.owner[i];
    if (o === null) return false;
    inside.set(o, (inside.get(o) ?? 0) + 1);
  }
  for (const [o, n] of inside) if (atoms.count.get(o) !== n) return false;
  return true;
}

function rangeIndices(tree: Tree, unitId: number): number[] {
  const [start, end] = tree.range.get(unitId)!;
  return Array.from({ length: end - start }, (_, k) => start + k);
}

/**
 * Everything a reader can solve for, in a fixed order: too-small atoms of shown parents (by code),
 * then determined hidden units (by code). Groups and units without respondents reveal no score
 * and are left out, as a child with none weighs nothing in a mean.
 */
function leaksOf(tree: Tree, shown: (id: number) => boolean, min: number, atoms = atomsOf(tree, shown)): Leak[] {
  const leaks: Leak[] = [];
  const sorted = [...tree.units].sort(byCode);
  for (const u of sorted) {
    if (!shown(u.id) || !tree.children.has(u.id)) continue;
    const n = atoms.respondents.get(u.id) ?? 0;
    if ((atoms.count.get(u.id) ?? 0) > 0 && n > 0 && n < min) {
      const leafIds = tree.leaves.filter((_, i) => atoms.owner[i] === u.id).map((l) => l.id);
      leaks.push({ kind: "group", unitId: u.id, leafIds, respondents: n });
    }
  }
  for (const u of sorted) {
    if (shown(u.id) || u.respondents === 0) continue;
    const indices = rangeIndices(tree, u.id);
    if (unionOfAtoms(atoms, indices)) leaks.push({ kind: "unit", unitId: u.id, leafIds: indices.map((i) => tree.leaves[i].id), respondents: u.respondents });
  }
  return leaks;
}

/** What a reader can solve for from the shown units (see the file comment). */
export function findLeaks(units: DisclosureUnit[], min: number): Leak[] {
  const tree = buildTree(units);
  return leaksOf(tree, (id) => tree.byId.get(id)!.shown, min);
}

/**
 * Hides shown units until `findLeaks` finds nothing, one at a time: for the first leak, among the
 * shown units whose atoms it is made of and the shown units just below those (the candidates whose
 * hiding merges an atom with others), the smallest (fewest respondents, then code) whose hiding
 * makes the leaked sum undetermined; if none does alone, the smallest of them, and the walk goes
 * on. Each step hides one more unit, so it ends; returns the ids hidden, in order.
 */
export function hideUntilUndetermined(units: DisclosureUnit[], min: number): number[] {
  const tree = buildTree(units);
  const shownSet = new Set(units.filter((u) => u.shown).map((u) => u.id));
  const shown = (id: number) => shownSet.has(id);
  const leafIndex = new Map(tree.leaves.map((l, i) => [l.id, i]));
  const hidden: number[] = [];
  for (;;) {
    const atoms = atomsOf(tree, shown);
    const [leak] = leaksOf(tree, shown, min, atoms);
    if (!leak) return hidden;
    const indices = leak.leafIds.map((id) => leafIndex.get(id)!);
    const owners = new Set(indices.map((i) => atoms.owner[i]).filter((o): o is number => o !== null));
    const candidates = tree.units
      .filter((u) => shownSet.has(u.id) && (owners.has(u.id) || owners.has(atoms.shownAbove.get(u.id) ?? NaN)))
      .sort(smallestFirst);
    const breaks = candidates.find((c) => {
      shownSet.delete(c.id);
      const still = unionOfAtoms(atomsOf(tree, shown), indices);
      shownSet.add(c.id);
      return !still;
    });
    const chosen = breaks ?? candidates[0];
    shownSet.delete(chosen.id);
    hidden.push(chosen.id);
  }
}

export interface Proof {
  /** Rank of the reader's equations: parent equations plus shown figures. */
  rank: number;
  parentEquations: number;
  atoms: number;
  hiddenUnitsChecked: number;
  /** Empty when nothing is determined. */
  failures: string[];
}

/**
 * Independent check by exact rational Gaussian elimination over one unknown per unit: builds the
 * reader's equations, verifies that their row space is spanned by the parent equations and the
 * atoms (rank and membership), that no atom of hidden people has respondents under the minimum,
 * and that no hidden unit with respondents lies in the row space.
 */
export function proveUndetermined(units: DisclosureUnit[], min: number): Proof {
  const tree = buildTree(units);
  const shown = (id: number) => tree.byId.get(id)!.shown;
  // Columns: parents top-down, then leaves in depth-first order; a parent equation's leading
  // column is then its parent, and a shown unit's row reduces to its leaves.
  const internal = tree.order.filter((u) => tree.children.has(u.id))
    .sort((a, b) => tree.depth.get(a.id)! - tree.depth.get(b.id)! || byCode(a, b));
  const column = new Map<number, number>();
  internal.forEach((u, i) => column.set(u.id, i));
  tree.leaves.forEach((l, i) => column.set(l.id, internal.length + i));
  const span = new RationalSpan();
  for (const p of internal) {
    span.add(sparseRow([[column.get(p.id)!, 1n], ...tree.children.get(p.id)!.map((c): [number, bigint] => [column.get(c.id)!, -1n])]));
  }
  const unit = (id: number): SparseRow => ({ cols: [column.get(id)!], vals: [1n] });
  const deepestFirst = [...tree.order].sort((a, b) => tree.depth.get(b.id)! - tree.depth.get(a.id)! || byCode(a, b));
  for (const u of deepestFirst) if (u.shown) span.add(unit(u.id));

  const failures: string[] = [];
  const atoms = atomsOf(tree, shown);
  const atomLeaves = new Map<number, number[]>();
  tree.leaves.forEach((l, i) => {
    const o = atoms.owner[i];
    if (o !== null) atomLeaves.set(o, [...(atomLeaves.get(o) ?? []), column.get(l.id)!]);
  });
  for (const [o, cols] of atomLeaves) {
    if (!span.contains({ cols: cols.sort((a, b) => a - b), vals: cols.map(() => 1n) })) failures.push(`atom of ${tree.byId.get(o)!.code} is not in the row space`);
    const n = atoms.respondents.get(o) ?? 0;
    if (tree.children.has(o) && n > 0 && n < min) failures.push(`hidden group under ${tree.byId.get(o)!.code} of ${n} respondents is determined`);
  }
  if (span.rank !== internal.length + atomLeaves.size) {
    failures.push(`rank ${span.rank} is not ${internal.length} parent equations + ${atomLeaves.size} atoms`);
  }
  let hiddenUnitsChecked = 0;
  for (const u of tree.order) {
    if (u.shown || u.respondents === 0) continue;
    hiddenUnitsChecked++;
    if (span.contains(unit(u.id))) failures.push(`hidden ${u.code} is determined`);
  }
  return { rank: span.rank, parentEquations: internal.length, atoms: atomLeaves.size, hiddenUnitsChecked, failures };
}
