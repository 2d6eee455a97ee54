import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './17-scoped-acquire.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

const NAMES = ['Mutex', 'RLock', 'Condition', 'Semaphore'];

test('each thread takes each primitive once, in its own way', () => {
  // Within one thread the order is the program's; across the two the
  // lines interleave, so we compare each thread's lines on their own.
  const of = (thread: string): string[] =>
    result.lines.filter((l) => l.startsWith(`(${thread})`));
  expect(of('Thread-1')).toEqual(
    NAMES.map((n) => `(Thread-1) ${n} acquired via using`));
  expect(of('Thread-2')).toEqual(
    NAMES.map((n) => `(Thread-2) ${n} acquired directly`));
});

test('both let go: the main thread takes each without waiting', () => {
  expect(result.freeForMain).toEqual(
    Object.fromEntries(NAMES.map((n) => [n, true])));
});
