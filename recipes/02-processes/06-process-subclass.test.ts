import { expect, test } from 'vitest';
import { main } from './06-process-subclass.ts';

// Three of the book's ten: each child costs a tsx start-up, and the
// output test runs all ten.
const COUNT = 3;

test('subclass instances run in their own processes, one after another',
  async () => {
    const ran = await main(COUNT);
    // Python's default names: class name and a per-class counter.
    expect(ran.map((r) => r.name)).toEqual(Array.from({ length: COUNT },
      (_, i) => `MyProcess-${i + 1}`));
    expect(ran.map((r) => r.code)).toEqual(Array(COUNT).fill(0));
    const pids = new Set(ran.map((r) => r.pid));
    expect(pids.size).toBe(COUNT);
    expect(pids.has(process.pid)).toBe(false);
  }, 60_000);
