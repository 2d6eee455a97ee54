/**
 * Reduction operations: MPI.SUM, PROD, MAX, MIN, LAND, LOR, MAXLOC,
 * MINLOC and user ops (`Op.create`, as mpi4py's `MPI.Op.Create`).
 *
 * An op combines two values into one. Numbers combine directly; arrays
 * and typed arrays combine element by element, as mpi4py's buffer
 * `Reduce` does on numpy arrays. MAXLOC and MINLOC combine `[value,
 * index]` pairs and keep the smaller index on a tie, as MPI does.
 */

export type Combine = (a: unknown, b: unknown) => unknown;

export class Op {
  readonly name: string;
  readonly combine: Combine;
  /** Whether a op b = b op a; the ring allreduce needs it. */
  readonly commute: boolean;

  constructor(name: string, combine: Combine, commute = true) {
    this.name = name;
    this.combine = combine;
    this.commute = commute;
  }

  /** mpi4py's `MPI.Op.Create(fn, commute)`: fn(a, b) returns a op b. */
  static create(fn: (a: never, b: never) => unknown, commute = true): Op {
    return new Op(fn.name || 'user', fn as Combine, commute);
  }
}

type Numeric = (a: number, b: number) => number;

// Numbers, arrays of numbers and typed arrays, element by element.
function elementwise(name: string, f: Numeric): Op {
  const combine = (a: unknown, b: unknown): unknown => {
    if (typeof a === 'number' && typeof b === 'number') return f(a, b);
    if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
      const x = a as unknown as Float64Array;
      const y = b as unknown as Float64Array;
      const out = x.slice();
      for (let i = 0; i < out.length; i++) out[i] = f(x[i]!, y[i]!);
      return out;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      return a.map((v: unknown, i) => combine(v, b[i]));
    }
    throw new TypeError(`MPI.${name}: cannot combine ${typeof a} and ` +
      `${typeof b}`);
  };
  return new Op(name, combine);
}

/** In-place version for typed arrays: acc[i] = acc[i] op x[i]. */
export function combineInto(op: Op, acc: ArrayLike<number>,
  x: ArrayLike<number>): void {
  // The common case gets a loop of its own: one element type and no
  // call per element, which V8 compiles to a tight vector-free loop
  // (the generic one below calls `f` through a Map lookup's result).
  if (op === SUM && acc instanceof Float64Array &&
    x instanceof Float64Array) {
    sumFloat64(acc, acc, x);
    return;
  }
  const f = NUMERIC.get(op);
  const out = acc as unknown as number[];
  if (f) {
    for (let i = 0; i < out.length; i++) out[i] = f(out[i]!, x[i]!);
    return;
  }
  const combined = op.combine(acc, x) as ArrayLike<number>;
  for (let i = 0; i < out.length; i++) out[i] = combined[i]!;
}

// Eight elements a turn: V8 (Node 20) runs the one-element loop at about
// 3.7 ns an element here, this one at 1-2 ns (the loop's own checks are
// paid once per eight). Measured on 500k float64s; see
// recipes/04-messaging/08-reduction.bench.ts for the whole allreduce.
function sumFloat64(out: Float64Array, a: Float64Array, b: Float64Array):
void {
  const n = out.length;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    out[i] = a[i]! + b[i]!;
    out[i + 1] = a[i + 1]! + b[i + 1]!;
    out[i + 2] = a[i + 2]! + b[i + 2]!;
    out[i + 3] = a[i + 3]! + b[i + 3]!;
    out[i + 4] = a[i + 4]! + b[i + 4]!;
    out[i + 5] = a[i + 5]! + b[i + 5]!;
    out[i + 6] = a[i + 6]! + b[i + 6]!;
    out[i + 7] = a[i + 7]! + b[i + 7]!;
  }
  for (; i < n; i++) out[i] = a[i]! + b[i]!;
}

/**
 * out[i] = a[i] op b[i]: a fold and a copy in one pass. With `also`,
 * the result is written there too (a shared allreduce publishes its sum
 * while it folds: one pass over the memory instead of two).
 */
export function combineFrom(op: Op, out: ArrayLike<number>,
  a: ArrayLike<number>, b: ArrayLike<number>,
  also?: ArrayLike<number>): void {
  if (op === SUM && out instanceof Float64Array &&
    a instanceof Float64Array && b instanceof Float64Array) {
    if (also instanceof Float64Array) sumFloat64Twice(out, also, a, b);
    else sumFloat64(out, a, b);
  } else {
    if (out !== a) (out as Float64Array).set(a as Float64Array);
    combineInto(op, out, b);
    if (also) (also as Float64Array).set(out as Float64Array);
  }
}

// sumFloat64 that writes each sum twice, unrolled the same way.
function sumFloat64Twice(out: Float64Array, also: Float64Array,
  a: Float64Array, b: Float64Array): void {
  const n = out.length;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    out[i] = also[i] = a[i]! + b[i]!;
    out[i + 1] = also[i + 1] = a[i + 1]! + b[i + 1]!;
    out[i + 2] = also[i + 2] = a[i + 2]! + b[i + 2]!;
    out[i + 3] = also[i + 3] = a[i + 3]! + b[i + 3]!;
    out[i + 4] = also[i + 4] = a[i + 4]! + b[i + 4]!;
    out[i + 5] = also[i + 5] = a[i + 5]! + b[i + 5]!;
    out[i + 6] = also[i + 6] = a[i + 6]! + b[i + 6]!;
    out[i + 7] = also[i + 7] = a[i + 7]! + b[i + 7]!;
  }
  for (; i < n; i++) out[i] = also[i] = a[i]! + b[i]!;
}

const sum: Numeric = (a, b) => a + b;
const prod: Numeric = (a, b) => a * b;
const max: Numeric = (a, b) => (a > b ? a : b);
const min: Numeric = (a, b) => (a < b ? a : b);
const land: Numeric = (a, b) => (a && b ? 1 : 0);
const lor: Numeric = (a, b) => (a || b ? 1 : 0);

export const SUM = elementwise('SUM', sum);
export const PROD = elementwise('PROD', prod);
export const MAX = elementwise('MAX', max);
export const MIN = elementwise('MIN', min);

// LAND and LOR also take booleans, as Python's `and`/`or` would.
function logical(name: string, f: Numeric): Op {
  const inner = elementwise(name, f);
  return new Op(name, (a, b) => (typeof a === 'boolean'
    ? Boolean(f(Number(a), Number(b))) : inner.combine(a, b)));
}
export const LAND = logical('LAND', land);
export const LOR = logical('LOR', lor);

const NUMERIC = new Map<Op, Numeric>([
  [SUM, sum], [PROD, prod], [MAX, max], [MIN, min], [LAND, land],
  [LOR, lor],
]);

// [value, index] pairs: the best value wins, the lower index on a tie.
function located(name: string, better: Numeric): Op {
  return new Op(name, (a, b) => {
    const [va, ia] = a as [number, number];
    const [vb, ib] = b as [number, number];
    if (va === vb) return [va, Math.min(ia, ib)];
    return better(va, vb) === va ? [va, ia] : [vb, ib];
  });
}
export const MAXLOC = located('MAXLOC', max);
export const MINLOC = located('MINLOC', min);
