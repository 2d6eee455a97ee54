/**
 * Worker body for condition.test.ts: a bounded buffer built by hand
 * from one Mutex and two Conditions, the textbook use of a condition
 * variable. Producers wait on `notFull`, consumers on `notEmpty`. The
 * workers count any overflow or underflow they see, and consumers log
 * every item they take so the test can compare multisets.
 */
import { isMainThread } from 'node:worker_threads';
import { workerInput } from '../workers.ts';
import { Condition, type ConditionShared } from './condition.ts';

// Cells of `state`.
export const COUNT = 0;
export const HEAD = 1;
export const REMOVED = 2;
export const VIOLATIONS = 3;
export const LOGGED = 4;
export const STATE_LENGTH = 5;

export interface BufferParts {
  notEmpty: ConditionShared;
  notFull: ConditionShared;
  state: Int32Array;
  ring: Int32Array;
  log: Int32Array;
  total: number;
}

export interface ConditionStressInput extends BufferParts {
  role: 'producer' | 'consumer';
  // Producers put `items`; `style` picks waitFor or a hand-written loop.
  items: number[];
  style: 'waitFor' | 'loop';
}

/** Mutex held: take the oldest item and check the bounds. */
export function takeItem(parts: BufferParts): number {
  const { state, ring } = parts;
  const head = Atomics.load(state, HEAD);
  const item = Atomics.load(ring, head);
  Atomics.store(state, HEAD, (head + 1) % ring.length);
  const count = Atomics.sub(state, COUNT, 1) - 1;
  if (count < 0) Atomics.add(state, VIOLATIONS, 1);
  Atomics.add(state, REMOVED, 1);
  Atomics.store(parts.log, Atomics.add(state, LOGGED, 1), item);
  return item;
}

function produce(input: ConditionStressInput): void {
  const notFull = Condition.from(input.notFull);
  const notEmpty = Condition.from(input.notEmpty);
  const { state, ring } = input;
  const hasRoom = (): boolean => Atomics.load(state, COUNT) < ring.length;
  for (const item of input.items) {
    using _guard = notFull.acquire();
    if (input.style === 'waitFor') notFull.waitFor(hasRoom);
    else while (!hasRoom()) notFull.wait();
    const count = Atomics.load(state, COUNT);
    if (count >= ring.length) Atomics.add(state, VIOLATIONS, 1);
    const head = Atomics.load(state, HEAD);
    Atomics.store(ring, (head + count) % ring.length, item);
    Atomics.store(state, COUNT, count + 1);
    notEmpty.notify();
  }
}

function consume(input: ConditionStressInput): void {
  const notFull = Condition.from(input.notFull);
  const notEmpty = Condition.from(input.notEmpty);
  const { state, total } = input;
  const ready = (): boolean =>
    Atomics.load(state, COUNT) > 0 || Atomics.load(state, REMOVED) >= total;
  for (;;) {
    using _guard = notEmpty.acquire();
    // The loop style waits with a timeout, to run the timed path too.
    if (input.style === 'waitFor') notEmpty.waitFor(ready);
    else while (!ready()) notEmpty.wait(1_000);
    if (Atomics.load(state, COUNT) === 0) return;
    takeItem(input);
    notFull.notify();
    // The last item: wake the other consumers so they can see the end.
    if (Atomics.load(state, REMOVED) === total) notEmpty.notifyAll();
  }
}

if (!isMainThread) {
  const input = workerInput<ConditionStressInput>();
  if (input.role === 'producer') produce(input);
  else consume(input);
}
