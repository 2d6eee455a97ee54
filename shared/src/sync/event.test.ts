import { describe, expect, test } from 'vitest';
import { terminatedAfterEach } from './testkit.ts';
import { joinAll, spawnWorker } from '../workers.ts';
import { Event } from './event.ts';
import { deadlineOf, waitAsync } from './futex.ts';
import {
  ACKS,
  MISSED,
  READY,
  ROUND,
  type EventStressInput,
} from './event-stress.worker.ts';

const WORKER = new URL('./event-stress.worker.ts', import.meta.url);
const WORKERS = 4;
const ROUNDS = 150;

const workers = terminatedAfterEach();

// Waits, without blocking the main thread, until a counter reaches
// `target`; gives up after 10 s so a lost wake-up fails the test.
async function until(
  cells: Int32Array,
  index: number,
  target: number,
): Promise<void> {
  const deadline = deadlineOf(10_000);
  for (;;) {
    const value = Atomics.load(cells, index);
    if (value >= target) return;
    if ((await waitAsync(cells, index, value, deadline)) === 'timed-out') {
      throw new Error(`cell ${index} stuck at ${value}, want ${target}`);
    }
  }
}

describe('Event on one thread', () => {
  test('set, clear, isSet and timed waits', async () => {
    const event = new Event();
    expect(event.isSet()).toBe(false);
    expect(event.wait(50)).toBe(false);
    expect(await event.waitAsync(50)).toBe(false);
    event.set();
    expect(event.isSet()).toBe(true);
    expect(event.wait()).toBe(true);
    expect(await event.waitAsync()).toBe(true);
    event.clear();
    expect(event.isSet()).toBe(false);
    expect(event.wait(0)).toBe(false);
  });

  test('set-then-clear still wakes every current waiter', async () => {
    const event = new Event();
    const waits = [1, 2, 3].map(() => event.waitAsync(5_000));
    event.set();
    event.clear();
    expect(await Promise.all(waits)).toEqual([true, true, true]);
    // A waiter that comes after the clear waits for the next set.
    expect(await event.waitAsync(30)).toBe(false);
  });

  test('from() shares the flag', () => {
    const event = new Event();
    Event.from(event.shared).set();
    expect(event.isSet()).toBe(true);
  });
});

describe('Event across worker threads', () => {
  test('no lost wake-ups over many set/clear rounds', async () => {
    const event = new Event();
    const cells = new Int32Array(new SharedArrayBuffer(4 * 4));
    const input: EventStressInput = {
      event: event.shared,
      cells,
      blockingRounds: ROUNDS,
      asyncRounds: ROUNDS,
    };
    const started = Array.from({ length: WORKERS }, () =>
      spawnWorker(WORKER, input),
    );
    workers.push(...started);
    const joined = joinAll(started);
    joined.catch(() => undefined);
    for (let round = 0; round < 2 * ROUNDS; round++) {
      const everyone = WORKERS * (round + 1);
      await until(cells, READY, everyone);
      event.set();
      if (round < ROUNDS) {
        // Blocking round: clear only after everyone has woken, so a
        // late waiter still finds the flag up.
        await until(cells, ACKS, everyone);
        event.clear();
      } else {
        // Async round: every waiter is already waiting, so set and
        // clear at once; the generation must still release them.
        event.clear();
        await until(cells, ACKS, everyone);
      }
      Atomics.store(cells, ROUND, round + 1);
      Atomics.notify(cells, ROUND);
    }
    await joined;
    expect(Atomics.load(cells, MISSED)).toBe(0);
    expect(Atomics.load(cells, ACKS)).toBe(2 * ROUNDS * WORKERS);
  });
});
