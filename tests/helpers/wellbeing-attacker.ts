// A determined reader of the wellbeing figures, by brute force and independent of the suppression's
// own reasoning about atoms: it writes every equation the reader has (each parent, with or without
// its own score, is the sum of its children in respondents and respondent-weighted scores; every
// shown figure is known), then tries every hidden unit and every set of hidden units that are not
// nested in one another (a group of people) with respondents under the minimum, and solves each
// one that lies in the row space. Exact: RationalSpan's BigInt elimination for what is determined,
// then BigInt fractions for the value.
import { RationalSpan, sparseRow } from "../../domain/rational-span";

export interface AttackUnit {
  id: number;
  parentId: number | null;
  code: string;
  respondents: number;
  /** Shown score as it left the server, or null when hidden. */
  score: number | null;
}

export interface Finding {
  units: string[];
  respondents: number;
}

/** Units must be those with figures; `maxHidden` bounds the subsets tried (2^maxHidden). */
export function attack(units: AttackUnit[], min: number, maxHidden = 14): Finding[] {
  const index = new Map(units.map((u, i) => [u.id, i]));
  const span = new RationalSpan();
  for (const p of units) {
    const kids = units.filter((c) => c.parentId === p.id);
    if (kids.length > 0) span.add(sparseRow([[index.get(p.id)!, 1n], ...kids.map((c): [number, bigint] => [index.get(c.id)!, -1n])]));
  }
  for (const u of units) if (u.score !== null) span.add(sparseRow([[index.get(u.id)!, 1n]]));
  const hidden = units.filter((u) => u.score === null && u.respondents > 0);
  if (hidden.length > maxHidden) throw new Error(`${hidden.length} hidden units: too many to try every set`);
  const ancestors = (u: AttackUnit): Set<number> => {
    const out = new Set<number>();
    let p = u.parentId;
    while (p !== null) {
      out.add(p);
      p = units.find((x) => x.id === p)!.parentId;
    }
    return out;
  };
  const above = new Map(hidden.map((u) => [u.id, ancestors(u)]));
  // A group's people are its leaves' (the model reads a parent as the sum of its children, so a
  // parent's own count, where a file's disagrees, is not what the reader would count).
  const leafRespondents = (u: AttackUnit): number => {
    const kids = units.filter((c) => c.parentId === u.id);
    return kids.length === 0 ? u.respondents : kids.reduce((n, c) => n + leafRespondents(c), 0);
  };
  const findings: Finding[] = [];
  for (let mask = 1; mask < 1 << hidden.length; mask++) {
    const set = hidden.filter((_, i) => mask & (1 << i));
    const nested = set.some((a) => set.some((b) => a !== b && above.get(a.id)!.has(b.id)));
    if (nested) continue;
    const respondents = set.reduce((n, u) => n + leafRespondents(u), 0);
    if (set.length > 1 && respondents >= min) continue;
    if (span.contains(sparseRow(set.map((u): [number, bigint] => [index.get(u.id)!, 1n])))) {
      findings.push({ units: set.map((u) => u.code).sort(), respondents });
    }
  }
  return findings;
}

/**
 * What the reader solves the first hidden group to, from the shown (rounded) figures: the group's
 * respondent-weighted score sum and respondents as the same combination of shown figures, found
 * by trying to peel shown figures off its ancestors. Used to show that a leak is a number, not
 * just a rank: returns the score the reader reads, or null when the simple peel does not reach it.
 */
export function peel(units: AttackUnit[], groupCodes: string[]): number | null {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const group = new Set(groupCodes.map((c) => byCode.get(c)!.id));
  const children = (id: number) => units.filter((u) => u.parentId === id);
  // Leaves under a unit, as ids.
  const leaves = (id: number): number[] => (children(id).length === 0 ? [id] : children(id).flatMap((c) => leaves(c.id)));
  const groupLeaves = new Set([...group].flatMap(leaves));
  for (const top of units.filter((u) => u.score !== null && children(u.id).length > 0)) {
    const mine = new Set(leaves(top.id));
    if (![...groupLeaves].every((l) => mine.has(l))) continue;
    // top minus shown units below it that cover exactly the rest.
    const rest = new Set([...mine].filter((l) => !groupLeaves.has(l)));
    const shownBelow = units.filter((u) => u.score !== null && u.id !== top.id && leaves(u.id).every((l) => rest.has(l)) && mine.has(leaves(u.id)[0]));
    const maximal = shownBelow.filter((u) => !shownBelow.some((v) => v !== u && leaves(v.id).length > leaves(u.id).length && leaves(u.id).every((l) => leaves(v.id).includes(l))));
    const covered = new Set(maximal.flatMap((u) => leaves(u.id)));
    if (covered.size !== rest.size || [...rest].some((l) => !covered.has(l))) continue;
    const n = top.respondents - maximal.reduce((s, u) => s + u.respondents, 0);
    const sum = top.score! * top.respondents - maximal.reduce((s, u) => s + u.score! * u.respondents, 0);
    return n > 0 ? sum / n : null;
  }
  return null;
}
