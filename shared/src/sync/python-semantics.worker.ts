/**
 * Worker body for python-semantics.test.ts.
 * - 'hold': takes a lock (a Condition's, or an RLock), raises `held`,
 *   keeps the lock until `release` is set, notifies the condition if
 *   asked to, then lets go.
 * - 'party': waits at a barrier `rounds` times, attached with the same
 *   action as the main thread, and checks after each wait that the
 *   action of that round has already run (cell ACTIONS).
 * - 'party-default': one wait with no timeout argument; posts what it
 *   threw (the barrier's own default timeout must apply here too).
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { workerInput } from '../workers.ts';
import { Barrier, type BarrierShared } from './barrier.ts';
import { Condition, type ConditionShared } from './condition.ts';
import { Event, type EventShared } from './event.ts';
import { RLock, type RLockShared } from './rlock.ts';

export const ACTIONS = 0; // how many times a barrier action ran
export const EARLY = 1; // waits that returned before their action ran

export type SemanticsInput =
  | { role: 'hold'; cond?: ConditionShared; rlock?: RLockShared;
    held: EventShared; release: EventShared; notify?: boolean }
  | { role: 'party'; barrier: BarrierShared; rounds: number;
    cells: Int32Array }
  | { role: 'party-default'; barrier: BarrierShared };

/** The action every party attaches: count one run. */
export const countRun = (cells: Int32Array) => (): void => {
  Atomics.add(cells, ACTIONS, 1);
};

function hold(input: Extract<SemanticsInput, { role: 'hold' }>): void {
  const cond = input.cond === undefined
    ? undefined
    : Condition.from(input.cond);
  const lock = cond?.mutex ?? RLock.from(input.rlock!);
  lock.lock();
  Event.from(input.held).set();
  Event.from(input.release).wait();
  if (input.notify === true) cond?.notify();
  lock.unlock();
}

function party(input: Extract<SemanticsInput, { role: 'party' }>): void {
  const barrier = Barrier.from(input.barrier, countRun(input.cells));
  for (let round = 1; round <= input.rounds; round++) {
    barrier.wait(10_000);
    if (Atomics.load(input.cells, ACTIONS) < round) {
      Atomics.add(input.cells, EARLY, 1);
    }
  }
}

function partyDefault(barrier: BarrierShared): void {
  try {
    Barrier.from(barrier).wait();
    parentPort?.postMessage('passed');
  } catch (error) {
    parentPort?.postMessage(error instanceof Error ? error.name : 'unknown');
  }
}

if (!isMainThread) {
  const input = workerInput<SemanticsInput>();
  if (input.role === 'hold') hold(input);
  else if (input.role === 'party') party(input);
  else partyDefault(input.barrier);
}
