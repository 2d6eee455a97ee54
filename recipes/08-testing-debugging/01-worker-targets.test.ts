import { expect, test } from 'vitest';
import { main } from './01-worker-targets.ts';

test('the main session attaches to each worker and pauses it in run()',
  async () => {
    const { seen, printed } = await main();
    expect(seen.map((s) => [s.name, s.functionName, s.duration])).toEqual([
      ['Thread#1', 'run', 10],
      ['Thread#2', 'run', 10],
      ['Thread#3', 'run', 7],
    ]);
    // Three workers, three distinct inspector targets.
    expect(new Set(seen.map((s) => s.target)).size).toBe(3);
    // Each thread went on after the pause and finished its run().
    for (const name of ['Thread#1', 'Thread#2', 'Thread#3']) {
      expect(printed).toContain(`---> ${name} over`);
    }
    expect(printed).toHaveLength(6);
  });
