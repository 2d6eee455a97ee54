/**
 * Worker body for barrier.test.ts.
 * - 'cycles': in every cycle the worker draws a ticket from a shared
 *   counter, waits at the barrier, then draws another. Tickets are a
 *   logical clock: if the barrier works, every ticket drawn after it in
 *   a cycle is larger than every ticket drawn before it.
 * - 'extra': more threads than parties; the worker counts the arrival
 *   indices it gets.
 * - 'abort': the worker waits once and posts what the wait threw.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { workerInput } from '../workers.ts';
import { Barrier, type BarrierShared } from './barrier.ts';

export interface BarrierStressInput {
  role: 'cycles' | 'extra' | 'abort';
  barrier: BarrierShared;
  id: number;
  cycles: number;
  // Cell 0 is the ticket counter; the rest is laid out by `slot`.
  cells: Int32Array;
}

/**
 * Where thread `id` keeps its tickets for `cycle`: per cycle, `parties`
 * pre-barrier tickets, `parties` post-barrier tickets, and one cell of
 * bits, one bit per arrival index handed out.
 */
export function slot(
  parties: number,
  cycle: number,
  id: number,
): { pre: number; post: number; index: number } {
  const base = 1 + (2 * parties + 1) * cycle;
  return {
    pre: base + id,
    post: base + parties + id,
    index: base + 2 * parties,
  };
}

function cycles(input: BarrierStressInput, barrier: Barrier): void {
  const { cells, id } = input;
  for (let cycle = 0; cycle < input.cycles; cycle++) {
    const at = slot(barrier.parties, cycle, id);
    Atomics.store(cells, at.pre, Atomics.add(cells, 0, 1));
    const index = barrier.wait();
    Atomics.store(cells, at.post, Atomics.add(cells, 0, 1));
    // Each index once per cycle: add a bit per index.
    Atomics.or(cells, at.index, 1 << index);
  }
}

// Threads claim arrivals from a shared budget of `cycles * parties`
// (cell 2) before they wait. Fixed per-thread counts could strand the
// last thread with no partner; a shared, whole number of generations
// cannot.
function extra(input: BarrierStressInput, barrier: Barrier): void {
  const { cells } = input;
  const budget = input.cycles * barrier.parties;
  while (Atomics.add(cells, 2, 1) < budget) {
    Atomics.add(cells, barrier.wait(), 1);
  }
}

function abort(barrier: Barrier): void {
  try {
    barrier.wait();
    parentPort?.postMessage('passed');
  } catch (error) {
    parentPort?.postMessage(error instanceof Error ? error.name : 'unknown');
  }
}

if (!isMainThread) {
  const input = workerInput<BarrierStressInput>();
  const barrier = Barrier.from(input.barrier);
  if (input.role === 'cycles') cycles(input, barrier);
  else if (input.role === 'extra') extra(input, barrier);
  else abort(barrier);
}
