/**
 * What one task costs to hand to another thread: a fresh worker per task
 * (the baseline), a piscina pool, and the raw postMessage round trip to a
 * persistent worker (the floor any pool sits on). The task does nothing,
 * so we measure overhead only. Target: piscina >= 20x cheaper per task
 * than a worker per task.
 *
 * The raw workers are threads/data-between-threads' echo worker (its
 * exported `startEcho` and `roundTrip`): a TypeScript worker booted
 * through spawnWorker, whose start the WorkerStartup suite measures.
 */
import type { Worker } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { smokeSize, suite } from '@cookbook/bench';
import { pool } from '@cookbook/shared';
import { TASK } from './30-pool-map.ts';
import { roundTrip, startEcho } from './35-data-between-threads.ts';
import { makePayload } from './35-data-between-threads.task.ts';

// Round trips per timed run for the pooled variants (ns/op = per task).
const TASKS = smokeSize(2_000, 20);

// A two-byte message; the echo stamps its last byte with 1. A wrong
// reply throws: the harness compares only the first run's answer, and
// a run that stopped early would look fast.
async function echoOnce(echo: Worker): Promise<true> {
  const reply = await roundTrip(echo, 'clone', makePayload(2, 'clone'));
  if (reply[1] !== 1) throw new Error(`echo replied ${reply[1]}`);
  return true;
}

type AtomicsMode = 'sync' | 'disabled';
const pools = new Map<AtomicsMode, Piscina>();
let echo: Worker | undefined;

async function startPool(atomics: AtomicsMode): Promise<void> {
  const p = pool(TASK, {
    minThreads: 1,
    maxThreads: 1,
    name: 'noop',
    atomics,
  });
  pools.set(atomics, p);
  await p.run(0); // boot the thread outside the clock
}

// One task at a time, like the raw round trips: latency, not throughput.
async function runTasks(p: Piscina | undefined): Promise<true> {
  for (let i = 0; i < TASKS; i++) {
    const got: unknown = await p!.run(i);
    if (got !== i) throw new Error(`task ${i} returned ${String(got)}`);
  }
  return true;
}

export default suite('PoolOverhead', {
  meta: { task: 'no-op', 'pool-threads': 1 },
})
  .add('impl=worker-per-task', async () => {
    const w = startEcho();
    try {
      return await echoOnce(w);
    } finally {
      await w.terminate();
    }
  })
  .add('impl=piscina', () => runTasks(pools.get('sync')), {
    ops: TASKS,
    before: () => startPool('sync'),
    after: () => pools.get('sync')?.destroy(),
  })
  // The fix from threads/pool-atomics-pitfall, and what it costs.
  .add('impl=piscina/atomics=disabled', () =>
    runTasks(pools.get('disabled')), {
    ops: TASKS,
    before: () => startPool('disabled'),
    after: () => pools.get('disabled')?.destroy(),
  })
  .add(
    'impl=raw-postmessage',
    async () => {
      for (let i = 0; i < TASKS; i++) await echoOnce(echo!);
      return true;
    },
    {
      ops: TASKS,
      before: async () => {
        echo = startEcho();
        await echoOnce(echo);
      },
      after: async () => {
        await echo?.terminate();
      },
    },
  );
