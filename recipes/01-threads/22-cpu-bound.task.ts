/**
 * The worker side of threads/cpu-bound and of its benchmark: the book's
 * recursive Fibonacci, and a Mandelbrot renderer whose rows differ
 * wildly in cost. piscina loads this module once per thread and calls an
 * export for every task (the default one unless the call names another);
 * a worker started with `spawnWorker` on this file serves Mandelbrot
 * jobs instead (see the bottom of the file).
 */
import {
  isMainThread,
  parentPort,
  threadId,
  workerData,
} from 'node:worker_threads';
import { Barrier, type BarrierShared } from '@cookbook/shared/sync';

// ── Fibonacci (DC-3.2) ─────────────────────────────────────────────
/** The book's deliberately slow, recursive fib: pure CPU work. */
export function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export interface FibDone {
  value: number;
  threadId: number;
}

// The pool's default task: one fib job, tagged with the thread it ran on.
export default function fibJob(n: number): FibDone {
  return { value: fib(n), threadId };
}

// Blocks until every thread of the pool holds one of these tasks. A busy
// thread takes no second task, so N meeting tasks prove that N threads
// are up before the timed work starts.
export function meet(shared: BarrierShared): number {
  Barrier.from(shared).wait(10_000);
  return threadId;
}

// ── Mandelbrot ─────────────────────────────────────────────────────
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

// A persistent worker: it stays up between jobs, so start-up is paid
// once, not per image. piscina also imports this module in its threads,
// so we serve only in a worker that `spawnWorker` started on this file.
function startedOnThisFile(): boolean {
  const boot = workerData as { entry?: unknown } | null | undefined;
  return !isMainThread && boot?.entry === import.meta.url;
}

if (startedOnThisFile()) {
  parentPort?.on('message', (job: RowJob) => {
    parentPort?.postMessage(renderFromCounter(job));
  });
}
