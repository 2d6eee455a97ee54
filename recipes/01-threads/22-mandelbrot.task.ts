/**
 * The Mandelbrot kernel of 22-cpu-bound.bench.ts, a task module for
 * piscina pools (`renderBand`, and `meet` to warm a pool up); raw
 * workers run 22-mandelbrot.worker.ts, which imports it.
 */
export { meet } from '@cookbook/shared';

/** Which part of the complex plane we draw, and how finely. */
export interface Spec {
  width: number;
  height: number;
  maxIter: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** One Uint16 per pixel, on shared memory so that workers fill it in. */
export function newImage(spec: Spec): Uint16Array {
  const bytes = spec.width * spec.height * Uint16Array.BYTES_PER_ELEMENT;
  return new Uint16Array(new SharedArrayBuffer(bytes));
}

// Row y holds, per pixel, how many steps z = z² + c takes to escape
// (maxIter if it never does). Points inside the set cost maxIter steps,
// points far outside a handful, so rows through the set's middle cost
// hundreds of times more than rows along the edges. The arithmetic is
// written exactly as in benchmarks/peers/python/mandelbrot.py, so both
// produce the same image bit for bit.
export function renderRow(image: Uint16Array, spec: Spec, y: number): void {
  const { width, maxIter, xMin } = spec;
  const dx = (spec.xMax - xMin) / width;
  const ci = spec.yMin + y * ((spec.yMax - spec.yMin) / spec.height);
  const base = y * width;
  for (let x = 0; x < width; x++) {
    const cr = xMin + x * dx;
    let zr = 0;
    let zi = 0;
    let i = 0;
    while (i < maxIter) {
      const zr2 = zr * zr;
      const zi2 = zi * zi;
      if (zr2 + zi2 > 4) break;
      zi = 2 * zr * zi + ci;
      zr = zr2 - zi2 + cr;
      i++;
    }
    image[base + x] = i;
  }
}

/** The reference: every row, in order, on the calling thread. */
export function renderSerial(spec: Spec): Uint16Array {
  const image = newImage(spec);
  for (let y = 0; y < spec.height; y++) renderRow(image, spec, y);
  return image;
}

export interface Band {
  image: Uint16Array;
  spec: Spec;
  band: number;
  bands: number;
}

// A pool task: band b draws rows b, b + bands, b + 2·bands, ... Such
// interleaved bands each get a fair share of cheap and costly rows, and
// many more bands than threads let the pool's queue even out the rest.
// The rows land in the shared image; only a row count comes back.
export function renderBand({ image, spec, band, bands }: Band): number {
  let rows = 0;
  for (let y = band; y < spec.height; y += bands, rows++) {
    renderRow(image, spec, y);
  }
  return rows;
}

export interface RowJob {
  image: Uint16Array;
  spec: Spec;
  /** One shared cell: the next row nobody has taken yet. */
  next: Int32Array;
}

// A raw worker's job: take the next free row from the shared counter
// until none is left (dynamic scheduling). A thread that drew cheap rows
// simply takes more of them, so both threads finish within one row of
// each other. The reply says how many rows this thread drew.
export function renderFromCounter({ image, spec, next }: RowJob): number {
  let rows = 0;
  for (let y = Atomics.add(next, 0, 1); y < spec.height; rows++) {
    renderRow(image, spec, y);
    y = Atomics.add(next, 0, 1);
  }
  return rows;
}
