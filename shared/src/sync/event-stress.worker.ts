/**
 * Worker body for event.test.ts. The main thread runs numbered rounds;
 * in each one every worker waits on the event once and reports whether
 * the wait returned true. Blocking rounds use `wait()`; async rounds
 * use `waitAsync()`, and there the worker reports itself ready only
 * after the wait has begun, so the main thread can `set()` and at once
 * `clear()` and still expect every waiter to wake.
 */
import { isMainThread } from 'node:worker_threads';
import { workerInput } from '../workers.ts';
import { Event, type EventShared } from './event.ts';

// Cells of `cells`.
export const ROUND = 0;
export const READY = 1;
export const ACKS = 2;
export const MISSED = 3;

export interface EventStressInput {
  event: EventShared;
  cells: Int32Array;
  blockingRounds: number;
  asyncRounds: number;
}

function bump(cells: Int32Array, index: number): void {
  Atomics.add(cells, index, 1);
  Atomics.notify(cells, index);
}

// Sleeps until the main thread opens `round`.
function awaitRound(cells: Int32Array, round: number): void {
  for (;;) {
    const now = Atomics.load(cells, ROUND);
    if (now >= round) return;
    Atomics.wait(cells, ROUND, now);
  }
}

async function run(input: EventStressInput): Promise<void> {
  const event = Event.from(input.event);
  const { cells, blockingRounds, asyncRounds } = input;
  for (let round = 0; round < blockingRounds + asyncRounds; round++) {
    awaitRound(cells, round);
    let ok: boolean;
    if (round < blockingRounds) {
      bump(cells, READY);
      ok = event.wait(10_000);
    } else {
      const pending = event.waitAsync(10_000);
      bump(cells, READY);
      ok = await pending;
    }
    if (!ok) Atomics.add(cells, MISSED, 1);
    bump(cells, ACKS);
  }
}

// The test imports the cell names from here; only workers run rounds.
if (!isMainThread) await run(workerInput<EventStressInput>());
