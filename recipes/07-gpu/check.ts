/**
 * The chapter's float64 references and how we compare float32 results
 * with them. Every kernel here returns float32 (gpu.js always does; the
 * WGSL kernels use f32), so equality is "within float32 rounding": the
 * error of a sum of n products grows like n * 2^-24 relative to the sum
 * of the magnitudes (Higham's bound), which is what `f32Tolerance` says.
 */
import { randomInts } from '@cookbook/shared';

export type Matrix = ArrayLike<number>[];

/** Repeatable floats in [-2, 2] with 3 decimals, standing in for randn. */
export function seededFloats(count: number, seed: number): Float32Array {
  return Float32Array.from(randomInts(count, 4000, seed),
    (v) => (v - 2000) / 1000);
}

/** Rows of a flat row-major array. */
export function rows(flat: ArrayLike<number>, width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += width) {
    out.push(Array.from({ length: width }, (_, j) => flat[i + j] ?? NaN));
  }
  return out;
}

/** C = A * B in float64: the reference every matmul is checked with. */
export function matmul64(a: Matrix, b: Matrix): number[][] {
  const n = b.length;
  const p = b[0]?.length ?? 0;
  return a.map((row) => Array.from({ length: p }, (_, j) => {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += (row[k] ?? 0) * (b[k]?.[j] ?? 0);
    return sum;
  }));
}

/** The largest |got - want| over all elements (NaN counts as Infinity). */
export function maxAbsDiff(got: Matrix | ArrayLike<number>,
  want: Matrix | ArrayLike<number>): number {
  const g = flatten(got);
  const w = flatten(want);
  if (g.length !== w.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < g.length; i++) {
    const d = Math.abs((g[i] ?? NaN) - (w[i] ?? NaN));
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  }
  return worst;
}

function flatten(m: Matrix | ArrayLike<number>): number[] {
  const first = (m as ArrayLike<unknown>)[0];
  return typeof first === 'object' && first !== null
    ? Array.from(m as Matrix).flatMap((r) => Array.from(r))
    : Array.from(m as ArrayLike<number>);
}

/**
 * The float32 tolerance for a result built from `terms` products whose
 * magnitudes sum to at most `scale`: terms * 2^-24 * scale, doubled for
 * the rounding of the inputs themselves.
 */
export function f32Tolerance(terms: number, scale: number): number {
  return 2 * Math.max(terms, 1) * 2 ** -24 * Math.max(scale, 1);
}

/** Prints a matrix the way NumPy does, one row per line. */
export function formatMatrix(m: Matrix, digits = 4): string {
  const cells = m.map((r) => Array.from(r, (v) => v.toFixed(digits)));
  const width = Math.max(...cells.flat().map((c) => c.length));
  const lines = cells.map((r) => r.map((c) => c.padStart(width)).join(' '));
  return lines.map((l, i) => `${i === 0 ? '[[' : ' ['}${l}]`
    + (i === lines.length - 1 ? ']' : '')).join('\n');
}
