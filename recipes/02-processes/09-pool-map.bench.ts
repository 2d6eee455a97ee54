/**
 * Benchmarks for processes/pool-map.
 *
 * ProcessPool: CPU-bound work (the primes below LIMIT, by trial
 * division, cut into 16 chunks; ~1.5 s serially on this 2-core EPYC)
 * counted serially and by ProcessPools of 1, 2 and 4 children, next to
 * Python's `multiprocessing.Pool` counting the same primes in the same
 * chunks. Pure Python is ~40x slower (about a minute serially), so its
 * peers run once; speed-ups are measured within each language. Target:
 * impl=pool/workers=2 >= 1.8x serial on 2 cores. 16 chunks, not 8: the
 * chunks near LIMIT cost most, and with 8 the last one left a core idle
 * long enough to cap the speed-up near 1.85x. The pools start before the
 * clock; their start-up is the next suite. No warmup round (a minute of
 * Python each time): each variant warms up in its untimed `before`.
 *
 * PoolStartup: `new ProcessPool` + `ready()` + `close()`: what a pool of
 * TypeScript children costs before any work (tsx's loader runs in each
 * child), against one plain-JS `fork` that says hello and exits.
 */
import { spawn } from 'node:child_process';
import { smokeSize, suite } from '@cookbook/bench';
import { exited } from '@cookbook/shared';
import { ProcessPool } from '@cookbook/shared/process-pool';
import countPrimes, { chunks } from './09-pool-map.primes.task.ts';

const PRIMES = new URL('./09-pool-map.primes.task.ts', import.meta.url);
const LIMIT = smokeSize(7_000_000, 20_000);
const TASKS = 16;
// The answer any correct count gives (checked again on every run).
const EXPECTED = new Map([[7_000_000, 476_648]]);
// A small count that compiles the hot loop before the clock starts.
const WARM_UP = chunks(200_000, TASKS);

function checked(limit: number, count: number): number {
  const want = EXPECTED.get(limit);
  if (want !== undefined && count !== want) {
    throw new Error(`primes below ${limit}: got ${count}, want ${want}`);
  }
  return count;
}

const pools = new Map<number, ProcessPool>();
async function inPool(size: number): Promise<number> {
  const counts = await pools.get(size)!.map<[number, number], number>(
    chunks(LIMIT, TASKS));
  return checked(LIMIT, counts.reduce((a, b) => a + b, 0));
}
function poolOf(size: number) {
  return {
    before: async () => {
      const pool = new ProcessPool(PRIMES, { size });
      pools.set(size, pool);
      await pool.ready();
      await pool.map(WARM_UP);
    },
    after: () => pools.get(size)?.close(),
  };
}

const PEER = new URL('../../benchmarks/peers/python/pool_cpu.py',
  import.meta.url);
const peer = (workers: number) => ({
  script: PEER,
  args: ['--workers', String(workers), '--limit', String(LIMIT),
    '--tasks', String(TASKS)],
  runs: 1,
});

const serial = (limit: number): number => chunks(limit, TASKS)
  .reduce((sum, chunk) => sum + countPrimes(chunk), 0);

const work = suite('ProcessPool', {
  meta: { limit: LIMIT, tasks: TASKS, 'python-runs': 1 },
  warmup: 0,
})
  .add('impl=serial', () => checked(LIMIT, serial(LIMIT)),
    { before: () => void serial(200_000) })
  .add('impl=pool/workers=1', () => inPool(1), poolOf(1))
  .add('impl=pool/workers=2', () => inPool(2), poolOf(2))
  // More children than cores (DC's mpfib.py N > cores): no faster.
  .add('impl=pool/workers=4', () => inPool(4), poolOf(4))
  // Pool(1) is Python's one-process reference for the speed-up column.
  .peer('peer=python-one-process', peer(1))
  .peer('peer=python-process-pool/workers=2', peer(2));

// ── PoolStartup ──────────────────────────────────────────────────────
async function startPool(size: number): Promise<number> {
  const pool = new ProcessPool(PRIMES, { size });
  await pool.ready();
  await pool.close();
  return 1;
}

// A child in plain JavaScript (no tsx): the floor a fork stands on.
async function plainFork(): Promise<number> {
  const child = spawn(process.execPath,
    ['-e', 'process.send("up", () => process.disconnect())'],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await exited(child);
  return 1;
}

const startup = suite('PoolStartup', { runs: smokeSize(10, 2) })
  .add('impl=plain-js-fork', plainFork)
  .add('impl=process-pool/size=1', () => startPool(1))
  .add('impl=process-pool/size=2', () => startPool(2));

export default [work, startup];
