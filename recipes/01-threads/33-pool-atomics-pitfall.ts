/**
 * The Atomics wait pitfall: un-awaited work freezes in an idle worker
 *
 * @book    DC ch. 3 "Parallelism in Python" › Multiple processes (the
 *          thread-pool executor; beyond the book: a Python pool thread
 *          keeps running timers)
 * @covers  none
 * @run     npm run recipe -- threads/pool-atomics-pitfall
 * @see     threads/pool-map
 *
 * An idle piscina worker does not sit in its event loop: by default
 * (`atomics: 'sync'`) it blocks in `Atomics.wait` and reads the next
 * task straight off its port, skipping a 'message' event. So a timer
 * or `setImmediate` that a task starts but does not await is frozen.
 * Nor does the next task simply thaw it: a synchronous task never gives
 * the event loop a turn, and a task that awaits `setImmediate` lets the
 * "check" phase run but not the "timers" phase. `atomics: 'async'`
 * (`Atomics.waitAsync`) or `'disabled'` keeps it turning (piscina 5.3.2).
 */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { isEntry, pool } from '@cookbook/shared';
import { FIRED, IMMEDIATE, TIMEOUT } from './33-pool-atomics-pitfall.task.ts';

// The task file: its default task leaves a setImmediate and a
// setTimeout(0) behind, each of which bumps a shared counter.
const TASK = new URL('./33-pool-atomics-pitfall.task.ts', import.meta.url);

// How long we leave an idle worker alone before we read the counters.
const IDLE_MS = 300;

// The three settings of piscina's `atomics` option; a Step is what one
// look at the task's counters saw, and after what.
type Mode = 'sync' | 'async' | 'disabled';
export interface Step { after: string; immediate: number; timeout: number }
export type Result = Record<Mode, Step[]>;

// Waits until both callbacks ran, or IDLE_MS passed: a frozen worker
// costs the full wait, a live one returns at once.
async function look(cells: Int32Array, after: string): Promise<Step> {
  // We poll the counters from this thread, whose event loop turns.
  const deadline = performance.now() + IDLE_MS;
  while (Atomics.load(cells, FIRED) < 2 && performance.now() < deadline) {
    await sleep(5);
  }
  // Then we print and return how many of each callback had run.
  const step = { after, immediate: Atomics.load(cells, IMMEDIATE),
    timeout: Atomics.load(cells, TIMEOUT) };
  console.log(`  ${after.padEnd(36)} immediate ${step.immediate}, ` +
    `timeout ${step.timeout}`);
  return step;
}

// One pool per mode: a task schedules callbacks and returns; we look
// at what ran while the worker sat idle, then after each later task.
async function tryMode(atomics: Mode): Promise<Step[]> {
  const p = pool(TASK, { minThreads: 1, maxThreads: 1, atomics });
  // The task's counters (FIRED, IMMEDIATE, TIMEOUT), shared.
  const cells = new Int32Array(new SharedArrayBuffer(12));
  try {
    console.log(`atomics '${p.options.atomics}'` +
      (atomics === 'sync' ? ' (the default):' : ':'));
    // The task returns at once; its callbacks are still pending.
    await p.run(cells);
    const steps = [await look(cells, `then ${IDLE_MS} ms idle:`)];
    // Only 'sync' froze them: the other modes are done here.
    if (atomics !== 'sync') return steps;

    // Does the next task thaw the frozen callbacks? Only partly: we run
    // three kinds of task on the same thread and look after each.
    const followUps = [
      ['syncTask', 'after a synchronous task:'],
      ['awaitImmediate', 'after a task awaiting setImmediate:'],
      ['awaitTimer', 'after a task awaiting a timer:'],
    ];
    for (const [name, after] of followUps) {
      await p.run(null, { name: name! });
      steps.push(await look(cells, after!));
    }
    return steps;
  } finally {
    await p.destroy();
  }
}

// The three modes of piscina's `atomics` option, side by side.
// We print the machine's cores first, as describePool would.
export async function main(): Promise<Result> {
  console.log(`pools of 1 thread, cores ${os.availableParallelism()}`);
  console.log('the task leaves a setImmediate and a setTimeout(0) behind');
  return {
    sync: await tryMode('sync'),
    async: await tryMode('async'),
    disabled: await tryMode('disabled'),
  };
}

// Run as the entry, this file tries the three modes and prints them.
if (isEntry(import.meta.url)) await main();

// Output:
// pools of 1 thread, cores {*}
// the task leaves a setImmediate and a setTimeout(0) behind
// atomics 'sync' (the default):
//   then 300 ms idle:                    immediate 0, timeout 0
//   after a synchronous task:            immediate 0, timeout 0
//   after a task awaiting setImmediate:  immediate 1, timeout 0
//   after a task awaiting a timer:       immediate 1, timeout 1
// atomics 'async':
//   then 300 ms idle:                    immediate 1, timeout 1
// atomics 'disabled':
//   then 300 ms idle:                    immediate 1, timeout 1
