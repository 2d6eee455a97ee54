/**
 * What a lock costs: `npm run bench -- threads/lock`.
 *
 * Uncontended, on one thread: a bare `Atomics.add` (the floor), the
 * sync Mutex (`lock()` + `unlock()`: two compare-and-swaps, no system
 * call) and the recipe's two-state lock (which calls `Atomics.notify`
 * on every release). Contended: two persistent workers increment one
 * counter, lock-free with `Atomics.add` or under the Mutex; each run
 * posts a job to both and waits for both. Results are per increment.
 * Every run checks the counter and throws on a lost update, so a lock
 * that loses updates fails the bench (the harness itself compares only
 * the first run's answer with the baseline's).
 */
import { isMainThread, parentPort, type Worker } from 'node:worker_threads';
import { smokeSize, suite } from '@cookbook/bench';
import { nextMessage, spawnWorker, workerInput } from '@cookbook/shared';
import { Mutex, type MutexShared } from '@cookbook/shared/sync';

// Increments per run: on one thread, and per worker when contended.
const SOLO = smokeSize(1_000_000, 2_000);
const PER_WORKER = smokeSize(200_000, 1_000);
const WORKERS = 2;

// 07-lock.ts runs its own worker code when a worker loads it, so only
// the main thread imports the recipe's two-state lock.
const recipe = isMainThread ? await import('./07-lock.ts') : undefined;

// ── One thread ─────────────────────────────────────────────────────
function atomicsAdd(counter: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) Atomics.add(counter, 0, 1);
}

function underMutex(mutex: Mutex, counter: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    mutex.lock();
    counter[0]! += 1; // plain read and write: the lock orders them
    mutex.unlock();
  }
}

function underTwoState(lock: Int32Array, counter: Int32Array, n: number,
): void {
  const { acquire, release } = recipe!;
  for (let i = 0; i < n; i++) {
    acquire(lock);
    counter[0]! += 1;
    release(lock);
  }
}

// A lost update stops the bench, whichever run it happens in.
function checkCount(got: number, expected: number): true {
  if (got !== expected) {
    throw new Error(`lost updates: counter ${got}, expected ${expected}`);
  }
  return true;
}

// Runs `fn` on a fresh counter; the answer is "no update was lost".
function counted(expected: number, fn: (c: Int32Array) => void): true {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  fn(counter);
  return checkCount(counter[0]!, expected);
}

// ── Two persistent workers ─────────────────────────────────────────
type Impl = 'atomics-add' | 'mutex';

interface Init {
  mutex: MutexShared;
  counter: Int32Array;
}

// Worker side: each message is a job of `n` increments; reply 'done'.
function serve({ mutex, counter }: Init): void {
  const lock = Mutex.from(mutex);
  parentPort?.on('message', ({ impl, n }: { impl: Impl; n: number }) => {
    if (impl === 'mutex') underMutex(lock, counter, n);
    else atomicsAdd(counter, n);
    parentPort?.postMessage('done');
  });
  parentPort?.postMessage('ready');
}

if (!isMainThread) serve(workerInput<Init>());

// Main side: the suite starts both workers once, untimed; a run posts
// one job to each and waits for both replies.
const shared: Init = { mutex: new Mutex().shared,
  counter: new Int32Array(new SharedArrayBuffer(4)) };
let workers: Worker[] = [];

async function start(): Promise<void> {
  workers = Array.from({ length: WORKERS },
    () => spawnWorker(new URL(import.meta.url), shared));
  await Promise.all(workers.map((w) => nextMessage(w)));
}

async function stop(): Promise<void> {
  await Promise.all(workers.map((w) => w.terminate()));
}

async function contended(impl: Impl): Promise<true> {
  Atomics.store(shared.counter, 0, 0);
  const replies = workers.map((w) => nextMessage(w));
  for (const w of workers) w.postMessage({ impl, n: PER_WORKER });
  await Promise.all(replies);
  return checkCount(Atomics.load(shared.counter, 0), WORKERS * PER_WORKER);
}

const mutex = new Mutex();
const twoState = new Int32Array(new SharedArrayBuffer(4)); // one cell
const ops = WORKERS * PER_WORKER;

export default suite('Mutex', { runs: 10, warmup: 1, before: start,
  after: stop })
  .add('impl=atomics-add/threads=1',
    () => counted(SOLO, (c) => atomicsAdd(c, SOLO)), { ops: SOLO })
  .add('impl=mutex/threads=1',
    () => counted(SOLO, (c) => underMutex(mutex, c, SOLO)), { ops: SOLO })
  .add('impl=two-state/threads=1',
    () => counted(SOLO, (c) => underTwoState(twoState, c, SOLO)),
    { ops: SOLO })
  .add('impl=atomics-add/workers=2', () => contended('atomics-add'), { ops })
  .add('impl=mutex/workers=2', () => contended('mutex'), { ops });
