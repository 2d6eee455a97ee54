import { beforeAll, expect, test } from 'vitest';
import { ITEMS, main, type Result } from './12-semaphore.ts';

let result: Result;
beforeAll(async () => { result = await main(); }, 60_000);

test('each round hands over its item through Semaphore(0)', () => {
  expect(result.rounds.map((lines) => lines.map((l) => l.text).sort()))
    .toEqual(ITEMS.map((item) => [
      'Consumer is waiting',
      `Consumer notify: item number ${item}`,
      `Producer notify: item number ${item}`,
    ]));
});

test('the consumer takes the item only after the producer released it',
  () => {
    // The shared clock orders events across threads: release happens
    // after the producer's line, acquire returns before the consumer's.
    for (const lines of result.rounds) {
      const at = (prefix: string): number =>
        lines.find((l) => l.text.startsWith(prefix))?.at ?? -1;
      expect(at('Producer notify')).toBeLessThan(at('Consumer notify'));
      expect(at('Consumer is waiting')).toBeLessThan(at('Consumer notify'));
    }
  });
