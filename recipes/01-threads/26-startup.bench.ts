/**
 * Start-up benchmarks: what one worker thread, or one child process,
 * costs before it does anything.
 *
 * WorkerStartup: start, one round trip, terminate. A plain-JS eval
 * worker, a TypeScript worker through spawnWorker (from its cached
 * bundle: no loader runs in it), a piscina pool's first task, and for
 * comparison the old way, tsx's loader registered in the worker
 * (COOKBOOK_TS_BUNDLE=0). Target: ts-spawnWorker ≤ 2× js-eval-worker.
 *
 * ProcessStartup: fork, one IPC round trip, disconnect, exit. A plain
 * JavaScript child, a TypeScript child through forkTs (from its bundle),
 * and the same child under tsx's loader.
 *
 * Why bundles won, and what they cost: see shared/src/bundle.mjs.
 */
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { smokeSize, suite } from '@cookbook/bench';
import {
  exited,
  forkTs,
  nextMessage,
  pool,
  spawnWorker,
} from '@cookbook/shared';
import { newImage, type RowJob, type Spec } from './16-cpu-bound.task.ts';

const TASK = new URL('./16-cpu-bound.task.ts', import.meta.url);
const CHILD = new URL('./26-startup.worker.ts', import.meta.url);

// ── WorkerStartup: start + one round trip + terminate ─────────────
// Plain JavaScript, no loader: `execArgv: []` drops the tsx flags that
// workers would otherwise inherit from a tsx-run parent.
const ECHO = `const { parentPort } = require('node:worker_threads');
parentPort.once('message', (m) => parentPort.postMessage(m));`;

async function jsEvalWorker(): Promise<number> {
  const w = new Worker(ECHO, { eval: true, execArgv: [] });
  const reply = nextMessage<number>(w);
  w.postMessage(1);
  const trips = await reply;
  await w.terminate();
  return trips;
}

// The task file's persistent worker; an image with no rows makes the
// round trip do no work.
const NO_ROWS: Spec = { width: 1, height: 0, maxIter: 1,
  xMin: -2.2, xMax: 0.8, yMin: -1.2, yMax: 1.2 };

async function tsWorker(): Promise<number> {
  const w = spawnWorker(TASK);
  const spec = NO_ROWS;
  const reply = nextMessage<number>(w);
  w.postMessage({ image: newImage(spec), spec,
    next: new Int32Array(new SharedArrayBuffer(4)) } satisfies RowJob);
  await reply;
  await w.terminate();
  return 1;
}

// A one-thread pool and its first task: fib(0).
async function piscinaFirstTask(): Promise<number> {
  const p = pool(TASK, { minThreads: 1, maxThreads: 1 });
  try {
    await p.run(0);
    return 1;
  } finally {
    await p.destroy();
  }
}

// The old way, for comparison: with bundling off, spawnWorker and
// forkTs fall back to tsx's loader in the new thread or process.
async function withoutBundles<T>(start: () => Promise<T>): Promise<T> {
  const saved = process.env['COOKBOOK_TS_BUNDLE'];
  process.env['COOKBOOK_TS_BUNDLE'] = '0';
  try {
    return await start();
  } finally {
    if (saved === undefined) delete process.env['COOKBOOK_TS_BUNDLE'];
    else process.env['COOKBOOK_TS_BUNDLE'] = saved;
  }
}

// The old way costs seconds under load: a smoke run ("does it still
// run?") leaves it out; shared/test/startup.test.ts tests that path.
const OLD_WAY = smokeSize(true, false);

const workers = suite('WorkerStartup', { runs: 10 })
  .add('impl=js-eval-worker', jsEvalWorker)
  .add('impl=ts-spawnWorker', tsWorker)
  .add('impl=piscina-first-task', piscinaFirstTask);
if (OLD_WAY) workers.add('impl=ts-tsx-loader', () => withoutBundles(tsWorker));

// ── ProcessStartup: fork + one IPC round trip + exit ───────────────
// The plain-JS child is `node -e` with an IPC channel, which is all
// that `fork` adds to a spawn.
const ECHO_CHILD =
  "process.once('message', (m) => process.send(m));";

type Child = ReturnType<typeof spawn>;

// One message there and back, then the parent lets go of the channel
// and the child, with nothing left to do, exits.
async function roundTrip(child: Child): Promise<number> {
  const reply = new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(m as number));
    child.once('error', reject);
  });
  child.send(1);
  const trips = await reply;
  child.disconnect();
  const { code } = await exited(child);
  if (code !== 0) throw new Error(`child exited with code ${code}`);
  return trips;
}

const jsFork = (): Promise<number> => roundTrip(spawn(process.execPath,
  ['-e', ECHO_CHILD], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));

const tsFork = (): Promise<number> => roundTrip(forkTs(CHILD));

const processes = suite('ProcessStartup', { runs: 10 })
  .add('impl=js-fork', jsFork)
  .add('impl=ts-forkTs', tsFork);
if (OLD_WAY) processes.add('impl=ts-tsx-loader', () => withoutBundles(tsFork));

export default [workers, processes];
