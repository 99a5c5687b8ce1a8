// Exact linear algebra over the rationals for the wellbeing disclosure proof (METRICS.md "Proof,
// not pattern"). A row is a sparse vector with BigInt coefficients; a rational row is kept as an
// integer multiple of itself (fraction-free Gaussian elimination: r ← a·r − b·p, then divided by
// the gcd), so no division and no float ever enters. The span is kept in row-echelon form, one
// row per pivot column, which is all a membership test needs: a vector whose leading column has
// no pivot cannot be a combination of rows whose leading columns all differ from it.

export interface SparseRow {
  /** Column indices, strictly increasing. */
  cols: number[];
  /** Non-zero coefficients, one per column. */
  vals: bigint[];
}

export function sparseRow(entries: Iterable<[number, bigint]>): SparseRow {
  const merged = new Map<number, bigint>();
  for (const [c, v] of entries) merged.set(c, (merged.get(c) ?? 0n) + v);
  const cols = [...merged.keys()].filter((c) => merged.get(c) !== 0n).sort((a, b) => a - b);
  return { cols, vals: cols.map((c) => merged.get(c)!) };
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The same row scaled so its leading coefficient is positive and its entries share no factor. */
function normalise(row: SparseRow): SparseRow {
  if (row.cols.length === 0) return row;
  let g = 0n;
  for (const v of row.vals) {
    g = gcd(g, v);
    if (g === 1n) break;
  }
  if (row.vals[0] < 0n) g = -g;
  if (g === 1n) return row;
  return { cols: row.cols, vals: row.vals.map((v) => v / g) };
}

/** a·r − b·p, merged column by column. */
function combine(a: bigint, r: SparseRow, b: bigint, p: SparseRow): SparseRow {
  const cols: number[] = [];
  const vals: bigint[] = [];
  let i = 0;
  let j = 0;
  while (i < r.cols.length || j < p.cols.length) {
    const ci = i < r.cols.length ? r.cols[i] : Infinity;
    const cj = j < p.cols.length ? p.cols[j] : Infinity;
    let v: bigint;
    let c: number;
    if (ci === cj) {
      v = (a === 1n ? r.vals[i] : a * r.vals[i]) - (b === 1n ? p.vals[j] : b * p.vals[j]);
      c = ci;
      i++;
      j++;
    } else if (ci < cj) {
      v = a === 1n ? r.vals[i] : a * r.vals[i];
      c = ci;
      i++;
    } else {
      v = b === 1n ? -p.vals[j] : -b * p.vals[j];
      c = cj;
      j++;
    }
    if (v !== 0n) {
      cols.push(c);
      vals.push(v);
    }
  }
  return { cols, vals };
}

/** The row space of the rows added so far. */
export class RationalSpan {
  private readonly pivots = new Map<number, SparseRow>();

  get rank(): number {
    return this.pivots.size;
  }

  /** What is left of the row after eliminating every leading column that has a pivot. */
  reduce(row: SparseRow): SparseRow {
    let r = normalise(row);
    while (r.cols.length > 0) {
      const p = this.pivots.get(r.cols[0]);
      if (!p) break;
      const a = p.vals[0];
      const b = r.vals[0];
      const g = gcd(a, b);
      r = normalise(combine(a / g, r, b / g, p));
    }
    return r;
  }

  /** Adds the row; true when it was independent of the rows before it (the rank grew). */
  add(row: SparseRow): boolean {
    const r = this.reduce(row);
    if (r.cols.length === 0) return false;
    this.pivots.set(r.cols[0], r);
    return true;
  }

  /** True when the vector is a rational combination of the rows: the functional is determined. */
  contains(row: SparseRow): boolean {
    return this.reduce(row).cols.length === 0;
  }
}
