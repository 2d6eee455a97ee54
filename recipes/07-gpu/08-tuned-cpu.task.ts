/**
 * The CPU matrix multiplies of gpu/tuned-cpu, and the worker side of its
 * two-thread version: piscina calls the default export with a band of
 * rows; A, B and C live in SharedArrayBuffers, so nothing is copied.
 */

/** The textbook triple loop: B is read down its columns (cache-hostile). */
export function naive(a: Float32Array, b: Float32Array,
  c: Float32Array | Float64Array,
  n: number, from = 0, to = n): void {
  for (let i = from; i < to; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += a[i * n + k]! * b[k * n + j]!;
      c[i * n + j] = sum;
    }
  }
}

/**
 * Tuned: loop order i-k-j, so the inner loop walks a row of B and a row
 * of C side by side (unit stride, which the cache and V8 like), in
 * blocks of K_BLOCK rows of B that stay in cache; a float64 row
 * accumulator keeps the float64 sums of the naive loop.
 */
const K_BLOCK = 64;
export function tuned(a: Float32Array, b: Float32Array, c: Float32Array,
  n: number, from = 0, to = n): void {
  const row = new Float64Array(n);
  for (let i = from; i < to; i++) {
    row.fill(0);
    for (let k0 = 0; k0 < n; k0 += K_BLOCK) {
      const kEnd = Math.min(k0 + K_BLOCK, n);
      for (let k = k0; k < kEnd; k++) {
        const aik = a[i * n + k]!;
        const bRow = k * n;
        for (let j = 0; j < n; j++) row[j]! += aik * b[bRow + j]!;
      }
    }
    for (let j = 0; j < n; j++) c[i * n + j] = row[j]!;
  }
}

export interface Band {
  a: Float32Array;
  b: Float32Array;
  c: Float32Array;
  n: number;
  from: number;
  to: number;
}

/** One worker's share: rows from..to of C. */
export default function band({ a, b, c, n, from, to }: Band): number {
  tuned(a, b, c, n, from, to);
  return to - from;
}
