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
 * Tuned: transpose B once (n^2 copies against n^3 multiply-adds), so
 * that C[i][j] is a dot product of two rows read at unit stride, and
 * keep four independent float64 sums in registers so the CPU can
 * overlap the additions instead of waiting for each one.
 */
export function tuned(a: Float32Array, b: Float32Array,
  c: Float32Array | Float64Array,
  n: number, from = 0, to = n): void {
  const bt = new Float32Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) bt[j * n + k] = b[k * n + j]!;
  }
  const end = n - (n % 4);
  for (let i = from; i < to; i++) {
    const ai = i * n;
    for (let j = 0; j < n; j++) {
      const bj = j * n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let k = 0;
      for (; k < end; k += 4) {
        s0 += a[ai + k]! * bt[bj + k]!;
        s1 += a[ai + k + 1]! * bt[bj + k + 1]!;
        s2 += a[ai + k + 2]! * bt[bj + k + 2]!;
        s3 += a[ai + k + 3]! * bt[bj + k + 3]!;
      }
      for (; k < n; k++) s0 += a[ai + k]! * bt[bj + k]!;
      c[ai + j] = s0 + s1 + s2 + s3;
    }
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
