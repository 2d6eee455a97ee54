import { expect, test } from 'vitest';
import { main, type Step } from './33-pool-atomics-pitfall.ts';

const counts = (steps: Step[]): [number, number][] =>
  steps.map((s) => [s.immediate, s.timeout]);

test('sync atomics freeze un-awaited callbacks; async and disabled do not',
  async () => {
    const r = await main();
    // Frozen while idle; a sync task thaws nothing; awaiting
    // setImmediate runs the immediate only; awaiting a timer runs both.
    expect(counts(r.sync)).toEqual([[0, 0], [0, 0], [1, 0], [1, 1]]);
    // With the event loop free, both ran while the worker sat idle.
    expect(counts(r.async)).toEqual([[1, 1]]);
    expect(counts(r.disabled)).toEqual([[1, 1]]);
  });
