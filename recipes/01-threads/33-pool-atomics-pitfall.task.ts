/**
 * The worker side of threads/pool-atomics-pitfall: a task that starts
 * async work and returns without awaiting it, and three follow-up tasks.
 */

// Cells of the shared Int32Array: how often each callback ran, and a
// total that the main thread watches.
export const IMMEDIATE = 0;
export const TIMEOUT = 1;
export const FIRED = 2;

function bump(cells: Int32Array, cell: number): void {
  Atomics.add(cells, cell, 1);
  Atomics.add(cells, FIRED, 1);
}

// The mistake: work scheduled for "later" that nobody awaits (a logger
// flush, a cache write, a metrics timer, ...). Promise callbacks are not
// affected: microtasks run before the worker goes back to waiting.
export default function leaveWorkBehind(cells: Int32Array): string {
  setImmediate(() => bump(cells, IMMEDIATE));
  setTimeout(() => bump(cells, TIMEOUT), 0);
  return 'returned';
}

// Follow-ups: one that never gives the event loop a turn, one that waits
// for the loop's "check" phase, one that waits for its "timers" phase.
export function syncTask(): string {
  return 'sync';
}

export async function awaitImmediate(): Promise<string> {
  await new Promise((resolve) => setImmediate(resolve));
  return 'immediate';
}

export async function awaitTimer(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return 'timer';
}
