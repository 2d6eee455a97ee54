/**
 * Benchmarks for threads/cpu-bound.
 *
 * Mandelbrot: one image drawn serially, by raw persistent workers that
 * take rows from a shared counter, and by piscina pools of 1, 2 and 4
 * threads working through interleaved row bands; beside them, Python's
 * threads and processes drawing the same image (a smaller copy: pure
 * Python is ~40x slower, see below). Every variant's image is checked
 * against the serial one by a digest (CRC-32 + sum); results are per
 * pixel (`ops` = pixels), so the Python rows compare despite the size.
 * What a worker costs to start is the WorkerStartup suite's question
 * (26-startup.bench.ts); here every worker starts before the clock.
 */
import type { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { smokeSize, suite } from '@cookbook/bench';
import { nextMessage, pool, spawnWorker, warmUp } from '@cookbook/shared';
import {
  newImage,
  renderSerial,
  type Band,
  type RowJob,
  type Spec,
} from './22-mandelbrot.task.ts';

// piscina's threads load the task module; raw workers run the worker.
const TASK = new URL('./22-mandelbrot.task.ts', import.meta.url);
const WORKER = new URL('./22-mandelbrot.worker.ts', import.meta.url);

// About 1.2 s serially on one core of this 2-core EPYC machine; the
// smoke run draws a thumbnail.
export const SPEC: Spec = {
  width: smokeSize(1600, 160),
  height: smokeSize(1280, 128),
  maxIter: smokeSize(1000, 200),
  xMin: -2.2,
  xMax: 0.8,
  yMin: -1.2,
  yMax: 1.2,
};

// The Python peers draw the same view at a quarter of the width and
// height (1/16 of the pixels): at full size one threaded run would take
// about a minute. Per-pixel results keep the rows comparable.
const SMALL: Spec = { ...SPEC, width: SPEC.width / 4,
  height: SPEC.height / 4 };

// Many more bands than threads: each interleaved band mixes cheap and
// costly rows, and the pool's queue evens out what is left.
const BANDS = 32;

export interface Digest {
  width: number;
  height: number;
  maxIter: number;
  crc32: number;
  sum: number;
}

/** A short, exact stand-in for the image: cheap to compare, and the
 * Python peer computes the same one. */
export function digest(image: Uint16Array, spec: Spec): Digest {
  let sum = 0;
  for (const v of image) sum += v;
  const bytes = new Uint8Array(image.buffer, image.byteOffset,
    image.byteLength);
  return { width: spec.width, height: spec.height, maxIter: spec.maxIter,
    crc32: crc32(bytes), sum };
}

// A peer's smaller image is checked against our own kernel at its size.
function checkDigest(got: unknown, baseline: unknown): boolean {
  const g = got as Digest;
  const b = baseline as Digest;
  if (g.width === b.width && g.height === b.height) {
    return JSON.stringify(g) === JSON.stringify(b);
  }
  const spec = { ...SPEC, width: g.width, height: g.height };
  return JSON.stringify(g) === JSON.stringify(
    digest(renderSerial(spec), spec));
}

/** How a parallel variant sets up, runs and tears down. */
interface Setup {
  before: () => unknown;
  after: () => unknown;
  run: () => Promise<Uint16Array>;
}

// ── Raw workers: persistent, dynamic scheduling ────────────────────
// Workers start in `before` (untimed) and stay up; a run posts one job
// to each and waits for their row counts. The image is shared memory:
// nothing is copied back.
function rawWorkers(count: number): Setup {
  let workers: Worker[] = [];
  return {
    before: () => {
      workers = Array.from({ length: count }, () => spawnWorker(WORKER));
    },
    after: () => Promise.all(workers.map((w) => w.terminate())),
    run: async (): Promise<Uint16Array> => {
      const image = newImage(SPEC);
      const next = new Int32Array(new SharedArrayBuffer(4));
      const job: RowJob = { image, spec: SPEC, next };
      const rows = workers.map((w) => {
        const done = nextMessage<number>(w);
        w.postMessage(job);
        return done;
      });
      await Promise.all(rows);
      return image;
    },
  };
}

// ── piscina: interleaved bands through the pool's queue ───────────
function piscina(threads: number): Setup {
  let p: ReturnType<typeof pool> | undefined;
  return {
    before: async () => {
      p = pool(TASK, { minThreads: threads, maxThreads: threads });
      // Wait until every thread is up, so no run pays for a start.
      await warmUp(p, threads);
    },
    after: () => p?.destroy(),
    run: async (): Promise<Uint16Array> => {
      const image = newImage(SPEC);
      await Promise.all(Array.from({ length: BANDS }, (_, band) => {
        const task: Band = { image, spec: SPEC, band, bands: BANDS };
        return p!.run(task, { name: 'renderBand' });
      }));
      return image;
    },
  };
}

const PIXELS = SPEC.width * SPEC.height;
const SMALL_PIXELS = SMALL.width * SMALL.height;

function variant(v: Setup) {
  return [v.run, { before: v.before, after: v.after, ops: PIXELS }] as const;
}

const PEER = new URL('../../benchmarks/peers/python/mandelbrot.py',
  import.meta.url);

function peer(mode: string, workers: number) {
  return {
    script: PEER,
    args: ['--mode', mode, '--workers', String(workers),
      '--width', String(SMALL.width), '--height', String(SMALL.height),
      '--max-iter', String(SMALL.maxIter),
      '--view', [SMALL.xMin, SMALL.xMax, SMALL.yMin, SMALL.yMax].join(',')],
    runs: 3,
    ops: SMALL_PIXELS,
  };
}

const mandelbrot = suite('Mandelbrot', {
  answer: (image) => digest(image as Uint16Array, SPEC),
  check: checkDigest,
  meta: { width: SPEC.width, height: SPEC.height, maxIter: SPEC.maxIter,
    op: 'pixel', bands: BANDS },
})
  .add('impl=serial', () => renderSerial(SPEC), { ops: PIXELS })
  .add('impl=workers/workers=2', ...variant(rawWorkers(2)))
  .add('impl=piscina/workers=1', ...variant(piscina(1)))
  .add('impl=piscina/workers=2', ...variant(piscina(2)))
  .add('impl=piscina/workers=4', ...variant(piscina(4)))
  .peer('peer=python-serial/size=small', peer('serial', 1))
  .peer('peer=python-threads/workers=2/size=small', peer('threads', 2))
  .peer('peer=python-processes/workers=2/size=small',
    peer('processes', 2));

export default mandelbrot;
